import { Route } from 'react-router';
import { lazyPage } from '../../lib/lazy-page.ts';

const GtecHome = lazyPage(() => import('./WavesPages.tsx'), 'GtecHome');
const WavesPage = lazyPage(() => import('./WavesPages.tsx'), 'WavesPage');
const WavePage = lazyPage(() => import('./WavesPages.tsx'), 'WavePage');
const ReportPage = lazyPage(() => import('./ReportPage.tsx'), 'ReportPage');
const AnswerPage = lazyPage(() => import('./AnswerPage.tsx'), 'AnswerPage');

export const gtecRoutes = (
  <>
    <Route path="gtec" element={<GtecHome />} />
    <Route path="gtec/reseau/:id" element={<WavesPage />} />
    <Route path="gtec/vagues/:id" element={<WavePage />} />
    <Route path="gtec/vagues/:id/repondre" element={<AnswerPage />} />
    <Route path="gtec/vagues/:id/rapport" element={<ReportPage />} />
  </>
);
