import { Route } from 'react-router';
import { lazyPage } from '../../lib/lazy-page.ts';

const DirectoryPage = lazyPage(() => import('./DirectoryPage.tsx'), 'DirectoryPage');
const OrganizationEditPage = lazyPage(() => import('./OrganizationEditPage.tsx'), 'OrganizationEditPage');
const OrganizationPage = lazyPage(() => import('./OrganizationPage.tsx'), 'OrganizationPage');

export const directoryRoutes = (
  <>
    <Route path="annuaire" element={<DirectoryPage />} />
    <Route path="annuaire/:id" element={<OrganizationPage />} />
    <Route path="annuaire/:id/modifier" element={<OrganizationEditPage />} />
  </>
);
