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

function calendar(name: string) {
  return ical({
    name,
    prodId: { company: 'Maillage', product: 'agenda', language: 'FR' },
    timezone: { name: null, generator: (tz) => (tz === PARIS ? PARIS_VTIMEZONE : null) },
  });
}

/** The calendar entry's UID: the same in feeds, the registration mails and the cancellation mail. */
export const eventUid = (eventId: string, publicUrl: string) => `event-${eventId}@${new URL(publicUrl).host}`;

function addEvent(cal: ReturnType<typeof ical>, e: IcsEvent, publicUrl: string) {
  const url = `${publicUrl}/agenda/evenements/${e.id}`;
  const text = [e.summary, markdownToText(e.description), url].filter(Boolean).join('\n\n');
  // ical-generator writes a zoned time from the Date's UTC fields: give it the wall-clock time.
  return cal.createEvent({
    id: eventUid(e.id, publicUrl),
    start: toWall(e.startsAt, e.timezone),
    end: toWall(e.endsAt, e.timezone),
    timezone: e.timezone,
    stamp: e.publishedAt ?? e.updatedAt,
    lastModified: e.updatedAt,
    summary: e.title,
    description: text,
    location: locationOf(e),
    url,
    repeating: e.recurrenceRule ?? undefined,
    status: e.status === 'cancelled' ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
  });
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
 * the registration mails added, a higher SEQUENCE, STATUS:CANCELLED, so that calendar apps remove the entry.
 */
export function buildCancellation(
  e: IcsEvent,
  opts: { publicUrl: string; organizer: Person; attendee: Person; cancelledAt: Date },
): string {
  const cal = calendar(e.title);
  cal.method(ICalCalendarMethod.CANCEL);
  addEvent(cal, { ...e, status: 'cancelled' }, opts.publicUrl)
    .sequence(1)
    .stamp(opts.cancelledAt)
    .organizer(opts.organizer)
    .createAttendee({ ...opts.attendee, role: ICalAttendeeRole.REQ });
  return cal.toString();
}
