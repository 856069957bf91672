import { Route } from 'react-router';
import { lazyPage } from '../../lib/lazy-page.ts';

const NewslettersHome = lazyPage(() => import('./StaffPages.tsx'), 'NewslettersHome');
const NetworkListsPage = lazyPage(() => import('./StaffPages.tsx'), 'NetworkListsPage');
const ListPage = lazyPage(() => import('./StaffPages.tsx'), 'ListPage');
const SuppressionsPage = lazyPage(() => import('./StaffPages.tsx'), 'SuppressionsPage');
const SubscribePage = lazyPage(() => import('./PublicPages.tsx'), 'SubscribePage');
const ConfirmPage = lazyPage(() => import('./PublicPages.tsx'), 'ConfirmPage');
const PreferencesPage = lazyPage(() => import('./PublicPages.tsx'), 'PreferencesPage');
const UnsubscribePage = lazyPage(() => import('./PublicPages.tsx'), 'UnsubscribePage');

export const newslettersRoutes = (
  <>
    <Route path="lettres" element={<NewslettersHome />} />
    <Route path="lettres/reseau/:id" element={<NetworkListsPage />} />
    <Route path="lettres/reseau/:id/bloquees" element={<SuppressionsPage />} />
    <Route path="lettres/listes/:id" element={<ListPage />} />
    <Route path="lettres/inscription/:id" element={<SubscribePage />} />
    <Route path="lettres/confirmer/:token" element={<ConfirmPage />} />
    <Route path="lettres/preferences/:token" element={<PreferencesPage />} />
    <Route path="lettres/desinscription/:token" element={<UnsubscribePage />} />
  </>
);
