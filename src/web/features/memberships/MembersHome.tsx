import { Link } from 'react-router';
import { PageTitle } from '../../components/PageTitle.tsx';
import { useLocale } from '../../lib/i18n.tsx';
import { useMe } from '../../lib/session.tsx';
import { useApi } from '../../lib/use-api.ts';

type NetworkItem = { id: string; name: string; kind: string };

/** /adherents — the networks one may join, the networks one coordinates, and one's own memberships. */
export function MembersHome() {
  const { t } = useLocale();
  const me = useMe();
  const networks = useApi<{ items: NetworkItem[] }>('/api/networks');
  const mine = useApi<{ items: { id: string; status: string; organizationName: string }[] }>(
    me.account ? '/api/me/memberships' : null,
  );
  const coordinated = me.account?.isPlatformAdmin
    ? (networks.data?.items ?? [])
    : me.networks.filter((n) => n.role === 'coordinator');
  return (
    <div className="page">
      <PageTitle>{t('memberships.home.title')}</PageTitle>
      <p>{t('memberships.home.intro')}</p>
      {coordinated.length > 0 ? (
        <section aria-labelledby="members-manage">
          <h2 id="members-manage">{t('memberships.home.manage')}</h2>
          <ul>
            {coordinated.map((n) => (
              <li key={n.id}>
                <Link to={`/adherents/reseau/${n.id}`}>{n.name}</Link>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {mine.data && mine.data.items.length > 0 ? (
        <section aria-labelledby="members-mine">
          <h2 id="members-mine">{t('memberships.home.mine')}</h2>
          <ul>
            {mine.data.items.map((m) => (
              <li key={m.id}>
                <Link to={`/adherents/fiche/${m.id}`}>{m.organizationName}</Link>{' '}
                <span className="muted">
                  {t('memberships.home.status', { status: t(`memberships.status.${m.status}`) })}
                </span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <section aria-labelledby="members-join">
        <h2 id="members-join">{t('memberships.home.networks')}</h2>
        <ul>
          {(networks.data?.items ?? []).map((n) => (
            <li key={n.id}>
              {n.name} — <Link to={`/adherents/annuaire/${n.id}`}>{t('memberships.directory.link')}</Link>
              {' · '}
              <Link to={`/adherents/adherer/${n.id}`}>{t('memberships.home.join')}</Link>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
