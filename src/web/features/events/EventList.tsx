import { Link } from 'react-router';
import { useLocale } from '../../lib/i18n.tsx';
import { formatDay, formatTime, parisDay } from './filters.ts';
import { useEventsReference } from './reference.ts';
import type { EventSummary } from './types.ts';

/** One event of a listing: date, title, place, organisers, badges. */
export function EventItem({ event }: { event: EventSummary }) {
  const { t, locale } = useLocale();
  const { label } = useEventsReference();
  const intl = locale === 'fr' ? 'fr-FR' : 'en-GB';
  const multiDay = parisDay(event.startsAt) !== parisDay(event.endsAt);
  return (
    <li className="event-item">
      <p className="event-item__when">
        {formatDay(event.startsAt, intl)}, {formatTime(event.startsAt, intl)}–
        {multiDay ? `${formatDay(event.endsAt, intl)}, ` : ''}
        {formatTime(event.endsAt, intl)}
      </p>
      <h3 className="event-item__title">
        <Link to={`/agenda/evenements/${event.id}`}>{event.title}</Link>
      </h3>
      <p className="event-item__meta">
        <span className="tag">{label('formats', event.format)}</span>{' '}
        {[event.venueName, event.communeName].filter(Boolean).join(', ') || t('events.item.online')}
        {event.departmentCode ? ` (${event.departmentCode})` : ''}
        {event.organizers.length ? ` · ${event.organizers.map((o) => o.name).join(', ')}` : ''}
      </p>
      <p className="event-item__badges">
        {event.isFree ? <span className="badge">{t('events.item.free')}</span> : null}
        {event.isRecurring ? <span className="badge">{t('events.item.recurring')}</span> : null}
        {event.seatsLeft !== null ? (
          <span className={`badge${event.seatsLeft === 0 ? ' badge--full' : ''}`}>
            {t('events.item.seatsLeft', { count: event.seatsLeft })}
          </span>
        ) : null}
        {event.status === 'cancelled' ? (
          <span className="badge badge--full">{t('events.item.cancelled')}</span>
        ) : null}
        {event.isDemo ? <span className="badge badge--demo">{t('events.item.demo')}</span> : null}
      </p>
    </li>
  );
}

export function EventList({ events }: { events: EventSummary[] }) {
  return (
    <ul className="event-list">
      {events.map((e) => (
        <EventItem key={`${e.id}/${e.startsAt}`} event={e} />
      ))}
    </ul>
  );
}
