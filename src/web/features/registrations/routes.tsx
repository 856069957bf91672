import { Route } from 'react-router';
import { lazyPage } from '../../lib/lazy-page.ts';

const CheckInPage = lazyPage(() => import('./CheckInPage.tsx'), 'CheckInPage');
const ConfirmSignUpPage = lazyPage(() => import('./ConfirmSignUpPage.tsx'), 'ConfirmSignUpPage');
const OverviewPage = lazyPage(() => import('./OverviewPage.tsx'), 'OverviewPage');
const RegistrantsPage = lazyPage(() => import('./RegistrantsPage.tsx'), 'RegistrantsPage');
const CancelPage = lazyPage(() => import('./TicketPages.tsx'), 'CancelPage');
const StandaloneRegistrationPage = lazyPage(() => import('./TicketPages.tsx'), 'StandaloneRegistrationPage');
const TicketPage = lazyPage(() => import('./TicketPages.tsx'), 'TicketPage');

export const registrationsRoutes = (
  <>
    <Route path="inscription/:eventId" element={<StandaloneRegistrationPage />} />
    <Route path="inscription/confirmer/:token" element={<ConfirmSignUpPage />} />
    <Route path="billet/:token" element={<TicketPage />} />
    <Route path="billet/:token/annuler" element={<CancelPage />} />
    <Route path="inscriptions" element={<OverviewPage />} />
    <Route path="inscriptions/evenement/:id" element={<RegistrantsPage />} />
    <Route path="inscriptions/evenement/:id/accueil" element={<CheckInPage />} />
  </>
);
