import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import type { DatesEffect, Timing } from '../events/events.dates-changed.ts';
import { expandOccurrences, fromWall, occurrenceAt, toWall } from '../events/events.time.ts';
import { registrationCounters, registrations } from './registrations.tables.ts';

// A series edited as a whole (another time of day, shifted by some days) keeps its people: the registrations of a
// date the new dates no longer hold move to that date's counterpart, and only those of a date without one are
// cancelled (registrations.dates-changed.ts).

const DAY = 86_400_000;
const HORIZON = 400 * DAY;

/** A registration that follows its date to the counterpart, with its status there. */
export type Move = {
  id: string;
  from: Date;
  to: Date;
  status: 'confirmed' | 'waitlisted';
  /** Was confirmed, but the new date had no seat left: now on its waiting list. */
  demoted: boolean;
};

const parisDay = (d: Date, timeZone: string) => toWall(d, timeZone).toISOString().slice(0, 10);

/**
 * The counterpart in the new dates of each old date (`gone`: future dates the new series no longer holds), or
 * none. Defined simply, so that an organiser can predict it:
 * 1. the new series' date on the same calendar day (Paris wall clock) as the old one, if there is one (the
 *    afterwork moved from 18:30 to 19:00); the nearest in time when that day has several;
 * 2. otherwise, if the start of the series moved by a wall-clock offset that is uniform (every future old date +
 *    that offset is a date of the new series: the whole series shifted by a day or a week), the old date + offset;
 * 3. otherwise none: its registrations are cancelled. A counterpart already started is none too.
 */
export function counterparts(before: Timing, after: Timing, gone: Date[], now: Date): Map<number, Date> {
  const out = new Map<number, Date>();
  if (!gone.length) return out;
  const last = Math.max(...gone.map((d) => d.getTime()));
  const zone = after.timezone;
  const offset = toWall(after.startsAt, zone).getTime() - toWall(before.startsAt, before.timezone).getTime();
  const shifted = (d: Date) => fromWall(new Date(toWall(d, before.timezone).getTime() + offset), zone);
  const olds = expandOccurrences(before, now, new Date(now.getTime() + HORIZON)).filter(
    (o) => o.startsAt > now,
  );
  const until = Math.max(last, ...olds.map((o) => o.startsAt.getTime())) + Math.abs(offset) + 2 * DAY;
  const news = expandOccurrences(after, now, new Date(until)).filter((o) => o.startsAt > now);
  const isNew = new Set(news.map((o) => o.startsAt.getTime()));
  const byDay = new Map<string, Date[]>();
  for (const o of news) {
    const day = parisDay(o.startsAt, zone);
    byDay.set(day, [...(byDay.get(day) ?? []), o.startsAt]);
  }
  // (An old date whose shifted date is already past, a series brought forward, has nothing to check.)
  const toCheck = olds.map((o) => shifted(o.startsAt)).filter((d) => d > now);
  const uniform = offset !== 0 && toCheck.length > 0 && toCheck.every((d) => isNew.has(d.getTime()));
  for (const d of gone) {
    const sameDay = byDay.get(parisDay(d, before.timezone));
    const near = sameDay?.reduce((a, b) =>
      Math.abs(b.getTime() - d.getTime()) < Math.abs(a.getTime() - d.getTime()) ? b : a,
    );
    const to = near ?? (uniform ? shifted(d) : undefined);
    if (to && to > now) out.set(d.getTime(), to);
  }
  return out;
}

/**
 * What the new dates of a series (or an event become or ceasing to be one) do to its live registrations: the
 * moves to counterparts, with the seats of each new date (the new capacity, less the confirmed registrations
 * already there: the first movers in registration order keep a seat, the others go on the waiting list, nobody
 * is dropped), and the cancellations (no counterpart, or the person already registered at the counterpart).
 */
