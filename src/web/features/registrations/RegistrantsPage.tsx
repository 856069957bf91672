import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { Field } from '../../components/Field.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { useLocale } from '../../lib/i18n.tsx';
import { useApi } from '../../lib/use-api.ts';
import { OccurrencePicker } from './OccurrencePicker.tsx';
import { RegistrantMessages } from './RegistrantMessages.tsx';
import type { Registrant, RegistrantList } from './types.ts';
import './registrations.css';

type StatusFilter = '' | 'confirmed' | 'waitlisted' | 'cancelled' | 'checked_in';

/** /inscriptions/evenement/:id — the organiser's list of registrants, with search, filters and CSV exports. */
export function RegistrantsPage() {
  const { t, formatDateTime } = useLocale();
  const { id = '' } = useParams();
  const [q, setQ] = useState('');
  const [status, setStatus] = useState<StatusFilter>('');
  // The date listed (a recurring event): the server's default (the next one) until another is picked.
  const [occurrence, setOccurrence] = useState('');
  const base = `/api/events/${encodeURIComponent(id)}`;
  const { data, error, loading } = useApi<RegistrantList>(`${base}/registrations`, {
    q: q.trim() || undefined,
    status: status || undefined,
    occurrence: occurrence || undefined,
  });
  // The exports and the door page are of the date shown.
  const dated = data?.event.recurring ? `?occurrence=${encodeURIComponent(data.occurrence)}` : '';
  const statusText = (r: Registrant) =>
    r.status === 'waitlisted'
      ? t('registrations.status.waitlisted', { position: r.position ?? '?' })
      : r.cancelReason === 'event_cancelled'
        ? t('registrations.status.eventCancelled')
        : r.cancelReason === 'date_removed'
          ? t('registrations.status.dateRemoved')
          : t(`registrations.status.${r.status}`);

  return (
    <div className="page">
      <PageTitle>{t('registrations.organizer.title', { title: data?.event.title ?? '' })}</PageTitle>
      <ErrorMessage error={error} />
      <OccurrencePicker list={data} onChange={setOccurrence} />
      {data ? (
        <p>
          {t('registrations.organizer.counts', data.counts)}
          {data.event.capacity !== null
            ? ` · ${t('registrations.organizer.capacity', { capacity: data.event.capacity })}`
            : ''}
        </p>
      ) : null}
      <div className="actions">
        <Link className="button" to={`/inscriptions/evenement/${encodeURIComponent(id)}/accueil${dated}`}>
          {t('registrations.organizer.checkin')}
        </Link>
        <a className="button button--secondary" href={`${base}/registrations.csv${dated}`} download>
          {t('registrations.organizer.export')}
        </a>
        <a className="button button--secondary" href={`${base}/attendance.csv${dated}`} download>
          {t('registrations.organizer.attendance')}
        </a>
      </div>
      <div className="filters-row">
        <Field
          label={t('registrations.organizer.search')}
          type="search"
          name="q"
          value={q}
          onChange={(e) => setQ(e.target.value)}
        />
        <Field
          as="select"
          label={t('registrations.organizer.status')}
          name="status"
          value={status}
          onChange={(e) => setStatus(e.target.value as StatusFilter)}
        >
          <option value="">{t('registrations.organizer.all')}</option>
          <option value="confirmed">{t('registrations.status.confirmed')}</option>
          <option value="waitlisted">{t('registrations.status.waitlisted', { position: '…' })}</option>
          <option value="cancelled">{t('registrations.status.cancelled')}</option>
          <option value="checked_in">{t('registrations.status.checked_in')}</option>
        </Field>
      </div>
      {data && data.items.length === 0 && !loading ? <p>{t('registrations.organizer.empty')}</p> : null}
      {data && data.items.length > 0 ? (
        <>
          {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable with the keyboard (WCAG 2.1.1) */}
          <section className="table-wrap" tabIndex={0} aria-label={data.event.title}>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('registrations.organizer.columns.order')}</th>
                  <th scope="col">{t('registrations.organizer.columns.name')}</th>
                  <th scope="col">{t('registrations.organizer.columns.email')}</th>
                  <th scope="col">{t('registrations.organizer.columns.organization')}</th>
                  <th scope="col">{t('registrations.organizer.columns.needs')}</th>
                  <th scope="col">{t('registrations.organizer.columns.status')}</th>
                  <th scope="col">{t('registrations.organizer.columns.registeredAt')}</th>
                  <th scope="col">{t('registrations.organizer.columns.present')}</th>
                </tr>
              </thead>
              <tbody>
                {data.items.map((r) => (
                  <tr key={r.id}>
                    <td>{r.seq}</td>
                    <td>{r.name}</td>
                    <td>{r.email}</td>
                    <td>{r.organization}</td>
                    <td>{r.accessibilityNeeds}</td>
                    <td className={`status--${r.status}`}>{statusText(r)}</td>
                    <td>{formatDateTime(r.createdAt)}</td>
                    <td>{r.checkedInAt ? `✓ ${formatDateTime(r.checkedInAt)}` : ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        </>
      ) : null}
      {data ? <RegistrantMessages eventId={id} /> : null}
    </div>
  );
}
