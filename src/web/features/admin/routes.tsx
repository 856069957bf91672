import { Route } from 'react-router';
import { lazyPage } from '../../lib/lazy-page.ts';
import { AdminIndex, AdminLayout } from './AdminLayout.tsx';

const AuditTab = lazyPage(() => import('./AuditTab.tsx'), 'AuditTab');
const ImportTab = lazyPage(() => import('./ImportTab.tsx'), 'ImportTab');
const NetworkMembersPage = lazyPage(() => import('./NetworkMembersPage.tsx'), 'NetworkMembersPage');
const NetworkSettingsPage = lazyPage(() => import('./NetworkSettingsPage.tsx'), 'NetworkSettingsPage');
const NetworksTab = lazyPage(() => import('./NetworksTab.tsx'), 'NetworksTab');
const NewOrganizationPage = lazyPage(() => import('./NewOrganizationPage.tsx'), 'NewOrganizationPage');
const OfficialFiguresPage = lazyPage(
  () => import('../observatory/OfficialFiguresPage.tsx'),
  'OfficialFiguresPage',
);
const OutboxTab = lazyPage(() => import('./OutboxTab.tsx'), 'OutboxTab');

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
