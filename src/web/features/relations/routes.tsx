import { Route } from 'react-router';
import { lazyPage } from '../../lib/lazy-page.ts';

const RelationsHome = lazyPage(() => import('./RelationsPages.tsx'), 'RelationsHome');
const RelationsListPage = lazyPage(() => import('./RelationsPages.tsx'), 'RelationsListPage');
const TerritoryTimelinePage = lazyPage(() => import('./TerritoryPage.tsx'), 'TerritoryTimelinePage');
const ContactPage = lazyPage(() => import('./ContactPage.tsx'), 'ContactPage');

export const relationsRoutes = (
  <>
    <Route path="relations" element={<RelationsHome />} />
    <Route path="relations/reseau/:id" element={<RelationsListPage />} />
    <Route path="relations/reseau/:id/territoire" element={<TerritoryTimelinePage />} />
    <Route path="relations/contacts/:id" element={<ContactPage />} />
  </>
);
