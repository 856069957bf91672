import { useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { Pagination } from '../../components/Pagination.tsx';
import { ApiError, api } from '../../lib/api.ts';
import { useLocale } from '../../lib/i18n.tsx';
import { useApi } from '../../lib/use-api.ts';
import { HelloAssoPanel } from './HelloAssoPanel.tsx';
import { MembersDashboard } from './MembersDashboard.tsx';
import { type MemberListItem, type MembershipApplication, money, type Plan, type Settings } from './types.ts';

const statuses = ['pending', 'active', 'grace', 'lapsed', 'cancelled'];

function MembersTab({ networkId, plans }: { networkId: string; plans: Plan[] }) {
  const { t, formatDate } = useLocale();
  const [params, setParams] = useSearchParams();
  const query = {
    q: params.get('q') ?? '',
    status: params.get('status') ?? '',
    plan: params.get('plan') ?? '',
    page: Number(params.get('page') ?? 1),
    pageSize: 50,
  };
  const [q, setQ] = useState(query.q);
  const list = useApi<{ total: number; items: MemberListItem[] }>(
    `/api/networks/${networkId}/memberships`,
    query,
  );
  const set = (key: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    next.delete('page');
    setParams(next);
  };
  return (
    <section aria-labelledby="tab-members">
      <h2 id="tab-members">{t('memberships.admin.tabMembers')}</h2>
      <form
        className="filters-row"
        onSubmit={(e) => {
          e.preventDefault();
          set('q', q.trim());
        }}
      >
        <label>
          {t('memberships.admin.search')}{' '}
          <input type="search" value={q} onChange={(e) => setQ(e.target.value)} />
        </label>{' '}
        <label>
          {t('memberships.admin.statusFilter')}{' '}
          <select value={query.status} onChange={(e) => set('status', e.target.value)}>
            <option value="">{t('memberships.admin.all')}</option>
            {statuses.map((s) => (
              <option key={s} value={s}>
                {t(`memberships.status.${s}`)}
              </option>
            ))}
          </select>
        </label>{' '}
        <label>
          {t('memberships.admin.planFilter')}{' '}
          <select value={query.plan} onChange={(e) => set('plan', e.target.value)}>
            <option value="">{t('memberships.admin.all')}</option>
            {plans.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </label>{' '}
        <button type="submit" className="button button--small">
          {t('memberships.admin.filter')}
        </button>
      </form>
      <ErrorMessage error={list.error} />
      {list.data ? (
        <>
          <p role="status">{t('memberships.admin.count', { count: list.data.total })}</p>
          {list.data.items.length === 0 ? (
            <p>{t('memberships.admin.empty')}</p>
          ) : (
            /* biome-ignore lint/a11y/noNoninteractiveTabindex: a table scrolling sideways on a phone must be reachable by keyboard (axe scrollable-region-focusable) */
            <section className="table-wrap" tabIndex={0} aria-labelledby="tab-members">
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t('memberships.admin.name')}</th>
                    <th scope="col">{t('memberships.member.status')}</th>
                    <th scope="col">{t('memberships.admin.plan')}</th>
                    <th scope="col">{t('memberships.admin.period')}</th>
                    <th scope="col">{t('memberships.admin.since')}</th>
                  </tr>
                </thead>
                <tbody>
                  {list.data.items.map((m) => (
                    <tr key={m.id}>
                      <td>
                        <Link to={`/adherents/fiche/${m.id}`}>{m.name}</Link>
                        {m.siret ? <div className="muted">{m.siret}</div> : null}
                      </td>
                      <td>{t(`memberships.status.${m.status}`)}</td>
                      <td>{m.planName}</td>
                      <td>
                        {m.periodStartsOn && m.periodEndsOn
                          ? `${formatDate(m.periodStartsOn, { dateStyle: 'short' })} – ${formatDate(m.periodEndsOn, { dateStyle: 'short' })}`
                          : ''}
                      </td>
                      <td>{m.memberSince ? formatDate(m.memberSince, { dateStyle: 'short' }) : ''}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </section>
          )}
          <Pagination
            page={query.page}
            pageSize={query.pageSize}
            total={list.data.total}
            hrefFor={(page) => {
              const next = new URLSearchParams(params);
              next.set('page', String(page));
              return `?${next}`;
            }}
          />
        </>
      ) : null}
    </section>
  );
}

function ApplicationItem({
  networkId,
  a,
  onDone,
}: {
  networkId: string;
  a: MembershipApplication;
  onDone: (m: string) => void;
}) {
  const { t, formatDateTime } = useLocale();
  const [message, setMessage] = useState('');
  const [error, setError] = useState('');
  async function decide(decision: 'approved' | 'declined') {
    setError('');
    try {
      await api(`/api/networks/${networkId}/applications/${a.id}/decision`, {
        body: { decision, message: message || null },
      });
      onDone(
        decision === 'approved'
          ? t('memberships.applications.approved', { name: a.organizationName })
          : t('memberships.applications.declined', { email: a.applicantEmail }),
      );
    } catch (err) {
      setError(err instanceof ApiError ? err.message : String(err));
    }
  }
  const id = `app-${a.id}`;
  return (
    <li className="card" aria-labelledby={id}>
      <h3 id={id}>{a.organizationName}</h3>
      <p className="muted">
        {a.siret ? `SIRET ${a.siret} · ` : ''}
        {t('memberships.applications.applicant')} : {a.applicantEmail}
      </p>
      <p>
        {t('memberships.applications.contacts')} :{' '}
        {a.contacts
          .map((c) => `${c.name} (${t(`memberships.member.role.${c.role}`)}${c.email ? `, ${c.email}` : ''})`)
          .join(' ; ')}
      </p>
      {a.message ? <blockquote>{a.message}</blockquote> : null}
      <p className="muted">
        {t('memberships.applications.consent', {
          version: a.termsVersion,
          date: formatDateTime(a.consentedAt),
        })}
      </p>
      {a.status === 'pending' ? (
        <div>
          <label>
            {t('memberships.applications.message')}{' '}
            <input type="text" value={message} onChange={(e) => setMessage(e.target.value)} />
          </label>{' '}
          <button type="button" className="button button--small" onClick={() => decide('approved')}>
            {t('memberships.applications.approve')}
          </button>{' '}
          <button
            type="button"
            className="button button--small button--danger"
            onClick={() => decide('declined')}
          >
            {t('memberships.applications.decline')}
          </button>
        </div>
      ) : (
        <p>
          {t(`memberships.applications.status.${a.status}`)}
          {a.memberId ? (
            <>
              {' — '}
              <Link to={`/adherents/fiche/${a.memberId}`}>{a.organizationName}</Link>
            </>
          ) : null}
        </p>
      )}
      {error ? (
        <p className="field__error" role="alert">
          {error}
        </p>
      ) : null}
    </li>
  );
}

function ApplicationsTab({ networkId }: { networkId: string }) {
  const { t } = useLocale();
  const [notice, setNotice] = useState('');
  const apps = useApi<{ items: MembershipApplication[] }>(`/api/networks/${networkId}/applications`, {
    status: 'pending',
  });
  return (
    <section aria-labelledby="tab-applications">
      <h2 id="tab-applications">{t('memberships.admin.tabApplications')}</h2>
      {notice ? (
        <div className="alert alert--success" role="status">
          {notice}
        </div>
      ) : null}
      <ErrorMessage error={apps.error} />
      {apps.data && apps.data.items.length === 0 ? <p>{t('memberships.applications.empty')}</p> : null}
      <ul className="cards">
        {(apps.data?.items ?? []).map((a) => (
          <ApplicationItem
            key={a.id}
            networkId={networkId}
            a={a}
            onDone={(m) => {
              setNotice(m);
              apps.reload();
            }}
          />
        ))}
      </ul>
    </section>
  );
}

export function PlanSummary({ plan }: { plan: Plan }) {
  const { t, locale } = useLocale();
  return (
    <>
      <strong>{plan.name}</strong> — {t('memberships.plans.price', { price: money(plan.priceCents, locale) })}{' '}
      {plan.vatRateBp === null
        ? `(${t('memberships.plans.noVat')})`
        : `HT (${t('memberships.plans.vat', { rate: plan.vatRateBp / 100 })})`}
      {plan.contactsLimit ? ` · ${t('memberships.plans.contacts', { count: plan.contactsLimit })}` : ''}
      {plan.active ? '' : ` · ${t('memberships.plans.inactive')}`}
    </>
  );
}

/** /adherents/reseau/:id — a network's members, applications to join and plans (coordinators). */
export function NetworkMembersAdmin() {
  const { t } = useLocale();
  const { id = '' } = useParams();
  const settings = useApi<Settings>(`/api/networks/${encodeURIComponent(id)}/membership-settings`);
  const plans = useApi<{ items: Plan[] }>(`/api/networks/${encodeURIComponent(id)}/membership-plans`, {
    all: true,
  });
  const probe = useApi<{ total: number }>(`/api/networks/${encodeURIComponent(id)}/memberships`, {
    pageSize: 1,
  });
  const title = t('memberships.admin.title', { name: settings.data?.networkName ?? '' });
  if (probe.error instanceof ApiError && (probe.error.status === 403 || probe.error.status === 401)) {
    return (
      <div className="page">
        <PageTitle>{title}</PageTitle>
        <p>{t('memberships.admin.forbidden')}</p>
      </div>
    );
  }
  return (
    <div className="page page--wide">
      <PageTitle>{title}</PageTitle>
      <ErrorMessage error={settings.error ?? plans.error} />
      <div className="actions">
        <a
          className="button button--secondary"
          href={`/api/networks/${encodeURIComponent(id)}/dues-ledger.csv`}
          download
        >
          {t('memberships.admin.ledger')}
        </a>
        <a
          className="button button--secondary"
          href={`/api/networks/${encodeURIComponent(id)}/dues-ledger.xlsx`}
          download
        >
          {t('memberships.admin.ledgerXlsx')}
        </a>
        <Link to={`/adherents/adherer/${id}`}>{t('memberships.admin.joinLink')}</Link>
        <Link to={`/adherents/reseau/${id}/radar`}>{t('memberships.radar.link')}</Link>
        <Link to={`/adherents/annuaire/${id}`}>{t('memberships.directory.link')}</Link>
      </div>
      <ApplicationsTab networkId={id} />
      <MembersTab networkId={id} plans={plans.data?.items ?? []} />
      <MembersDashboard networkId={id} />
      <HelloAssoPanel networkId={id} />
      <section aria-labelledby="tab-plans">
        <h2 id="tab-plans">{t('memberships.admin.tabPlans')}</h2>
        <ul>
          {(plans.data?.items ?? []).map((p) => (
            <li key={p.id}>
              <PlanSummary plan={p} />
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
