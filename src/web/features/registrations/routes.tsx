import { Route } from 'react-router';
import { CheckInPage } from './CheckInPage.tsx';
import { OverviewPage } from './OverviewPage.tsx';
import { RegistrantsPage } from './RegistrantsPage.tsx';
import { CancelPage, StandaloneRegistrationPage, TicketPage } from './TicketPages.tsx';

export const registrationsRoutes = (
  <>
    <Route path="inscription/:eventId" element={<StandaloneRegistrationPage />} />
    <Route path="billet/:token" element={<TicketPage />} />
    <Route path="billet/:token/annuler" element={<CancelPage />} />
    <Route path="inscriptions" element={<OverviewPage />} />
    <Route path="inscriptions/evenement/:id" element={<RegistrantsPage />} />
    <Route path="inscriptions/evenement/:id/accueil" element={<CheckInPage />} />
  </>
);