export async function planSeries(db: Db, before: Timing, after: Timing, now: Date) {
  const rows = await db
    .select({
      id: registrations.id,
      email: registrations.email,
      startsAt: registrations.occurrenceStartsAt,
      status: registrations.status,
    })
    .from(registrations)
    .where(
      and(eq(registrations.eventId, before.id), inArray(registrations.status, ['confirmed', 'waitlisted'])),
    )
    .orderBy(asc(registrations.occurrenceStartsAt), asc(registrations.seq));
  const isGone = new Map<number, boolean>();
  for (const r of rows) {
    const t = r.startsAt.getTime();
    if (!isGone.has(t)) isGone.set(t, r.startsAt > now && !occurrenceAt(after, r.startsAt));
  }
  const gone = [...isGone].filter(([, g]) => g).map(([t]) => new Date(t));
  const to = counterparts(before, after, gone, now);
  const taken = new Map<number, number>();
  const emails = new Map<number, Set<string>>();
  const at = <T>(m: Map<number, T>, t: number, empty: T): T => {
    if (!m.has(t)) m.set(t, empty);
    return m.get(t) as T;
  };
  for (const r of rows.filter((r) => !isGone.get(r.startsAt.getTime()))) {
    const t = r.startsAt.getTime();
    if (r.status === 'confirmed') taken.set(t, (taken.get(t) ?? 0) + 1);
    at(emails, t, new Set<string>()).add(r.email);
  }
  // Confirmed before waitlisted, each in registration order (rows are by date, then arrival).
  const leaving = rows
    .filter((r) => isGone.get(r.startsAt.getTime()))
    .sort((a, b) => (a.status === b.status ? 0 : a.status === 'confirmed' ? -1 : 1));
  const moves: Move[] = [];
  const cancelled: typeof rows = [];
  for (const r of leaving) {
    const target = to.get(r.startsAt.getTime());
    const seen = target && at(emails, target.getTime(), new Set<string>());
    if (!target || !seen || seen.has(r.email)) {
      cancelled.push(r);
      continue;
    }
    seen.add(r.email);
    const t = target.getTime();
    const seat = r.status === 'confirmed' && (after.capacity == null || (taken.get(t) ?? 0) < after.capacity);
    if (seat) taken.set(t, (taken.get(t) ?? 0) + 1);
    moves.push({
      id: r.id,
      from: r.startsAt,
      to: target,
      status: seat ? 'confirmed' : 'waitlisted',
      demoted: r.status === 'confirmed' && !seat,
    });
  }
  const byDate = new Map<number, DatesEffect['cancelledDates'][number]>();
  for (const r of cancelled) {
    const date = at(byDate, r.startsAt.getTime(), { startsAt: r.startsAt, confirmed: 0, waitlisted: 0 });
    date[r.status as 'confirmed' | 'waitlisted'] += 1;
  }
  const effect: DatesEffect = {
    moved: moves.length,
    movedToWaitlist: moves.filter((m) => m.demoted).length,
    cancelled: cancelled.length,
    cancelledDates: [...byDate.values()].sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime()),
  };
  return { effect, moves, cancelIds: cancelled.map((r) => r.id) };
}

/**
 * Writes the moves: each registration goes to the end of its new date's arrival order (after those already
 * there, in the order of `moves`), with its status there; its reminder of the day before is for the new date.
 */
export async function applyMoves(tx: Db, eventId: string, moves: Move[], now: Date) {
  for (const m of moves) {
    await tx.insert(registrationCounters).values({ eventId, occurrenceStartsAt: m.to }).onConflictDoNothing();
    const [{ seq }] = await tx
      .update(registrationCounters)
      .set({ lastSeq: sql`${registrationCounters.lastSeq} + 1` })
      .where(
        and(eq(registrationCounters.eventId, eventId), eq(registrationCounters.occurrenceStartsAt, m.to)),
      )
      .returning({ seq: registrationCounters.lastSeq });
    await tx
      .update(registrations)
      .set({ occurrenceStartsAt: m.to, seq, status: m.status, remindedAt: null, updatedAt: now })
      .where(eq(registrations.id, m.id));
  }
}
