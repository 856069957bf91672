import { Route } from 'react-router';
import { lazyPage } from '../../lib/lazy-page.ts';

const AgendaPage = lazyPage(() => import('./AgendaPage.tsx'), 'AgendaPage');
const CampaignFormPage = lazyPage(() => import('./CampaignFormPage.tsx'), 'CampaignFormPage');
const DashboardPage = lazyPage(() => import('./DashboardPage.tsx'), 'DashboardPage');
const EventFormPage = lazyPage(() => import('./EventFormPage.tsx'), 'EventFormPage');
const AgendaEmbedPage = lazyPage(() => import('./AgendaEmbed.tsx'), 'AgendaEmbedPage');
const EventPage = lazyPage(() => import('./EventPage.tsx'), 'EventPage');
const CampaignPage = lazyPage(() => import('./ManagePages.tsx'), 'CampaignPage');
const ModerationPage = lazyPage(() => import('./ManagePages.tsx'), 'ModerationPage');
const MyEventsPage = lazyPage(() => import('./ManagePages.tsx'), 'MyEventsPage');
const OrganizerPage = lazyPage(() => import('./ManagePages.tsx'), 'OrganizerPage');

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

/** Pages shown without the site's header and footer (inside another site's iframe). */
export const eventsBareRoutes = <Route path="integration/agenda" element={<AgendaEmbedPage />} />;
