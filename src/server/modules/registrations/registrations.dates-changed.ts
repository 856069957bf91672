import { and, asc, count, eq, inArray, ne, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { invalidatePublicCache } from '../events/events.cache.ts';
import {
  type DatesChangedHandler,
  type DatesEffect,
  noEffect,
  type Timing,
} from '../events/events.dates-changed.ts';
import { eventCancellationIcs } from '../events/events.service.ts';
import { deliverFromOutbox, writeToOutbox } from '../mail/mail.outbox.ts';
import { applyMoves, planSeries } from './registrations.dates-moved.ts';
import { eventIcs, loadEvent } from './registrations.event.ts';
import { dateCancelledMail, rescheduledMail } from './registrations.messages.mail.ts';
import { syncCounts } from './registrations.service.ts';
import { registrationCounters, registrations } from './registrations.tables.ts';

// What an edit of an event's dates does to its registrations (plugged into the events module's edits, inside their
// transaction, after the event's row is updated: sign-ups and cancellations take a share lock on that row first, so
// they wait for the edit and then see the new dates):
// - a one-off event whose start moved: every registration follows to the new start, with the date's counter row,
//   and each confirmed or waitlisted person is told the new date (with the updated .ics);
// - a date that is no longer one of the event's but has a counterpart in the new dates (the series moved to
//   another time of day, or shifted: registrations.dates-moved.ts says which): its registrations move there, at
//   the end of that date's order, those beyond its seats on its waiting list, each person told the new date;
// - a date with no counterpart (an excepted day, another rule, an earlier end, a smaller count; a series become
//   one-off on another day): its confirmed and waitlisted registrations are cancelled (`cancel_reason =
//   'date_removed'`), its counts freed, and each person is told, with a link to choose another date.
// Dates already started are history (check-ins, exports): an edit leaves their registrations as they are.

/** What the new dates do to the live registrations: a one-off move of all, or the series' moves and cancellations. */
async function plan(db: Db, before: Timing, after: Timing, now: Date) {
  // One-off before and after: its one date moves (rows stored at an older start move too).
  if (!before.recurrenceRule && !after.recurrenceRule) {
    const [{ n }] = await db
      .select({ n: count() })
      .from(registrations)
      .where(
        and(
          eq(registrations.eventId, before.id),
          inArray(registrations.status, ['confirmed', 'waitlisted']),
          ne(registrations.occurrenceStartsAt, after.startsAt),
        ),
      );
    const effect: DatesEffect = { ...noEffect(), moved: n };
    return { effect, to: after.startsAt, moves: [], cancelIds: [] };
  }
  return { ...(await planSeries(db, before, after, now)), to: undefined };
}

/**
 * Moves every registration of a one-off event to its new start, renumbering arrival order across the dates they
 * were stored at (older moves), and leaves one counter row, at the new start, with their counts.
 */
async function moveAll(tx: Db, eventId: string, to: Date) {
  // Negative first, then positive: the unique (event, date, seq) holds after each statement.
  await tx.execute(sql`
    with ordered as (
      select id, row_number() over (order by occurrence_starts_at, seq) as n
      from event_registrations where event_id = ${eventId}::uuid
    )
    update event_registrations r set
      seq = -ordered.n,
      occurrence_starts_at = ${to.toISOString()}::timestamptz,
      -- The reminder of the day before is for the new date.
      reminded_at = case when r.occurrence_starts_at = ${to.toISOString()}::timestamptz then r.reminded_at end
    from ordered where r.id = ordered.id`);
  const [{ last }] = await tx
    .select({ last: count() })
    .from(registrations)
    .where(eq(registrations.eventId, eventId));
  await tx.execute(
    sql`update event_registrations set seq = -seq where event_id = ${eventId}::uuid and seq < 0`,
  );
  await tx.delete(registrationCounters).where(eq(registrationCounters.eventId, eventId));
  await tx.insert(registrationCounters).values({ eventId, occurrenceStartsAt: to, lastSeq: last });
  await syncCounts(tx, eventId, to);
}

export const registrationsFollowDates: DatesChangedHandler = {
  preview: (db, before, after, now) => plan(db, before, after, now).then((p) => p.effect),

  async apply(tx, deps, before, after) {
    const now = deps.clock();
    const { to, effect, moves, cancelIds } = await plan(tx, before, after, now);
    const none = { ...effect, afterCommit: () => {} };
    if (effect.moved === 0 && effect.cancelled === 0) return none;
    const event = await loadEvent(tx, after.id);
    const live = inArray(registrations.status, ['confirmed', 'waitlisted']);
    let mails: ReturnType<typeof rescheduledMail>[] = [];
    // The event as loaded has the raised calendar SEQUENCE (the edit raised it before this runs).
    if (to) {
      const moving = await tx
        .select()
        .from(registrations)
        .where(and(eq(registrations.eventId, after.id), live))
        .orderBy(asc(registrations.seq));
      const told = moving.filter((r) => r.occurrenceStartsAt.getTime() !== to.getTime());
      await moveAll(tx, after.id, to);
      // A start moved into the past tells nobody: there is no date to come to.
      if (to > now) {
        const ics = await eventIcs({ db: tx, config: deps.config }, event, to);
        mails = told.map((r) =>
          rescheduledMail(deps, event, r.occurrenceStartsAt, { ...r, occurrenceStartsAt: to }, ics),
        );
      }
    } else {
      const cancelling = await tx
        .select()
        .from(registrations)
        .where(inArray(registrations.id, cancelIds))
        .orderBy(asc(registrations.occurrenceStartsAt), asc(registrations.seq));
      if (cancelling.length) {
        await tx
          .update(registrations)
          .set({ status: 'cancelled', cancelReason: 'date_removed', cancelledAt: now, updatedAt: now })
          .where(inArray(registrations.id, cancelIds));
      }
      const movingRows = new Map(
        (moves.length
          ? await tx
              .select()
              .from(registrations)
              .where(
                inArray(
                  registrations.id,
                  moves.map((m) => m.id),
                ),
              )
          : []
        ).map((r) => [r.id, r]),
      );
      await applyMoves(tx, after.id, moves, now);
      await syncCounts(tx, after.id);
      // The entry the registration mails added was that of the event as it was.
      const icsFor = await eventCancellationIcs(
        { db: tx, config: deps.config, clock: () => now },
        after.id,
        before,
      );
      mails = cancelling.map((r) =>
        dateCancelledMail(deps, event, r, icsFor({ name: r.name, email: r.email }, r.occurrenceStartsAt)),
      );
      // The moved entry keeps the UID of the date it was at, with the raised SEQUENCE: calendars update it.
      const icsOf = new Map<string, string>();
      for (const m of moves) {
        const key = `${m.from.toISOString()} ${m.to.toISOString()}`;
        if (!icsOf.has(key))
          icsOf.set(key, await eventIcs({ db: tx, config: deps.config }, event, m.to, m.from));
        const r = movingRows.get(m.id)!;
        mails.push(
          rescheduledMail(
            deps,
            event,
            m.from,
            { ...r, occurrenceStartsAt: m.to, status: m.status },
            icsOf.get(key)!,
            m.demoted,
          ),
        );
      }
    }
    const ids = await writeToOutbox(tx, mails, deps.config);
    return {
      ...effect,
      afterCommit: () => {
        invalidatePublicCache(deps.db);
        deliverFromOutbox(deps, ids).catch((err) =>
          deps.log.error({ err, eventId: after.id }, 'mails about changed dates not sent'),
        );
      },
    };
  },
};
