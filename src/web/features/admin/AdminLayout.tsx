import { Navigate, NavLink, Outlet } from 'react-router';
import { PageTitle } from '../../components/PageTitle.tsx';
import { useT } from '../../lib/i18n.tsx';
import { canAdminister, type Me, useMe } from '../../lib/session.tsx';
import { signInPath } from '../accounts/redirect.ts';

/** Admin tabs the actor may use (the server checks every request anyway). */
export function adminTabs(me: Me) {
  const admin = Boolean(me.account?.isPlatformAdmin);
  const coordinator = canAdminister(me);
  // Published figures of the social economy are a chamber's business (CRESS), not a business club's.
  const chamber = admin || me.networks.some((n) => n.role === 'coordinator' && n.kind === 'cress');
  return [
    { to: '/admin/reseaux', key: 'networks', show: coordinator },
    { to: '/admin/journal', key: 'audit', show: coordinator },
    { to: '/admin/import', key: 'import', show: coordinator },
    { to: '/admin/chiffres-publies', key: 'figures', show: chamber },
    { to: '/admin/envois', key: 'outbox', show: admin },
  ].filter((tab) => tab.show);
}

export function AdminLayout() {
  const t = useT();
  const me = useMe();
  if (!me.loaded) return <p role="status">{t('common.loading')}</p>;
  if (!me.account) return <Navigate to={signInPath('/admin')} replace />;
  const tabs = adminTabs(me);
  return (
    <div className="page admin">
      {/* The tabs set the document title (a parent's effect would run after theirs and overwrite it). */}
      {tabs.length === 0 ? <PageTitle>{t('admin.title')}</PageTitle> : <h1>{t('admin.title')}</h1>}
      {tabs.length === 0 ? (
        <div className="alert alert--error" role="alert">
          <p>{t('admin.noAccess')}</p>
        </div>
      ) : (
        <>
          <nav aria-label={t('admin.tabsLabel')}>
            <ul className="tabs">
              {tabs.map((tab) => (
                <li key={tab.to}>
                  <NavLink to={tab.to}>{t(`admin.tabs.${tab.key}`)}</NavLink>
                </li>
              ))}
            </ul>
          </nav>
          <Outlet />
        </>
      )}
    </div>
  );
}

/** /admin: the first tab the actor may use. */
export function AdminIndex() {
  const me = useMe();
  const first = adminTabs(me)[0];
  return first ? <Navigate to={first.to} replace /> : null;
}

/** The networks the actor coordinates (all of them for a platform admin: `null`). */
export function coordinatedNetworkIds(me: Me): Set<string> | null {
  if (me.account?.isPlatformAdmin) return null;
  return new Set(me.networks.filter((n) => n.role === 'coordinator').map((n) => n.id));
}
