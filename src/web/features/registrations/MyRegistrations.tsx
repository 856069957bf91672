import { Link } from 'react-router';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { useLocale } from '../../lib/i18n.tsx';
import { useApi } from '../../lib/use-api.ts';

interface MyRegistration {
  eventId: string;
  title: string;
  recurring: boolean;
  occurrenceStartsAt: string;
  status: 'confirmed' | 'waitlisted';
  communeName: string | null;
}

/**
 * For "Mes événements": the events the signed-in person registered for with their account's address, each with
 * the next date they are registered for. Renders nothing when there is none.
 */
export function MyRegistrations() {
  const { t, formatDate } = useLocale();
  const { data, error } = useApi<{ items: MyRegistration[] }>('/api/registrations/mine');
  if (error) return <ErrorMessage error={error} />;
  if (!data || data.items.length === 0) return null;
  return (
    <section aria-labelledby="my-registrations-title">
      <h2 id="my-registrations-title">{t('registrations.mine.title')}</h2>
      <ul className="my-registrations">
        {data.items.map((r) => (
          <li key={r.eventId}>
            <Link to={`/agenda/evenements/${r.eventId}`}>{r.title}</Link>
            {r.communeName ? ` · ${r.communeName}` : ''}
            <br />
            {t('registrations.mine.next', {
              date: formatDate(r.occurrenceStartsAt, {
                weekday: 'long',
                day: 'numeric',
                month: 'long',
                year: 'numeric',
                hour: '2-digit',
                minute: '2-digit',
                timeZone: 'Europe/Paris',
              }),
            })}
            {r.status === 'waitlisted' ? ` (${t('registrations.mine.waitlisted')})` : ''}
          </li>
        ))}
      </ul>
    </section>
  );
}
