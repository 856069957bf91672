import { count, inArray } from 'drizzle-orm';
import type { Deps } from '../../context.ts';
import type { Db } from '../../db/client.ts';
import { assertRegistrationOpen, loadEvent } from './registrations.event.ts';
import type { RegistrationStatus } from './registrations.service.ts';
import { registrations } from './registrations.tables.ts';

// Counts read by others: seats left for the events listing (`hasSeats`), counts by status for the campaign
// dashboard, and the public registration panel's summary.

export type RegistrationCounts = {
  eventId: string;
  capacity?: number | null;
  confirmed: number;
  waitlisted: number;
  cancelled: number;
  checkedIn: number;
};

/** Registrations by status (and checked-in people) for each event, for dashboards; events without any get zeros. */
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

/**
 * Seats left per event given their capacities (null = unlimited → null). For the events module's `hasSeats`
 * filter and dashboard: `seatsLeft(db, [{ id, capacity }])`.
 */
export async function seatsLeft(
  db: Db,
  events: { id: string; capacity: number | null }[],
): Promise<Map<string, number | null>> {
  const counts = await registrationCounts(
    db,
    events.map((e) => e.id),
  );
  const out = new Map<string, number | null>();
  for (const e of events) {
    out.set(e.id, e.capacity === null ? null : Math.max(0, e.capacity - (counts.get(e.id)?.confirmed ?? 0)));
  }
  return out;
}

/** What the public registration panel shows: open or not (and why), seats left, waiting list length. */
export async function registrationSummary(deps: Pick<Deps, 'db' | 'clock'>, eventId: string) {
  const event = await loadEvent(deps.db, eventId);
  const counts = (await registrationCounts(deps.db, [eventId])).get(eventId)!;
  let open = true;
  let reason: string | undefined;
  try {
    assertRegistrationOpen(event, deps.clock());
  } catch (err) {
    open = false;
    reason = (err as Error).message;
  }
  return {
    eventId,
    registrationMode: event.registrationMode,
    registrationUrl: event.registrationUrl,
    open,
    reason,
    capacity: event.capacity,
    confirmed: counts.confirmed,
    waitlisted: counts.waitlisted,
    seatsLeft: event.capacity === null ? null : Math.max(0, event.capacity - counts.confirmed),
  };
}
