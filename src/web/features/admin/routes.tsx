import { Route } from 'react-router';
import { OfficialFiguresPage } from '../observatory/OfficialFiguresPage.tsx';
import { AdminIndex, AdminLayout } from './AdminLayout.tsx';
import { AuditTab } from './AuditTab.tsx';
import { ImportTab } from './ImportTab.tsx';
import { NetworkMembersPage } from './NetworkMembersPage.tsx';
import { NetworkSettingsPage } from './NetworkSettingsPage.tsx';
import { NetworksTab } from './NetworksTab.tsx';
import { NewOrganizationPage } from './NewOrganizationPage.tsx';
import { OutboxTab } from './OutboxTab.tsx';

export const adminRoutes = (
  <Route path="admin" element={<AdminLayout />}>
    <Route index element={<AdminIndex />} />
    <Route path="reseaux" element={<NetworksTab />} />
    <Route path="reseaux/:id" element={<NetworkMembersPage />} />
    <Route path="reseaux/:id/fiche" element={<NetworkSettingsPage />} />
    <Route path="journal" element={<AuditTab />} />
    <Route path="envois" element={<OutboxTab />} />
    <Route path="import" element={<ImportTab />} />
    <Route path="chiffres-publies" element={<OfficialFiguresPage />} />
    <Route path="organisations/nouvelle" element={<NewOrganizationPage />} />
  </Route>
);
