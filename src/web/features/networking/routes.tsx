import { Route } from 'react-router';
import { lazyPage } from '../../lib/lazy-page.ts';

const ExchangeHome = lazyPage(() => import('./ExchangePages.tsx'), 'ExchangeHome');
const ExchangePage = lazyPage(() => import('./ExchangePages.tsx'), 'ExchangePage');
const PostPage = lazyPage(() => import('./PostPage.tsx'), 'PostPage');
const AnswerPage = lazyPage(() => import('./IntroductionPages.tsx'), 'AnswerPage');
const YouthNetworkPage = lazyPage(() => import('./YouthPages.tsx'), 'YouthNetworkPage');
const SchoolLinkPage = lazyPage(() => import('./YouthPages.tsx'), 'SchoolLinkPage');
const MyIntroductionsPage = lazyPage(() => import('./IntroductionPages.tsx'), 'MyIntroductionsPage');

export const networkingRoutes = (
  <>
    <Route path="bourse" element={<ExchangeHome />} />
    <Route path="bourse/reseau/:id" element={<ExchangePage />} />
    <Route path="bourse/annonces/:id" element={<PostPage />} />
    <Route path="mises-en-relation" element={<MyIntroductionsPage />} />
    <Route path="mises-en-relation/reponse/:token" element={<AnswerPage />} />
    <Route path="jeunes/reseau/:id" element={<YouthNetworkPage />} />
    <Route path="jeunes/lien/:token" element={<SchoolLinkPage />} />
  </>
);
