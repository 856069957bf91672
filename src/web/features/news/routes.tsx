import { Route } from 'react-router';
import { lazyPage } from '../../lib/lazy-page.ts';

const NewsListPage = lazyPage(() => import('./NewsPages.tsx'), 'NewsListPage');
const NewsPostPage = lazyPage(() => import('./NewsPages.tsx'), 'NewsPostPage');
const NewsHome = lazyPage(() => import('./NewsManage.tsx'), 'NewsHome');
const NewsManagePage = lazyPage(() => import('./NewsManage.tsx'), 'NewsManagePage');
const NewsEditPage = lazyPage(() => import('./NewsEdit.tsx'), 'NewsEditPage');

export const newsRoutes = (
  <>
    <Route path="actualites" element={<NewsHome />} />
    <Route path="actualites/gestion/:id" element={<NewsManagePage />} />
    <Route path="actualites/articles/:id" element={<NewsPostPage />} />
    <Route path="actualites/articles/:id/modifier" element={<NewsEditPage />} />
    <Route path="actualites/:slug" element={<NewsListPage />} />
  </>
);
