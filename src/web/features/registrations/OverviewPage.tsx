import { Link } from 'react-router';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { useLocale } from '../../lib/i18n.tsx';
import { useApi } from '../../lib/use-api.ts';

interface OverviewItem {
  id: string;
  title: string;
  startsAt: string;
  capacity: number | null;
  confirmed: number;
  waitlisted: number;
  checkedIn: number;
  seatsLeft: number | null;
}

/** /inscriptions — the events whose registrants I manage (all of the network's for a coordinator). */
export function OverviewPage() {
  const { t, formatDateTime } = useLocale();
  const { data, error } = useApi<{ items: OverviewItem[] }>('/api/registrations/overview');
  return (
    <div className="page">
      <PageTitle>{t('registrations.overview.title')}</PageTitle>
      <ErrorMessage error={error} />
      {data?.items.length === 0 ? <p>{t('registrations.overview.empty')}</p> : null}
      {data && data.items.length > 0 ? (
        <>
          {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable with the keyboard (WCAG 2.1.1) */}
          <section className="table-wrap" tabIndex={0} aria-label={t('registrations.overview.title')}>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('registrations.overview.event')}</th>
                  <th scope="col">{t('registrations.overview.date')}</th>
                  <th scope="col">{t('registrations.overview.confirmed')}</th>
                  <th scope="col">{t('registrations.overview.waitlisted')}</th>
                  <th scope="col">{t('registrations.overview.present')}</th>
                  <th scope="col">{t('registrations.overview.actions')}</th>
                </tr>
              </thead>
              <tbody>
                {data.items.map((e) => (
                  <tr key={e.id}>
                    <td>
                      <Link to={`/inscriptions/evenement/${e.id}`}>{e.title}</Link>
                    </td>
                    <td>{formatDateTime(e.startsAt)}</td>
                    <td>
                      {e.confirmed}
                      {e.capacity !== null ? ` / ${e.capacity}` : ''}
                    </td>
                    <td>{e.waitlisted}</td>
                    <td>{e.checkedIn}</td>
                    <td>
                      <Link to={`/inscriptions/evenement/${e.id}/accueil`}>
                        {t('registrations.organizer.checkin')}
                      </Link>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        </>
      ) : null}
    </div>
  );
}
