import { and, count, inArray, type SQL, sql } from 'drizzle-orm';
import type { Actor, Deps } from '../../context.ts';
import type { Db } from '../../db/client.ts';
import { nextOccurrence } from '../events/events.time.ts';
import { assertRegistrationOpen, loadVisibleEvent, type RegistrationEvent } from './registrations.event.ts';
import { offeredDates } from './registrations.occurrence.ts';
import type { RegistrationStatus } from './registrations.service.ts';
import { registrations } from './registrations.tables.ts';

// Counts read by others: seats left for the events listing (`hasSeats`: of a recurring event, its next date), counts
// by status for the campaign dashboard (all dates together), and the public registration panel's summary (per date).

export type RegistrationCounts = {
  eventId: string;
  capacity?: number | null;
  confirmed: number;
  waitlisted: number;
  cancelled: number;
  checkedIn: number;
};

/**
 * Registrations by status (and checked-in people) for each event, all its dates together, for dashboards; events
 * without any get zeros.
 */
export async function registrationCounts(
  db: Db,
  eventIds: string[],
): Promise<Map<string, RegistrationCounts>> {
  const out = new Map<string, RegistrationCounts>();
  for (const eventId of eventIds) {
    out.set(eventId, { eventId, confirmed: 0, waitlisted: 0, cancelled: 0, checkedIn: 0 });
  }
  if (eventIds.length === 0) return out;
  const rows = await db
    .select({
      eventId: registrations.eventId,
      status: registrations.status,
      n: count(),
      checkedIn: count(registrations.checkedInAt),
    })
    .from(registrations)
    .where(inArray(registrations.eventId, eventIds))
    .groupBy(registrations.eventId, registrations.status);
  for (const r of rows) {
    const c = out.get(r.eventId);
    if (!c) continue;
    c[r.status as RegistrationStatus] = r.n;
    c.checkedIn += r.checkedIn;
  }
  return out;
}

type Counts = { confirmed: number; waitlisted: number; cancelled: number; checkedIn: number };
const zero = (): Counts => ({ confirmed: 0, waitlisted: 0, cancelled: 0, checkedIn: 0 });
const key = (eventId: string, occurrence: Date) => `${eventId}|${occurrence.toISOString()}`;

/** Registrations by status for the given (event, date) pairs; keyed `eventId|ISO start`, zeros when none. */
export async function occurrenceCounts(
  db: Db,
  pairs: { eventId: string; occurrence: Date }[],
): Promise<Map<string, Counts>> {
  const out = new Map<string, Counts>();
  for (const p of pairs) out.set(key(p.eventId, p.occurrence), zero());
  if (pairs.length === 0) return out;
  const match: SQL[] = pairs.map(
    (p) =>
      sql`(${registrations.eventId} = ${p.eventId}::uuid and ${registrations.occurrenceStartsAt} = ${p.occurrence.toISOString()}::timestamptz)`,
  );
  const rows = await db
    .select({
      eventId: registrations.eventId,
      occurrence: registrations.occurrenceStartsAt,
      status: registrations.status,
      n: count(),
      checkedIn: count(registrations.checkedInAt),
    })
    .from(registrations)
    .where(
      and(
        inArray(
          registrations.eventId,
          pairs.map((p) => p.eventId),
        ),
        sql`(${sql.join(match, sql` or `)})`,
      ),
    )
    .groupBy(registrations.eventId, registrations.occurrenceStartsAt, registrations.status);
  for (const r of rows) {
    const c = out.get(key(r.eventId, r.occurrence));
    if (!c) continue;
    c[r.status as RegistrationStatus] = r.n;
    c.checkedIn += r.checkedIn;
  }
  return out;
}

/** Counts of one date of an event. */
export async function countsOf(db: Db, eventId: string, occurrence: Date): Promise<Counts> {
  return (await occurrenceCounts(db, [{ eventId, occurrence }])).get(key(eventId, occurrence))!;
}

type SeatsEvent = {
  id: string;
  capacity: number | null;
  startsAt?: Date;
  endsAt?: Date;
  recurrenceRule?: string | null;
  timezone?: string;
};

