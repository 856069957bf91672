import { eq, sql } from 'drizzle-orm';
import type { Deps } from '../../context.ts';
import type { Db } from '../../db/client.ts';
import type { EventRow } from './events.access.ts';
import { events } from './events.tables.ts';

// When an edit changes an event's dates (its start, its rule, its excepted days, its end date or count), the
// people registered follow: a one-off event's registrations move to its new start, and the registrations of a
// date removed from a series are cancelled. The registrations module owns those people: it plugs in, with
// `plugDatesChanged` (at route registration), what happens to them inside the edit's transaction, and what an edit
// would do to them (for the confirmation the form shows before saving).

type ChangeDeps = Pick<Deps, 'db' | 'clock' | 'config' | 'log'>;

/** The timing an edit changes: what the dates of an event are made of. */
export type Timing = Pick<
  EventRow,
  'id' | 'startsAt' | 'endsAt' | 'recurrenceRule' | 'recurrenceExceptions' | 'timezone' | 'capacity'
>;

/**
 * What an edit does to the registrations: how many move to a new date (of which how many confirmed ones go on its
 * waiting list, the new date having fewer seats left), how many are cancelled, by date.
 */
export type DatesEffect = {
  moved: number;
  movedToWaitlist: number;
  cancelled: number;
  cancelledDates: { startsAt: Date; confirmed: number; waitlisted: number }[];
};

export type DatesChangedHandler = {
  /** Runs inside the edit's transaction, after the event row is updated; `afterCommit` sends the mails. */
  apply: (
    tx: Db,
    deps: ChangeDeps,
    before: EventRow,
    after: EventRow,
  ) => Promise<DatesEffect & { afterCommit: () => void }>;
  /** What `apply` would do now, without writing anything. */
  preview: (db: Db, before: Timing, after: Timing, now: Date) => Promise<DatesEffect>;
};

let handler: DatesChangedHandler | undefined;

/** Called by the registrations module so that an edit of an event's dates moves or cancels its registrations. */
export function plugDatesChanged(h: DatesChangedHandler) {
  handler = h;
}

export const noEffect = (): DatesEffect => ({
  moved: 0,
  movedToWaitlist: 0,
  cancelled: 0,
  cancelledDates: [],
});

const sameDays = (a: string[] | null, b: string[] | null) =>
  [...(a ?? [])].sort().join() === [...(b ?? [])].sort().join();

/** Does the edit change the dates of the event (not only its text)? */
export function datesChanged(before: Timing, after: Timing): boolean {
  return (
    before.startsAt.getTime() !== after.startsAt.getTime() ||
    before.endsAt.getTime() !== after.endsAt.getTime() ||
    (before.recurrenceRule ?? null) !== (after.recurrenceRule ?? null) ||
    before.timezone !== after.timezone ||
    !sameDays(before.recurrenceExceptions, after.recurrenceExceptions)
  );
}

/**
 * Inside an edit's transaction: raises the event's calendar SEQUENCE (the .ics of every entry changes), then moves
 * or cancels the registrations the new dates ask for.
 */
export async function applyDatesChanged(tx: Db, deps: ChangeDeps, before: EventRow, after: EventRow) {
  if (!datesChanged(before, after)) return { ...noEffect(), afterCommit: () => {} };
  const [row] = await tx
    .update(events)
    .set({ icsSequence: sql`${events.icsSequence} + 1` })
    .where(eq(events.id, after.id))
    .returning({ icsSequence: events.icsSequence });
  after.icsSequence = row.icsSequence;
  if (!handler) return { ...noEffect(), afterCommit: () => {} };
  return handler.apply(tx, deps, before, after);
}

/** What an edit from `before` to `after` would do to the registrations now. */
export async function previewDatesChanged(db: Db, before: Timing, after: Timing, now: Date) {
  if (!handler || !datesChanged(before, after)) return noEffect();
  return handler.preview(db, before, after, now);
}
