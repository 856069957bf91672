import { Link, useParams } from 'react-router';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { useLocale } from '../../lib/i18n.tsx';
import { useApi } from '../../lib/use-api.ts';
import type { Bucket, Dashboard } from './types.ts';
import './events.css';

function Buckets({ title, items }: { title: string; items: Bucket[] }) {
  const max = Math.max(1, ...items.map((i) => i.events));
  return (
    <section className="dashboard__block">
      <h2>{title}</h2>
      <table className="dashboard__table">
        <tbody>
          {items.map((i) => (
            <tr key={i.code}>
              <th scope="row">{i.label}</th>
              <td className="nowrap">{i.events}</td>
              <td className="dashboard__bar-cell" aria-hidden="true">
                <span className="dashboard__bar" style={{ width: `${(i.events / max) * 100}%` }} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/** The campaign dashboard for its coordinators (printable with the browser). */
export function DashboardPage() {
  const { slug = '' } = useParams();
  const { t } = useLocale();
  const { data: d, error } = useApi<Dashboard>(`/api/campaigns/${encodeURIComponent(slug)}/dashboard`);
  if (error) return <ErrorMessage error={error} />;
  if (!d) return <p className="page">{t('common.loading')}</p>;
  return (
    <div className="page dashboard">
      <PageTitle>{`${t('events.dashboard.title')} — ${d.campaign.name}`}</PageTitle>
      <p>{t('events.dashboard.totals', d.totals)}</p>
      <p className="actions">
        <button type="button" className="button button--secondary" onClick={() => window.print()}>
          {t('events.dashboard.report')}
        </button>
        <a
          className="button button--secondary"
          href={`/api/campaigns/${encodeURIComponent(slug)}/report.csv`}
        >
          {t('events.dashboard.csv')}
        </a>
        {/* Only the campaign's coordinators (and platform admins) read its dashboard: they may edit it. */}
        <Link className="button button--secondary" to={`/agenda/campagnes/${d.campaign.slug}/modifier`}>
          {t('events.campaign.edit')}
        </Link>
      </p>
      {d.registrations ? (
        <section className="dashboard__block">
          <h2>{t('events.dashboard.registrations')}</h2>
          <p>{t('events.dashboard.registrationsLine', d.registrations)}</p>
        </section>
      ) : null}
      <div className="dashboard__grid">
        <Buckets title={t('events.dashboard.byDepartment')} items={d.byDepartment} />
        <Buckets title={t('events.dashboard.byTheme')} items={d.byTheme} />
        <Buckets title={t('events.dashboard.byFormat')} items={d.byFormat} />
        <Buckets title={t('events.dashboard.byAudience')} items={d.byAudience} />
      </div>
      <section className="dashboard__block">
        <h2>{t('events.dashboard.coverage')}</h2>
        <h3>{t('events.dashboard.departmentsWithout', { count: d.coverage.departments.without.length })}</h3>
        <p>{d.coverage.departments.without.map((x) => `${x.name} (${x.code})`).join(', ') || '—'}</p>
        <h3>
          {t('events.dashboard.epciWithout', {
            count: d.coverage.epci.without.length,
            total: d.coverage.epci.total,
          })}
        </h3>
        <details>
          <summary>EPCI</summary>
          <ul>
            {d.coverage.epci.without.map((x) => (
              <li key={x.code}>
                {x.name} ({x.departmentName || x.departmentCode})
              </li>
            ))}
          </ul>
        </details>
      </section>
      <section className="dashboard__block">
        <h2>{t('events.dashboard.queue')}</h2>
        <ul>
          {d.queue.map((q) => (
            <li key={q.id}>
              <Link to={`/agenda/evenements/${q.id}`}>{q.title}</Link> — {t(`events.status.${q.status}`)}
            </li>
          ))}
        </ul>
        <p>
          <Link to="/agenda/moderation">{t('events.moderation')}</Link>
        </p>
      </section>
    </div>
  );
}