/**
 * Seats left per event given their capacities (null = unlimited → null): of a one-off event, its date; of a
 * recurring one, its next date. For the events module's `hasSeats` filter and dashboard:
 * `seatsLeft(db, [{ id, capacity, startsAt, endsAt, recurrenceRule, timezone }])`.
 */
export async function seatsLeft(
  db: Db,
  events: SeatsEvent[],
  now = new Date(),
): Promise<Map<string, number | null>> {
  const recurring = events.filter((e) => e.recurrenceRule && e.startsAt && e.endsAt);
  const next = new Map<string, Date>();
  for (const e of recurring) {
    const o = nextOccurrence(
      {
        startsAt: e.startsAt!,
        endsAt: e.endsAt!,
        recurrenceRule: e.recurrenceRule!,
        timezone: e.timezone ?? 'Europe/Paris',
      },
      now,
    );
    if (o) next.set(e.id, o.startsAt);
  }
  const oneOff = events.filter((e) => !e.recurrenceRule).map((e) => e.id);
  const [all, perDate] = await Promise.all([
    registrationCounts(db, oneOff),
    occurrenceCounts(
      db,
      [...next].map(([eventId, occurrence]) => ({ eventId, occurrence })),
    ),
  ]);
  const out = new Map<string, number | null>();
  for (const e of events) {
    if (e.capacity === null) {
      out.set(e.id, null);
      continue;
    }
    const occurrence = next.get(e.id);
    const confirmed = e.recurrenceRule
      ? occurrence
        ? (perDate.get(key(e.id, occurrence))?.confirmed ?? 0)
        : e.capacity
      : (all.get(e.id)?.confirmed ?? 0);
    out.set(e.id, Math.max(0, e.capacity - confirmed));
  }
  return out;
}

/** What the public registration panel shows: open or not (and why), and per date offered seats left and waiting list. */
export async function registrationSummary(
  deps: Pick<Deps, 'db' | 'clock'>,
  actor: Actor | null,
  eventId: string,
) {
  const now = deps.clock();
  const event = await loadVisibleEvent(deps.db, actor, eventId);
  let open = true;
  let reason: string | undefined;
  try {
    assertRegistrationOpen(event, now);
  } catch (err) {
    open = false;
    reason = (err as Error).message;
  }
  const dates = offeredDates(event, now);
  const counts = event.recurrenceRule
    ? await occurrenceCounts(
        deps.db,
        dates.map((d) => ({ eventId, occurrence: d.startsAt })),
      )
    : // A one-off event has one date: all its registrations (even made before its start was moved).
      new Map(
        [...(await registrationCounts(deps.db, [eventId])).values()].map((c) => [
          key(eventId, event.startsAt),
          c,
        ]),
      );
  const occurrences = dates.map((d) => {
    const c = counts.get(key(eventId, d.startsAt))!;
    return {
      startsAt: d.startsAt,
      endsAt: d.endsAt,
      confirmed: c.confirmed,
      waitlisted: c.waitlisted,
      seatsLeft: seatsOf(event, c.confirmed),
    };
  });
  if (event.recurrenceRule && occurrences.length === 0) {
    open = false;
    reason ??= 'Cet événement n’a plus de date à venir : les inscriptions sont closes.';
  }
  // The top-level figures are those of the first date offered (a one-off event's only one).
  const first = occurrences[0] ?? { confirmed: 0, waitlisted: 0, seatsLeft: seatsOf(event, 0) };
  return {
    eventId,
    registrationMode: event.registrationMode,
    registrationUrl: event.registrationUrl,
    open,
    reason,
    capacity: event.capacity,
    recurring: Boolean(event.recurrenceRule),
    membersOnly: event.membersOnly,
    confirmed: first.confirmed,
    waitlisted: first.waitlisted,
    seatsLeft: first.seatsLeft,
    occurrences,
  };
}

const seatsOf = (event: RegistrationEvent, confirmed: number) =>
  event.capacity === null ? null : Math.max(0, event.capacity - confirmed);
