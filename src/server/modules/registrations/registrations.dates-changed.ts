import { and, asc, count, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { invalidatePublicCache } from '../events/events.cache.ts';
import type { DatesChangedHandler, DatesEffect, Timing } from '../events/events.dates-changed.ts';
import { eventCancellationIcs } from '../events/events.service.ts';
import { occurrenceAt } from '../events/events.time.ts';
import { deliverFromOutbox, writeToOutbox } from '../mail/mail.outbox.ts';
import { eventIcs, loadEvent } from './registrations.event.ts';
import { dateCancelledMail, rescheduledMail } from './registrations.messages.mail.ts';
import { syncCounts } from './registrations.service.ts';
import { registrationCounters, registrations } from './registrations.tables.ts';

// What an edit of an event's dates does to its registrations (plugged into the events module's edits, inside their
// transaction, after the event's row is updated: sign-ups and cancellations take a share lock on that row first, so
// they wait for the edit and then see the new dates):
// - a one-off event whose start moved: every registration follows to the new start, with the date's counter row,
//   and each confirmed or waitlisted person is told the new date (with the updated .ics);
// - a date that is no longer one of the event's (an excepted day, another rule, an earlier end, a smaller count; a
//   series become one-off): its confirmed and waitlisted registrations are cancelled (`cancel_reason =
//   'date_removed'`), its counts freed, and each person is told, with a link to choose another date.
// Dates already started are history (check-ins, exports): an edit leaves their registrations as they are.

/** What the new dates do to the live registrations, per stored date. */
async function plan(db: Db, before: Timing, after: Timing, now: Date): Promise<DatesEffect & { to?: Date }> {
  const rows = await db
    .select({ startsAt: registrations.occurrenceStartsAt, status: registrations.status, n: count() })
    .from(registrations)
    .where(
      and(eq(registrations.eventId, before.id), inArray(registrations.status, ['confirmed', 'waitlisted'])),
    )
    .groupBy(registrations.occurrenceStartsAt, registrations.status);
  // One-off before and after: its one date moves (rows stored at an older start move too).
  if (!before.recurrenceRule && !after.recurrenceRule) {
    const moved = rows.filter((r) => r.startsAt.getTime() !== after.startsAt.getTime());
    return {
      moved: moved.reduce((n, r) => n + r.n, 0),
      cancelled: 0,
      cancelledDates: [],
      to: after.startsAt,
    };
  }
  const removed = new Map<number, DatesEffect['cancelledDates'][number]>();
  for (const r of rows) {
    if (r.startsAt <= now || occurrenceAt(after, r.startsAt)) continue;
    const date = removed.get(r.startsAt.getTime()) ?? { startsAt: r.startsAt, confirmed: 0, waitlisted: 0 };
    date[r.status as 'confirmed' | 'waitlisted'] += r.n;
    removed.set(date.startsAt.getTime(), date);
  }
  const cancelledDates = [...removed.values()].sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
  const cancelled = cancelledDates.reduce((n, d) => n + d.confirmed + d.waitlisted, 0);
  return { moved: 0, cancelled, cancelledDates };
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
  preview: (db, before, after, now) => plan(db, before, after, now).then(({ to: _to, ...effect }) => effect),

  async apply(tx, deps, before, after) {
    const now = deps.clock();
    const { to, ...effect } = await plan(tx, before, after, now);
    const none = { ...effect, afterCommit: () => {} };
    if (effect.moved === 0 && effect.cancelled === 0) return none;
    const event = await loadEvent(tx, after.id);
    const live = inArray(registrations.status, ['confirmed', 'waitlisted']);
    let mails: ReturnType<typeof rescheduledMail>[] = [];
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
        .where(
          and(
            eq(registrations.eventId, after.id),
            live,
            inArray(
              registrations.occurrenceStartsAt,
              effect.cancelledDates.map((d) => d.startsAt),
            ),
          ),
        )
        .orderBy(asc(registrations.occurrenceStartsAt), asc(registrations.seq));
      await tx
        .update(registrations)
        .set({ status: 'cancelled', cancelReason: 'date_removed', cancelledAt: now, updatedAt: now })
        .where(
          inArray(
            registrations.id,
            cancelling.map((r) => r.id),
          ),
        );
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
