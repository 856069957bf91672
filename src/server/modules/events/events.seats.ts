import type { Db } from '../../db/client.ts';

// Seats left per event. The registrations module owns the counts; it plugs its reader in with `useSeatsReader`
// (at route registration). Until it does, an event's seats are its capacity.

export type SeatsReader = (
  db: Db,
  events: { id: string; capacity: number | null }[],
) => Promise<Map<string, number | null>>;

export type CountsReader = (
  db: Db,
  eventIds: string[],
) => Promise<Map<string, { confirmed: number; waitlisted: number; checkedIn: number }>>;

let seatsReader: SeatsReader | undefined;
let countsReader: CountsReader | undefined;

/** Called by the registrations module so that listings show real seats left and dashboards real counts. */
export function useSeatsReader(seats: SeatsReader, counts?: CountsReader) {
  seatsReader = seats;
  countsReader = counts;
}

export async function seatsLeftFor(
  db: Db,
  events: { id: string; capacity: number | null; registrationMode: string }[],
) {
  const limited = events.filter((e) => e.registrationMode === 'maillage' && e.capacity !== null);
  if (seatsReader && limited.length) return seatsReader(db, limited);
  return new Map(limited.map((e) => [e.id, e.capacity]));
}

export async function registrationCountsFor(db: Db, eventIds: string[]) {
  if (!countsReader || eventIds.length === 0) return undefined;
  return countsReader(db, eventIds);
}
