import { Route } from 'react-router';
import { lazyPage } from '../../../lib/lazy-page.ts';

const IssuesHome = lazyPage(() => import('./IssuesPages.tsx'), 'IssuesHome');
const IssuesListPage = lazyPage(() => import('./IssuesPages.tsx'), 'IssuesListPage');
const ArchivePage = lazyPage(() => import('./IssuesPages.tsx'), 'ArchivePage');
const ComposerPage = lazyPage(() => import('./ComposerPage.tsx'), 'ComposerPage');

export const newsletterIssuesRoutes = (
  <>
    <Route path="lettres/envois" element={<IssuesHome />} />
    <Route path="lettres/envois/reseau/:networkId" element={<IssuesListPage />} />
    <Route path="lettres/envois/numeros/:id" element={<ComposerPage />} />
    <Route path="lettres/archives/:slug" element={<ArchivePage />} />
  </>
);
