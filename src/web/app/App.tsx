import { Route, Routes } from 'react-router';
import { Layout } from './Layout.tsx';

export function App() {
  return (
    <Routes>
      <Route element={<Layout />}>
        <Route index element={<h1>Maillage</h1>} />
      </Route>
    </Routes>
  );
}
