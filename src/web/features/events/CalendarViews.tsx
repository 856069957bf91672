import { Link } from 'react-router';
import { formatDate } from '../../lib/dates.ts';
import { useLocale } from '../../lib/i18n.tsx';
import { EventList } from './EventList.tsx';
import { formatTime, parisDay } from './filters.ts';
import type { EventSummary } from './types.ts';

const DAY = 86_400_000;
const utcDay = (s: string) => new Date(`${s}T00:00:00Z`);
const iso = (d: Date) => d.toISOString().slice(0, 10);
const dayFormat = (intl: string) => ({
  format: (d: Date) =>
    formatDate(d, intl, { weekday: 'long', day: 'numeric', month: 'long', timeZone: 'UTC' }),
});

function byDay(events: EventSummary[]) {
  const map = new Map<string, EventSummary[]>();
  for (const e of events) {
    // A multi-day event appears on each of its days.
    for (
      let d = utcDay(parisDay(e.startsAt));
      iso(d) <= parisDay(e.endsAt);
      d = new Date(d.getTime() + DAY)
    ) {
      map.set(iso(d), [...(map.get(iso(d)) ?? []), e]);
      if (map.size > 400) break;
    }
  }
  return map;
}

/** A month grid (Monday first) of the events; `anchor` is any day of the month, YYYY-MM-DD. */
export function MonthView({
  events,
  anchor,
  onMove,
}: {
  events: EventSummary[];
  anchor: string;
  onMove: (day: string) => void;
}) {
  const { t, locale } = useLocale();
  const intl = locale === 'fr' ? 'fr-FR' : 'en-GB';
  const first = utcDay(`${anchor.slice(0, 7)}-01`);
  const start = new Date(first.getTime() - ((first.getUTCDay() + 6) % 7) * DAY);
  const days = byDay(events);
  const month = new Intl.DateTimeFormat(intl, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    first,
  );
  const weekdays = Array.from({ length: 7 }, (_, i) =>
    new Intl.DateTimeFormat(intl, { weekday: 'short', timeZone: 'UTC' }).format(
      new Date(start.getTime() + i * DAY),
    ),
  );
  const cells = Array.from({ length: 42 }, (_, i) => new Date(start.getTime() + i * DAY));
  const prev = iso(new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() - 1, 1)));
  const next = iso(new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 1)));
  return (
    <section className="month" aria-label={month}>
      <div className="month__nav">
        <button type="button" className="button button--secondary button--small" onClick={() => onMove(prev)}>
          ← {t('events.month.previous')}
        </button>
        <h2 className="month__title">{month}</h2>
        <button type="button" className="button button--secondary button--small" onClick={() => onMove(next)}>
          {t('events.month.next')} →
        </button>
      </div>
      <table className="month__grid">
        <thead>
          <tr>
            {weekdays.map((w) => (
              <th key={w} scope="col">
                {w}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {[0, 1, 2, 3, 4, 5].map((row) => (
            <tr key={row}>
              {cells.slice(row * 7, row * 7 + 7).map((d) => {
                const list = days.get(iso(d)) ?? [];
                const inMonth = d.getUTCMonth() === first.getUTCMonth();
                return (
                  <td key={iso(d)} className={inMonth ? '' : 'month__out'}>
                    <span className="month__day">{d.getUTCDate()}</span>
                    <ul>
                      {list.slice(0, 3).map((e) => (
                        <li key={e.id + e.startsAt}>
                          <Link to={`/agenda/evenements/${e.id}`} title={e.title}>
                            {formatTime(e.startsAt, intl)} {e.title}
                          </Link>
                        </li>
                      ))}
                      {list.length > 3 ? (
                        <li className="muted">{t('events.month.more', { count: list.length - 3 })}</li>
                      ) : null}
                    </ul>
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      {/* A phone has no room for titles in a grid cell: there the month reads as a list of its days. */}
      <div className="month__list">
        <DayLists
          days={days}
          dates={cells.filter((d) => d.getUTCMonth() === first.getUTCMonth())}
          intl={intl}
        />
        {cells.some((d) => d.getUTCMonth() === first.getUTCMonth() && days.has(iso(d))) ? null : (
          <p>{t('events.month.empty')}</p>
        )}
      </div>
    </section>
  );
}

/** Each of `dates` that has events, as a heading and the list of its events. */
function DayLists({ days, dates, intl }: { days: Map<string, EventSummary[]>; dates: Date[]; intl: string }) {
  const fmt = dayFormat(intl);
  return dates
    .filter((d) => days.has(iso(d)))
    .map((d) => (
      <div key={iso(d)}>
        <h3 className="week__day">{fmt.format(d)}</h3>
        <EventList events={days.get(iso(d)) ?? []} />
      </div>
    ));
}

/** The week (Monday to Sunday) containing `anchor`, day by day. */
export function WeekView({
  events,
  anchor,
  onMove,
}: {
  events: EventSummary[];
  anchor: string;
  onMove: (day: string) => void;
}) {
  const { t, locale } = useLocale();
  const intl = locale === 'fr' ? 'fr-FR' : 'en-GB';
  const a = utcDay(anchor);
  const monday = new Date(a.getTime() - ((a.getUTCDay() + 6) % 7) * DAY);
  const days = byDay(events);
  const fmt = dayFormat(intl);
  const week = Array.from({ length: 7 }, (_, i) => new Date(monday.getTime() + i * DAY));
  const any = week.some((d) => days.has(iso(d)));
  return (
    <section className="week">
      <div className="month__nav">
        <button
          type="button"
          className="button button--secondary button--small"
          onClick={() => onMove(iso(new Date(monday.getTime() - 7 * DAY)))}
        >
          ← {t('events.week.previous')}
        </button>
        <h2 className="month__title">
          {fmt.format(week[0])} – {fmt.format(week[6])}
        </h2>
        <button
          type="button"
          className="button button--secondary button--small"
          onClick={() => onMove(iso(new Date(monday.getTime() + 7 * DAY)))}
        >
          {t('events.week.next')} →
        </button>
      </div>
      {any ? null : <p>{t('events.week.empty')}</p>}
      <DayLists days={days} dates={week} intl={intl} />
    </section>
  );
}
