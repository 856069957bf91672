import { Route } from 'react-router';
import { MethodologyPage } from './MethodologyPage.tsx';
import { ObservatoryPage } from './ObservatoryPage.tsx';

export const observatoryRoutes = (
  <>
    <Route path="observatoire" element={<ObservatoryPage />} />
    <Route path="observatoire/methodologie" element={<MethodologyPage />} />
  </>
);
