import { Route } from 'react-router';
import { lazyPage } from '../../lib/lazy-page.ts';

const MethodologyPage = lazyPage(() => import('./MethodologyPage.tsx'), 'MethodologyPage');
const ObservatoryPage = lazyPage(() => import('./ObservatoryPage.tsx'), 'ObservatoryPage');

export const observatoryRoutes = (
  <>
    <Route path="observatoire" element={<ObservatoryPage />} />
    <Route path="observatoire/methodologie" element={<MethodologyPage />} />
  </>
);
