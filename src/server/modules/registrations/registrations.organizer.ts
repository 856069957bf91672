import { and, asc, eq, type SQL } from 'drizzle-orm';
import type { Actor, Deps } from '../../context.ts';
import type { Db } from '../../db/client.ts';
import { conflict, invalidInput, notFound } from '../../lib/errors.ts';
import { getMe } from '../accounts/accounts.service.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { findPublicEvents } from '../events/events.listing.ts';
import { listMyEvents } from '../events/events.read.ts';
import { listingQuery } from '../events/events.schemas.ts';
import { getEventForRegistration } from '../events/events.service.ts';
import { nextOccurrence } from '../events/events.time.ts';
import { occurrenceCounts, registrationCounts } from './registrations.counts.ts';
import { canManageRegistrations, loadEvent, requireManageRegistrations } from './registrations.event.ts';
import { frenchDate, offeredDates, pickOccurrence } from './registrations.occurrence.ts';
import { registrations } from './registrations.tables.ts';
import { verifyCheckinToken } from './registrations.tokens.ts';

// What organisers do with their registrants: list and search, export, check people in at the door.

export type Registrant = {
  id: string;
  seq: number;
  status: string;
  /** Place on the waiting list, for waitlisted people. */
  position?: number;
  name: string;
  email: string;
  organization: string | null;
  accessibilityNeeds: string | null;
  createdAt: Date;
  promotedAt: Date | null;
  cancelledAt: Date | null;
  /** `registrant`, `event_cancelled` or `date_removed`, for cancelled registrations. */
  cancelReason: string | null;
  checkedInAt: Date | null;
  isDemo: boolean;
};

/**
 * The dates an organiser can pick for a recurring event: every date that has registrations and the next ones to
 * come, in order, with their counts (a one-off event: its only date).
 */
async function datesOf(db: Db, event: Awaited<ReturnType<typeof loadEvent>>, now: Date) {
  const starts = new Map<number, Date>();
  for (const d of offeredDates(event, now)) starts.set(d.startsAt.getTime(), d.startsAt);
  const next = nextOccurrence(event, now);
  if (next) starts.set(next.startsAt.getTime(), next.startsAt);
  if (!event.recurrenceRule) starts.set(event.startsAt.getTime(), event.startsAt);
  else {
    const had = await db
      .selectDistinct({ occurrence: registrations.occurrenceStartsAt })
      .from(registrations)
      .where(eq(registrations.eventId, event.id));
    for (const h of had) starts.set(h.occurrence.getTime(), h.occurrence);
  }
  const list = [...starts.values()].sort((a, b) => a.getTime() - b.getTime());
  const counts = await occurrenceCounts(
    db,
    list.map((occurrence) => ({ eventId: event.id, occurrence })),
  );
  return list.map((startsAt) => ({
    startsAt,
    ...counts.get(`${event.id}|${startsAt.toISOString()}`)!,
  }));
}

/**
 * Registrants of one date of an event (the next one unless told) in arrival order, with waiting-list positions;
 * organisers and coordinators only.
 */
