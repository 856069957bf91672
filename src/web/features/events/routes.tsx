import { Route } from 'react-router';
import { AgendaPage } from './AgendaPage.tsx';
import { CampaignFormPage } from './CampaignFormPage.tsx';
import { DashboardPage } from './DashboardPage.tsx';
import { EventFormPage } from './EventFormPage.tsx';
import { EventPage } from './EventPage.tsx';
import { CampaignPage, ModerationPage, MyEventsPage, OrganizerPage } from './ManagePages.tsx';

export const eventsRoutes = (
  <>
    <Route path="agenda" element={<AgendaPage />} />
    <Route path="agenda/proposer" element={<EventFormPage />} />
    <Route path="agenda/mes-evenements" element={<MyEventsPage />} />
    <Route path="agenda/moderation" element={<ModerationPage />} />
    <Route path="agenda/evenements/:id" element={<EventPage />} />
    <Route path="agenda/evenements/:id/modifier" element={<EventFormPage />} />
    <Route path="agenda/campagnes/nouvelle" element={<CampaignFormPage />} />
    <Route path="agenda/campagnes/:slug" element={<CampaignPage />} />
    <Route path="agenda/campagnes/:slug/modifier" element={<CampaignFormPage />} />
    <Route path="agenda/campagnes/:slug/tableau-de-bord" element={<DashboardPage />} />
    <Route path="agenda/organisateurs/:id" element={<OrganizerPage />} />
  </>
);
