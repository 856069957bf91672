import ical, { ICalAttendeeRole, ICalCalendarMethod, ICalEventStatus } from 'ical-generator';
import { markdownToText } from './events.markdown.ts';
import { PARIS, toWall } from './events.time.ts';

// RFC 5545 calendars: stable UIDs, Europe/Paris local times with their VTIMEZONE, RRULE for recurring events,
// plain-text descriptions (the Markdown is rendered, sanitised, then stripped of tags).

const PARIS_VTIMEZONE = [
  'BEGIN:VTIMEZONE',
  'TZID:Europe/Paris',
  'X-LIC-LOCATION:Europe/Paris',
  'BEGIN:DAYLIGHT',
  'TZOFFSETFROM:+0100',
  'TZOFFSETTO:+0200',
  'TZNAME:CEST',
  'DTSTART:19700329T020000',
  'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU',
  'END:DAYLIGHT',
  'BEGIN:STANDARD',
  'TZOFFSETFROM:+0200',
  'TZOFFSETTO:+0100',
  'TZNAME:CET',
  'DTSTART:19701025T030000',
  'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU',
  'END:STANDARD',
  'END:VTIMEZONE',
].join('\r\n');

export type IcsEvent = {
  id: string;
  title: string;
  summary: string | null;
  description: string | null;
  startsAt: Date;
  endsAt: Date;
  timezone: string;
  recurrenceRule: string | null;
  recurrenceExceptions?: string[];
  venueName: string | null;
  venueAddress: string | null;
  postalCode: string | null;
  communeName: string | null;
  latitude: number | null;
  longitude: number | null;
  onlineUrl: string | null;
  status: string;
  updatedAt: Date;
  publishedAt: Date | null;
  /** The entry's UID when it is not the event's own (one date of a recurring event). */
  uid?: string;
  /** RFC 5545 SEQUENCE: raised by each edit of the event's dates (0 when never changed). */
  icsSequence?: number;
};

export function eventLocation(
  e: Pick<IcsEvent, 'venueName' | 'venueAddress' | 'postalCode' | 'communeName' | 'onlineUrl'>,
) {
  const place = [e.venueName, e.venueAddress, [e.postalCode, e.communeName].filter(Boolean).join(' ')]
    .filter(Boolean)
    .join(', ');
  return place || e.onlineUrl || '';
}

function locationOf(e: IcsEvent) {
  const title = eventLocation(e);
  if (e.latitude === null || e.longitude === null) return title || undefined;
  return { title: title || 'Lieu', geo: { lat: e.latitude, lon: e.longitude } };
}

/** RFC 5545 TEXT (`\\`, `;`, `,` and line breaks escaped): ical-generator escapes event fields, not the calendar's name. */
export const icsText = (s: string) => s.replace(/[\\;,]/g, (c) => `\\${c}`).replace(/\r\n|\r|\n/g, '\\n');

function calendar(name: string) {
  return ical({
    name: icsText(name),
    prodId: { company: 'Maillage', product: 'agenda', language: 'FR' },
    timezone: { name: null, generator: (tz) => (tz === PARIS ? PARIS_VTIMEZONE : null) },
  });
}

/** The calendar entry's UID: the same in feeds, the registration mails and the cancellation mail. */
export const eventUid = (eventId: string, publicUrl: string) => `event-${eventId}@${new URL(publicUrl).host}`;

/** The UID of one date of a recurring event (a registration's calendar entry is that date, not the series). */
export const occurrenceUid = (eventId: string, startsAt: Date, publicUrl: string) =>
  `event-${eventId}-${startsAt.toISOString().replace(/[-:]|\.\d+/g, '')}@${new URL(publicUrl).host}`;

/**
 * A recurring event narrowed to one of its dates: a single entry, with that date's own UID, or with the UID of
 * `uidOf` (the date it was moved from, whose entry the person's calendar holds and must update).
 */
export function oneOccurrence<E extends IcsEvent>(
  e: E,
  startsAt: Date,
  publicUrl: string,
  uidOf = startsAt,
): E {
  if (!e.recurrenceRule) return e;
  const endsAt = new Date(startsAt.getTime() + (e.endsAt.getTime() - e.startsAt.getTime()));
  return { ...e, startsAt, endsAt, recurrenceRule: null, uid: occurrenceUid(e.id, uidOf, publicUrl) };
}

function addEvent(cal: ReturnType<typeof ical>, e: IcsEvent, publicUrl: string) {
  const url = `${publicUrl}/agenda/evenements/${e.id}`;
  const text = [e.summary, markdownToText(e.description), url].filter(Boolean).join('\n\n');
  // ical-generator writes a zoned time from the Date's UTC fields: give it the wall-clock time.
  return cal.createEvent({
    id: e.uid ?? eventUid(e.id, publicUrl),
    start: toWall(e.startsAt, e.timezone),
    end: toWall(e.endsAt, e.timezone),
    timezone: e.timezone,
    stamp: e.publishedAt ?? e.updatedAt,
    sequence: e.icsSequence ?? 0,
    lastModified: e.updatedAt,
    summary: e.title,
    description: text,
    location: locationOf(e),
    url,
    repeating: repeatingOf(e),
    status: e.status === 'cancelled' ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
  });
}

/** The RRULE, and an EXDATE line (at the first occurrence's wall-clock time) for the days it skips. */
function repeatingOf(e: IcsEvent): string | undefined {
  if (!e.recurrenceRule) return undefined;
  if (!e.recurrenceExceptions?.length) return e.recurrenceRule;
  const time = toWall(e.startsAt, e.timezone).toISOString().slice(11, 19).replaceAll(':', '');
  const days = e.recurrenceExceptions.map((d) => `${d.replaceAll('-', '')}T${time}`).join(',');
  return `RRULE:${e.recurrenceRule}\nEXDATE;TZID=${e.timezone}:${days}`;
}

/** A calendar of the given events (an empty list gives a valid empty calendar). */
export function buildCalendar(events: IcsEvent[], opts: { name: string; publicUrl: string }): string {
  const cal = calendar(opts.name);
  for (const e of events) addEvent(cal, e, opts.publicUrl);
  return cal.toString();
}

type Person = { name: string; email: string };

/**
 * An iTIP cancellation (RFC 5546, METHOD:CANCEL) of the whole event, for one registrant: same UID as the entry
 * the registration mails added, a higher SEQUENCE than theirs, STATUS:CANCELLED, so that calendar apps remove the entry.
 */
export function buildCancellation(
  e: IcsEvent,
  opts: { publicUrl: string; organizer: Person; attendee: Person; cancelledAt: Date },
): string {
  const cal = calendar(e.title);
  cal.method(ICalCalendarMethod.CANCEL);
  addEvent(cal, { ...e, status: 'cancelled' }, opts.publicUrl)
    .sequence((e.icsSequence ?? 0) + 1)
    .stamp(opts.cancelledAt)
    .organizer(opts.organizer)
    .createAttendee({ ...opts.attendee, role: ICalAttendeeRole.REQ });
  return cal.toString();
}
