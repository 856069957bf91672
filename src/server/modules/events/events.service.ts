import { eq } from 'drizzle-orm';
import type { Actor, Deps } from '../../context.ts';
import type { Db } from '../../db/client.ts';
import { notFound } from '../../lib/errors.ts';
import { isUuid } from '../../lib/fields.ts';
import { canSeeEvent } from './events.access.ts';
import { buildCalendar, buildCancellation, oneOccurrence } from './events.ics.ts';
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
  membersOnly: boolean;
  timezone: string;
  recurrenceRule: string | null;
  /** Days (YYYY-MM-DD) a recurring event skips. */
  recurrenceExceptions: string[];
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
  if (!isUuid(eventId)) return undefined;
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
    membersOnly: e.membersOnly,
    timezone: e.timezone,
    recurrenceRule: e.recurrenceRule,
    recurrenceExceptions: e.recurrenceExceptions,
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

/**
 * The event as `getEventForRegistration` gives it, when the actor may see it (a draft or a submission: only its
 * organisers and its network's coordinators); undefined otherwise, so that callers answer 404 as for an unknown id.
 */
export async function getVisibleEvent(
  db: Db,
  actor: Actor | null,
  eventId: string,
): Promise<EventForRegistration | undefined> {
  const event = await getEventForRegistration(db, eventId);
  return event && (await canSeeEvent(db, actor, event)) ? event : undefined;
}

/**
 * The .ics of one event (e.g. attached to a registration confirmation); 404 when unknown. With `occurrence`, a
 * recurring event gives that single date (the one registered for), not the series.
 */
export async function getEventIcs(
  deps: Pick<Deps, 'db' | 'config'>,
  eventId: string,
  occurrence?: Date,
  /** The date the occurrence was moved from: the entry keeps that date's UID, so that calendars update it. */
  movedFrom?: Date,
): Promise<string> {
  const [e] = isUuid(eventId)
    ? await deps.db.select().from(events).where(eq(events.id, eventId)).limit(1)
    : [];
  if (!e) throw notFound('Événement introuvable');
  const entry = occurrence ? oneOccurrence(e, occurrence, deps.config.publicUrl, movedFrom) : e;
  return buildCalendar([entry], { name: e.title, publicUrl: deps.config.publicUrl });
}

/**
 * Takes a share lock on the event's row for the rest of the transaction and returns its status and dates: a sign-up
 * holds it so that an event's cancellation or an edit of its dates (which update that row first) waits for the
 * sign-ups in flight, and the sign-ups behind it see the event cancelled or its dates changed.
 */
export async function lockEventForRegistration(tx: Db, eventId: string) {
  const [row] = await tx
    .select({
      status: events.status,
      startsAt: events.startsAt,
      endsAt: events.endsAt,
      recurrenceRule: events.recurrenceRule,
      recurrenceExceptions: events.recurrenceExceptions,
      timezone: events.timezone,
    })
    .from(events)
    .where(eq(events.id, eventId))
    .for('share');
  return row;
}

/**
 * For the mail telling registrants that an event is cancelled: builds each person's METHOD:CANCEL calendar file
 * (same UID as the registration mails' entry). The organiser named in it is the event's contact, else the platform.
 */
export async function eventCancellationIcs(
  deps: Pick<Deps, 'db' | 'config' | 'clock'>,
  eventId: string,
  asWas?: typeof events.$inferSelect,
): Promise<(attendee: { name: string; email: string }, occurrence?: Date) => string> {
  // `asWas`: the event as the registration mails described it, when an edit has changed its dates since.
  const [e] = asWas ? [asWas] : await deps.db.select().from(events).where(eq(events.id, eventId)).limit(1);
  if (!e) throw notFound('Événement introuvable');
  const from = /^\s*(.*?)\s*<([^>]+)>\s*$/.exec(deps.config.mailFrom);
  const organizer = e.contactEmail
    ? { name: e.contactName ?? e.title, email: e.contactEmail }
    : { name: from?.[1] || 'Maillage', email: from?.[2] ?? deps.config.mailFrom };
  const cancelledAt = deps.clock();
  return (attendee, occurrence) =>
    buildCancellation(occurrence ? oneOccurrence(e, occurrence, deps.config.publicUrl) : e, {
      publicUrl: deps.config.publicUrl,
      organizer,
      attendee,
      cancelledAt,
    });
}
