import { Route } from 'react-router';
import { lazyPage } from '../../lib/lazy-page.ts';

const PersonalDataPage = lazyPage(() => import('./PersonalDataPage.tsx'), 'PersonalDataPage');
const ErasureLinkPage = lazyPage(() => import('./ErasurePages.tsx'), 'ErasureLinkPage');
const RegisterPage = lazyPage(() => import('./RegisterPage.tsx'), 'RegisterPage');
const RetentionPage = lazyPage(() => import('./RetentionPage.tsx'), 'RetentionPage');

export const privacyRoutes = (
  <>
    <Route path="donnees-personnelles" element={<PersonalDataPage />} />
    <Route path="donnees-personnelles/effacement/:token" element={<ErasureLinkPage />} />
    <Route path="donnees-personnelles/registre" element={<RegisterPage />} />
    <Route path="donnees-personnelles/conservation" element={<RetentionPage />} />
  </>
);
