import { Route } from 'react-router';
import { JoinPage } from './JoinPage.tsx';
import { MemberDirectoryPage } from './MemberDirectoryPage.tsx';
import { MemberPage } from './MemberPage.tsx';
import { MembersHome } from './MembersHome.tsx';
import { NetworkMembersAdmin } from './NetworkMembersAdmin.tsx';
import { RadarPage } from './RadarPage.tsx';
import { RenewalPage } from './RenewalPage.tsx';

export const membershipsRoutes = (
  <>
    <Route path="adherents" element={<MembersHome />} />
    <Route path="adherents/reseau/:id" element={<NetworkMembersAdmin />} />
    <Route path="adherents/reseau/:id/radar" element={<RadarPage />} />
    <Route path="adherents/fiche/:id" element={<MemberPage />} />
    <Route path="adherents/annuaire/:id" element={<MemberDirectoryPage />} />
    <Route path="adherents/adherer/:id" element={<JoinPage />} />
    <Route path="adherents/renouveler/:token" element={<RenewalPage />} />
  </>
);
