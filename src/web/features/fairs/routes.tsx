import { Route } from 'react-router';
import { lazyPage } from '../../lib/lazy-page.ts';

const FairApplyPage = lazyPage(() => import('./FairPages.tsx'), 'FairApplyPage');
const FairPage = lazyPage(() => import('./FairPages.tsx'), 'FairPage');
const FairsPage = lazyPage(() => import('./FairPages.tsx'), 'FairsPage');
const FairReviewPage = lazyPage(() => import('./FairReviewPage.tsx'), 'FairReviewPage');

export const fairsRoutes = (
  <>
    <Route path="salons" element={<FairsPage />} />
    <Route path="salons/:id" element={<FairPage />} />
    <Route path="salons/:id/candidater" element={<FairApplyPage />} />
    <Route path="salons/:id/gestion" element={<FairReviewPage />} />
  </>
);