export async function listRegistrants(
  db: Db,
  actor: Actor | null,
  eventId: string,
  opts: {
    q?: string;
    status?: 'confirmed' | 'waitlisted' | 'cancelled' | 'checked_in';
    occurrence?: Date;
  } = {},
  now = new Date(),
) {
  const event = await loadEvent(db, eventId);
  await requireManageRegistrations(db, actor, event);
  const occurrence = pickOccurrenceOrRegistered(event, opts.occurrence, now);
  const filters: (SQL | undefined)[] = [
    eq(registrations.eventId, eventId),
    // A one-off event has one date: all its registrations, even made before its start was moved.
    event.recurrenceRule ? eq(registrations.occurrenceStartsAt, occurrence) : undefined,
  ];
  if (opts.status === 'checked_in') filters.push(eq(registrations.status, 'confirmed'));
  else if (opts.status) filters.push(eq(registrations.status, opts.status));
  const rows = await db
    .select()
    .from(registrations)
    .where(and(...filters))
    .orderBy(asc(registrations.seq));
  let position = 0;
  const items: Registrant[] = rows.map((r) => ({
    id: r.id,
    seq: r.seq,
    status: r.status,
    ...(r.status === 'waitlisted' ? { position: ++position } : {}),
    name: r.name,
    email: r.email,
    organization: r.organization,
    accessibilityNeeds: r.accessibilityNeeds,
    createdAt: r.createdAt,
    promotedAt: r.promotedAt,
    cancelledAt: r.cancelledAt,
    cancelReason: r.status === 'cancelled' ? (r.cancelReason ?? 'registrant') : null,
    checkedInAt: r.checkedInAt,
    isDemo: r.isDemo,
  }));
  // The name search is applied after numbering so that positions stay the real ones.
  const needle = opts.q?.trim().toLowerCase();
  const filtered = items.filter(
    (r) =>
      (opts.status !== 'checked_in' || r.checkedInAt !== null) &&
      (!needle ||
        r.name.toLowerCase().includes(needle) ||
        r.email.includes(needle) ||
        (r.organization ?? '').toLowerCase().includes(needle)),
  );
  const counts = { confirmed: 0, waitlisted: 0, cancelled: 0, checkedIn: 0 };
  for (const r of items) {
    counts[r.status as 'confirmed' | 'waitlisted' | 'cancelled']++;
    if (r.checkedInAt) counts.checkedIn++;
  }
  return {
    event: {
      id: event.id,
      title: event.title,
      startsAt: event.startsAt,
      capacity: event.capacity,
      recurring: Boolean(event.recurrenceRule),
    },
    occurrence,
    occurrences: await datesOf(db, event, now),
    counts,
    items: filtered,
  };
}

/** `pickOccurrence`, except that a one-off event's date is always its start. */
function pickOccurrenceOrRegistered(
  event: Awaited<ReturnType<typeof loadEvent>>,
  occurrence: Date | undefined,
  now: Date,
) {
  if (!event.recurrenceRule) return event.startsAt;
  return pickOccurrence(event, occurrence, now);
}

/**
 * Marks a registrant present at one date (the next one unless told), found by the QR code's signed token or by
 * id (search by name at the door). Checking in twice is harmless and says so (`alreadyCheckedIn`); a waitlisted
 * or cancelled person is refused, so is a ticket for another date, and everyone when the event is cancelled.
 */
export async function checkIn(
  deps: Pick<Deps, 'db' | 'clock' | 'config'>,
  actor: Actor | null,
  eventId: string,
  by: ({ token: string } | { registrationId: string }) & { occurrence?: Date },
) {
  const event = await loadEvent(deps.db, eventId);
  await requireManageRegistrations(deps.db, actor, event);
  const occurrence = pickOccurrenceOrRegistered(event, by.occurrence, deps.clock());
  if (event.status === 'cancelled')
    throw conflict('Cet événement est annulé : ses inscriptions le sont aussi, personne n’est attendu.');
  let registrationId: string | null;
  if ('token' in by) {
    registrationId = verifyCheckinToken(deps.config.sessionSecret, by.token);
    if (!registrationId) throw invalidInput('Code de billet invalide', { token: 'code non reconnu' });
  } else registrationId = by.registrationId;
  const [row] = await deps.db
    .select()
    .from(registrations)
    .where(and(eq(registrations.id, registrationId), eq(registrations.eventId, eventId)))
    .limit(1);
  if (!row) throw notFound('Ce billet ne correspond à aucune inscription de cet événement');
  if (event.recurrenceRule && row.occurrenceStartsAt.getTime() !== occurrence.getTime()) {
    throw conflict(
      `Ce billet de ${row.name} est pour le ${frenchDate(row.occurrenceStartsAt, event.timezone)}, pas pour le ${frenchDate(occurrence, event.timezone)}.`,
    );
  }
  if (row.status === 'cancelled') throw conflict(`Inscription annulée : ${row.name}`);
  if (row.status === 'waitlisted')
    throw conflict(`${row.name} est sur la liste d’attente, sans place confirmée`);
  const already = row.checkedInAt !== null;
  const now = deps.clock();
  const checkedInAt = row.checkedInAt ?? now;
  if (!already) {
    await deps.db.transaction(async (trx) => {
      const tx = trx as unknown as Db;
      await tx
        .update(registrations)
        .set({ checkedInAt: now, checkedInBy: actor?.accountId ?? null, updatedAt: now })
        .where(eq(registrations.id, row.id));
      await recordAudit(tx, actor, {
        action: 'registration.check-in',
        entityType: 'event_registration',
        entityId: row.id,
        networkIds: [event.networkId],
        after: { eventId, occurrence: row.occurrenceStartsAt.toISOString(), checkedInAt: now.toISOString() },
      });
    });
  }
  return {
    id: row.id,
    name: row.name,
    organization: row.organization,
    checkedInAt,
    alreadyCheckedIn: already,
  };
}

