import { Route } from 'react-router';
import { HomePage } from './HomePage.tsx';

export const homeRoutes = <Route index element={<HomePage />} />;
