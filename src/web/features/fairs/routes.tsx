import { Route } from 'react-router';
import { FairApplyPage, FairPage, FairsPage } from './FairPages.tsx';
import { FairReviewPage } from './FairReviewPage.tsx';

export const fairsRoutes = (
  <>
    <Route path="salons" element={<FairsPage />} />
    <Route path="salons/:id" element={<FairPage />} />
    <Route path="salons/:id/candidater" element={<FairApplyPage />} />
    <Route path="salons/:id/gestion" element={<FairReviewPage />} />
  </>
);
