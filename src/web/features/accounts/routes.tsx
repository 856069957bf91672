import { Route } from 'react-router';
import { MagicLinkPage } from './MagicLinkPage.tsx';
import { ForgotPasswordPage, ResetPasswordPage } from './PasswordPages.tsx';
import { SignInPage } from './SignInPage.tsx';
import { SignUpPage } from './SignUpPage.tsx';

export const accountsRoutes = (
  <>
    <Route path="connexion" element={<SignInPage />} />
    <Route path="connexion/lien" element={<MagicLinkPage />} />
    <Route path="inscription" element={<SignUpPage />} />
    <Route path="mot-de-passe-oublie" element={<ForgotPasswordPage />} />
    <Route path="mot-de-passe/nouveau" element={<ResetPasswordPage />} />
  </>
);
