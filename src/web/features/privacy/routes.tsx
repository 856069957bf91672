import { Route } from 'react-router';
import { lazyPage } from '../../lib/lazy-page.ts';

const PersonalDataPage = lazyPage(() => import('./PersonalDataPage.tsx'), 'PersonalDataPage');

export const privacyRoutes = <Route path="donnees-personnelles" element={<PersonalDataPage />} />;
