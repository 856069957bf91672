import { NavLink, Outlet } from 'react-router';

export function Layout() {
  return (
    <>
      <header>
        <nav aria-label="Navigation principale">
          <NavLink to="/">Maillage</NavLink>
        </nav>
      </header>
      <main id="main">
        <Outlet />
      </main>
    </>
  );
}
