import { Route, Routes } from 'react-router';
import { accountsRoutes } from '../features/accounts/routes.tsx';
import { adminRoutes } from '../features/admin/routes.tsx';
import { directoryRoutes } from '../features/directory/routes.tsx';
import { eventsRoutes } from '../features/events/routes.tsx';
import { fairsRoutes } from '../features/fairs/routes.tsx';
import { homeRoutes } from '../features/home/routes.tsx';
import { observatoryRoutes } from '../features/observatory/routes.tsx';
import { registrationsRoutes } from '../features/registrations/routes.tsx';
import { ComingSoon, NotFound } from './ComingSoon.tsx';
import { Layout } from './Layout.tsx';

/*
 * Every page of the app. A feature exports a `<feature>Routes` fragment of <Route> elements (paths relative to
 * the root, French: /annuaire, /agenda…) from src/web/features/<feature>/routes.tsx and adds it here with one line.
 */
export function App() {
  return (
    <Routes>
      <Route element={<Layout />}>
        {homeRoutes}
        {directoryRoutes}
        {accountsRoutes}
        {adminRoutes}
        {registrationsRoutes}
        {fairsRoutes}
        {eventsRoutes}
        {observatoryRoutes}
        <Route
          path="adherents/*"
          element={<ComingSoon titleKey="app.nav.members" textKey="app.soon.members" />}
        />
        <Route path="gtec/*" element={<ComingSoon titleKey="app.nav.gtec" textKey="app.soon.gtec" />} />
        <Route path="*" element={<NotFound />} />
      </Route>
    </Routes>
  );
}
