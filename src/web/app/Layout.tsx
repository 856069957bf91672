import { Suspense, useEffect, useId, useRef, useState } from 'react';
import { Link, NavLink, Outlet, useLocation, useNavigate } from 'react-router';
import { DemoBanner } from '../components/DemoBanner.tsx';
import { signInPath } from '../features/accounts/redirect.ts';
import { api } from '../lib/api.ts';
import { useLocale, useT } from '../lib/i18n.tsx';
import { canAdminister, useMe } from '../lib/session.tsx';

const sections = [
  { to: '/annuaire', key: 'directory' },
  { to: '/agenda', key: 'agenda' },
  { to: '/salons', key: 'fairs' },
  { to: '/observatoire', key: 'observatory' },
  { to: '/adherents', key: 'members' },
  { to: '/bourse', key: 'exchange' },
  { to: '/gtec', key: 'gtec' },
] as const;

function LanguageSwitch() {
  const t = useT();
  const { locale, setLocale } = useLocale();
  const next = locale === 'fr' ? 'en' : 'fr';
  return (
    <button
      type="button"
      className="header__lang"
      lang={next}
      aria-label={t('app.language.switchToLabel')}
      onClick={() => setLocale(next)}
    >
      {t('app.language.switchTo')}
    </button>
  );
}

/** Sign-in link, or a disclosure with the account's organisations, administration and sign-out. */
function AccountMenu() {
  const t = useT();
  const me = useMe();
  const navigate = useNavigate();
  const location = useLocation();
  const [open, setOpen] = useState(false);
  const panelId = `acc${useId()}`;
  const root = useRef<HTMLDivElement>(null);

  // biome-ignore lint/correctness/useExhaustiveDependencies: close on navigation
  useEffect(() => setOpen(false), [location.pathname]);
  useEffect(() => {
    if (!open) return;
    const onDown = (e: MouseEvent) => {
      if (root.current && !root.current.contains(e.target as Node)) setOpen(false);
    };
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && setOpen(false);
    document.addEventListener('mousedown', onDown);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('mousedown', onDown);
      document.removeEventListener('keydown', onKey);
    };
  }, [open]);

  if (!me.account) {
    const to = location.pathname.startsWith('/connexion')
      ? '/connexion'
      : signInPath(location.pathname + location.search);
    return (
      <Link className="header__signin" to={to}>
        {t('app.account.signIn')}
      </Link>
    );
  }
  async function signOut() {
    await api('/api/auth/sign-out', { method: 'POST' }).catch(() => undefined);
    await me.refreshMe();
    navigate('/');
  }
  return (
    <div className="account-menu" ref={root}>
      <button
        type="button"
        className="account-menu__button"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen((o) => !o)}
      >
        <span className="visually-hidden">{t('app.account.menu', { name: me.account.name })}</span>
        <span className="account-menu__name" aria-hidden="true">
          {me.account.name}
        </span>
        <span aria-hidden="true">▾</span>
      </button>
      <div id={panelId} className="account-menu__panel" hidden={!open}>
        <p className="account-menu__email">{me.account.email}</p>
        {me.organizations.length ? (
          <>
            <p className="account-menu__heading">{t('app.account.myOrganizations')}</p>
            <ul>
              {me.organizations.map((o) => (
                <li key={o.id}>
                  <Link to={`/annuaire/${o.id}`}>{o.name}</Link>
                </li>
              ))}
            </ul>
          </>
        ) : null}
        <p className="account-menu__heading">{t('app.account.mySpaces')}</p>
        <ul>
          <li>
            <Link to="/agenda/mes-evenements">{t('app.account.myEvents')}</Link>
          </li>
          <li>
            <Link to="/inscriptions">{t('app.account.registrations')}</Link>
          </li>
          <li>
            <Link to="/salons">{t('app.account.fairs')}</Link>
          </li>
          {canAdminister(me) ? (
            <>
              <li>
                <Link to="/relations">{t('app.account.relations')}</Link>
              </li>
              <li>
                <Link to="/lettres">{t('app.account.newsletters')}</Link>
                <Link to="/actualites">{t('app.account.news')}</Link>
                <Link to="/lettres/envois">{t('app.account.newsletterIssues')}</Link>
              </li>
              <li>
                <Link to="/agenda/moderation">{t('app.account.moderation')}</Link>
              </li>
              <li>
                <Link to="/admin">{t('app.nav.admin')}</Link>
              </li>
            </>
          ) : null}
        </ul>
        <button type="button" className="button button--secondary" onClick={signOut}>
          {t('app.account.signOut')}
        </button>
      </div>
    </div>
  );
}

export function Layout() {
  const t = useT();
  const me = useMe();
  const location = useLocation();
  const [menuOpen, setMenuOpen] = useState(false);
  const navId = `nav${useId()}`;

  // biome-ignore lint/correctness/useExhaustiveDependencies: close the phone menu and move focus on navigation
  useEffect(() => {
    setMenuOpen(false);
  }, [location.pathname]);

  return (
    <>
      <a className="skip-link" href="#main">
        {t('app.skip')}
      </a>
      <DemoBanner />
      <header className="header">
        <div className="header__inner">
          <Link to="/" className="header__brand">
            <span className="header__logo" aria-hidden="true">
              ◇
            </span>
            {t('app.name')}
          </Link>
          <button
            type="button"
            className="header__menu-button"
            aria-expanded={menuOpen}
            aria-controls={navId}
            onClick={() => setMenuOpen((o) => !o)}
          >
            <span aria-hidden="true">☰ </span>
            {t('app.nav.menu')}
          </button>
          <nav
            id={navId}
            className={`header__nav${menuOpen ? ' is-open' : ''}`}
            aria-label={t('app.nav.label')}
          >
            <ul>
              {sections.map((s) => (
                <li key={s.to}>
                  <NavLink to={s.to}>{t(`app.nav.${s.key}`)}</NavLink>
                </li>
              ))}
              {canAdminister(me) ? (
                <li>
                  <NavLink to="/admin">{t('app.nav.admin')}</NavLink>
                </li>
              ) : null}
            </ul>
            <div className="header__tools">
              <LanguageSwitch />
              <AccountMenu />
            </div>
          </nav>
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        {/* Pages load with their feature's code (src/web/lib/lazy-page.ts). */}
        <Suspense fallback={<p role="status">{t('common.loading')}</p>}>
          <Outlet />
        </Suspense>
      </main>
      <footer className="footer">
        <div className="footer__inner">
          <p>{t('app.footer.about')}</p>
          <ul>
            <li>
              <Link to="/mentions-legales">{t('app.footer.legal')}</Link>
            </li>
            <li>
              <Link to="/confidentialite">{t('app.footer.privacy')}</Link>
            </li>
            <li>
              <Link to="/donnees-personnelles">{t('app.footer.myData')}</Link>
            </li>
            <li>
              <a href="/api/docs">{t('app.footer.api')}</a>
            </li>
          </ul>
        </div>
      </footer>
    </>
  );
}
