import { Route } from 'react-router';
import { lazyPage } from '../../lib/lazy-page.ts';

const LegalNoticePage = lazyPage(() => import('./LegalPages.tsx'), 'LegalNoticePage');
const PrivacyPage = lazyPage(() => import('./LegalPages.tsx'), 'PrivacyPage');

export const legalRoutes = (
  <>
    <Route path="mentions-legales" element={<LegalNoticePage />} />
    <Route path="confidentialite" element={<PrivacyPage />} />
  </>
);