/** Undoes a check-in made by mistake. */
export async function undoCheckIn(
  deps: Pick<Deps, 'db' | 'clock'>,
  actor: Actor | null,
  eventId: string,
  registrationId: string,
) {
  const event = await loadEvent(deps.db, eventId);
  await requireManageRegistrations(deps.db, actor, event);
  const [row] = await deps.db
    .update(registrations)
    .set({ checkedInAt: null, checkedInBy: null, updatedAt: deps.clock() })
    .where(and(eq(registrations.id, registrationId), eq(registrations.eventId, eventId)))
    .returning({ id: registrations.id });
  if (!row) throw notFound('Inscription introuvable');
  await recordAudit(deps.db, actor, {
    action: 'registration.check-in-undone',
    entityType: 'event_registration',
    entityId: row.id,
    networkIds: [event.networkId],
  });
  return { id: row.id, checkedInAt: null };
}

/**
 * The events whose registrants the actor manages (organisers: events they created or of organisations they edit;
 * coordinators: every event of their networks), with registration on Maillage, soonest first, and their counts.
 */
export async function registrationsOverview(deps: Pick<Deps, 'db'>, actor: Actor | null) {
  const ids = new Set((await listMyEvents(deps, actor)).map((m) => m.id));
  // Also the published events of the organisations the actor edits (events they did not create themselves).
  const me = await getMe(deps.db, actor);
  const day = 86_400_000;
  const from = new Date(Date.now() - 365 * day).toISOString();
  const to = new Date(Date.now() + 730 * day).toISOString();
  for (const org of me.organizations) {
    const query = listingQuery.parse({ organizer: org.id, from, to, pageSize: 500 });
    for (const row of (await findPublicEvents(deps.db, query, new Date())).rows) ids.add(row.id);
  }
  const events = [];
  for (const id of ids) {
    const event = await getEventForRegistration(deps.db, id);
    if (event?.registrationMode === 'maillage' && (await canManageRegistrations(deps.db, actor, event))) {
      events.push(event);
    }
  }
  const counts = await registrationCounts(
    deps.db,
    events.filter((e) => !e.recurrenceRule).map((e) => e.id),
  );
  // A recurring event shows its next date and that date's counts.
  const now = new Date();
  const next = new Map(events.map((e) => [e.id, nextOccurrence(e, now)?.startsAt ?? e.startsAt]));
  const perDate = await occurrenceCounts(
    deps.db,
    events.filter((e) => e.recurrenceRule).map((e) => ({ eventId: e.id, occurrence: next.get(e.id)! })),
  );
  return events
    .sort((a, b) => next.get(a.id)!.getTime() - next.get(b.id)!.getTime())
    .map((e) => {
      const startsAt = next.get(e.id)!;
      const c = e.recurrenceRule ? perDate.get(`${e.id}|${startsAt.toISOString()}`)! : counts.get(e.id)!;
      return {
        id: e.id,
        title: e.title,
        startsAt,
        recurring: Boolean(e.recurrenceRule),
        status: e.status,
        capacity: e.capacity,
        confirmed: c.confirmed,
        waitlisted: c.waitlisted,
        cancelled: c.cancelled,
        checkedIn: c.checkedIn,
        seatsLeft: e.capacity === null ? null : Math.max(0, e.capacity - c.confirmed),
      };
    });
}
