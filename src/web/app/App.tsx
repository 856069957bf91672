import { Suspense } from 'react';
import { Outlet, Route, Routes } from 'react-router';
import { accountsRoutes } from '../features/accounts/routes.tsx';
import { adminRoutes } from '../features/admin/routes.tsx';
import { directoryRoutes } from '../features/directory/routes.tsx';
import { eventsBareRoutes, eventsRoutes } from '../features/events/routes.tsx';
import { fairsRoutes } from '../features/fairs/routes.tsx';
import { gtecRoutes } from '../features/gtec/routes.tsx';
import { homeRoutes } from '../features/home/routes.tsx';
import { legalRoutes } from '../features/legal/routes.tsx';
import { membershipsRoutes } from '../features/memberships/routes.tsx';
import { networkingRoutes } from '../features/networking/routes.tsx';
import { newsRoutes } from '../features/news/routes.tsx';
import { newsletterIssuesRoutes } from '../features/newsletters/issues/routes.tsx';
import { newslettersRoutes } from '../features/newsletters/routes.tsx';
import { observatoryRoutes } from '../features/observatory/routes.tsx';
import { privacyRoutes } from '../features/privacy/routes.tsx';
import { registrationsRoutes } from '../features/registrations/routes.tsx';
import { relationsRoutes } from '../features/relations/routes.tsx';
import { NotFound } from './ComingSoon.tsx';
import { Layout } from './Layout.tsx';

/*
 * Every page of the app. A feature exports a `<feature>Routes` fragment of <Route> elements (paths relative to
 * the root, French: /annuaire, /agenda…) from src/web/features/<feature>/routes.tsx and adds it here with one line.
 */
export function App() {
  return (
    <Routes>
      <Route element={<Bare />}>{eventsBareRoutes}</Route>
      <Route element={<Layout />}>
        {homeRoutes}
        {directoryRoutes}
        {accountsRoutes}
        {adminRoutes}
        {registrationsRoutes}
        {fairsRoutes}
        {eventsRoutes}
        {observatoryRoutes}
        {legalRoutes}
        {membershipsRoutes}
        {networkingRoutes}
        {relationsRoutes}
        {newslettersRoutes}
        {gtecRoutes}
        {newsRoutes}
        {privacyRoutes}
        {newsletterIssuesRoutes}
        <Route path="*" element={<NotFound />} />
      </Route>
    </Routes>
  );
}

/** Pages without header or footer (embedded in another site): they load with their feature's code too. */
function Bare() {
  return (
    <Suspense fallback={null}>
      <Outlet />
    </Suspense>
  );
}
