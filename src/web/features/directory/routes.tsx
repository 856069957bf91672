import { Route } from 'react-router';
import { DirectoryPage } from './DirectoryPage.tsx';
import { OrganizationEditPage } from './OrganizationEditPage.tsx';
import { OrganizationPage } from './OrganizationPage.tsx';

export const directoryRoutes = (
  <>
    <Route path="annuaire" element={<DirectoryPage />} />
    <Route path="annuaire/:id" element={<OrganizationPage />} />
    <Route path="annuaire/:id/modifier" element={<OrganizationEditPage />} />
  </>
);
