import { eq } from 'drizzle-orm';
import type { Deps } from '../../context.ts';
import type { Db } from '../../db/client.ts';
import { notFound } from '../../lib/errors.ts';
import { buildCalendar, buildCancellation } from './events.ics.ts';
import { events } from './events.tables.ts';

// What the registrations and fairs modules read of an event (they never query the events table themselves).

export type EventForRegistration = {
  id: string;
  title: string;
  /** First (or only) occurrence; `start`/`end` are the same instants. */
  start: Date;
  end: Date;
  startsAt: Date;
  endsAt: Date;
  /** End of the last occurrence of a recurring event (null = open-ended). */
  lastEndsAt: Date | null;
  status: string;
  registrationMode: 'none' | 'maillage' | 'external';
  /** null = unlimited */
  capacity: number | null;
  registrationClosesAt: Date | null;
  registrationUrl: string | null;
  timezone: string;
  recurrenceRule: string | null;
  venueName: string | null;
  venueAddress: string | null;
  postalCode: string | null;
  communeName: string | null;
  departmentCode: string | null;
  onlineUrl: string | null;
  contactName: string | null;
  contactEmail: string | null;
  contactPhone: string | null;
  organizerOrganizationIds: string[];
  networkId: string;
  campaignId: string | null;
  format: string;
  isDemo: boolean;
};

/** The public (last published) version of an event as registrations need it; undefined when unknown. */
export async function getEventForRegistration(
  db: Db,
  eventId: string,
): Promise<EventForRegistration | undefined> {
  if (!/^[0-9a-f-]{36}$/i.test(eventId)) return undefined;
  const [e] = await db.select().from(events).where(eq(events.id, eventId)).limit(1);
  if (!e) return undefined;
  return {
    id: e.id,
    title: e.title,
    start: e.startsAt,
    end: e.endsAt,
    startsAt: e.startsAt,
    endsAt: e.endsAt,
    lastEndsAt: e.lastEndsAt,
    status: e.status,
    registrationMode: e.registrationMode as EventForRegistration['registrationMode'],
    capacity: e.capacity,
    registrationClosesAt: e.registrationClosesAt,
    registrationUrl: e.registrationUrl,
    timezone: e.timezone,
    recurrenceRule: e.recurrenceRule,
    venueName: e.venueName,
    venueAddress: e.venueAddress,
    postalCode: e.postalCode,
    communeName: e.communeName,
    departmentCode: e.departmentCode,
    onlineUrl: e.onlineUrl,
    contactName: e.contactName,
    contactEmail: e.contactEmail,
    contactPhone: e.contactPhone,
    organizerOrganizationIds: e.organizerOrganizationIds,
    networkId: e.networkId,
    campaignId: e.campaignId,
    format: e.format,
    isDemo: e.isDemo,
  };
}

/** The .ics of one event (e.g. attached to a registration confirmation); 404 when unknown. */
export async function getEventIcs(deps: Pick<Deps, 'db' | 'config'>, eventId: string): Promise<string> {
  const [e] = /^[0-9a-f-]{36}$/i.test(eventId)
    ? await deps.db.select().from(events).where(eq(events.id, eventId)).limit(1)
    : [];
  if (!e) throw notFound('Événement introuvable');
  return buildCalendar([e], { name: e.title, publicUrl: deps.config.publicUrl });
}

/**
 * For the mail telling registrants that an event is cancelled: builds each person's METHOD:CANCEL calendar file
 * (same UID as the registration mails' entry). The organiser named in it is the event's contact, else the platform.
 */
export async function eventCancellationIcs(
  deps: Pick<Deps, 'db' | 'config' | 'clock'>,
  eventId: string,
): Promise<(attendee: { name: string; email: string }) => string> {
  const [e] = await deps.db.select().from(events).where(eq(events.id, eventId)).limit(1);
  if (!e) throw notFound('Événement introuvable');
  const from = /^\s*(.*?)\s*<([^>]+)>\s*$/.exec(deps.config.mailFrom);
  const organizer = e.contactEmail
    ? { name: e.contactName ?? e.title, email: e.contactEmail }
    : { name: from?.[1] || 'Maillage', email: from?.[2] ?? deps.config.mailFrom };
  const cancelledAt = deps.clock();
  return (attendee) =>
    buildCancellation(e, { publicUrl: deps.config.publicUrl, organizer, attendee, cancelledAt });
}
