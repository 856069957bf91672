import { and, asc, eq, inArray } from 'drizzle-orm';
import { invalidatePublicCache } from '../events/events.cache.ts';
import type { EventCancelledHandler } from '../events/events.cancel.ts';
import { eventCancellationIcs } from '../events/events.service.ts';
import { deliverFromOutbox, writeToOutbox } from '../mail/mail.outbox.ts';
import { loadEvent } from './registrations.event.ts';
import { eventCancelledMail } from './registrations.mail.ts';
import { syncCounts } from './registrations.service.ts';
import { registrationCounters, registrations } from './registrations.tables.ts';

// What an event's cancellation does to its registrations (plugged into the events module's `cancelEvent`, inside
// its transaction): registration closes for good, every confirmed and waitlisted registration becomes cancelled
// because of the event, and each of those people gets one mail, written to the outbox in the same transaction and
// sent once it has committed.

/** The handler the events module calls when an event is cancelled (see `plugEventCancelled`). */
export const cancelRegistrationsOfEvent: EventCancelledHandler = async (tx, deps, cancelled, reason) => {
  const now = deps.clock();
  // The event's row is already updated (locked) by the cancellation: sign-ups take a share lock on it first, so
  // those in flight have committed and those behind find the event cancelled, whatever their date. Every date's
  // counter row is closed too (and locked: a person's cancellation in flight finishes first).
  await tx
    .update(registrationCounters)
    .set({ closedAt: now })
    .where(eq(registrationCounters.eventId, cancelled.id));
  const live = await tx
    .select()
    .from(registrations)
    .where(
      and(
        eq(registrations.eventId, cancelled.id),
        inArray(registrations.status, ['confirmed', 'waitlisted']),
      ),
    )
    .orderBy(asc(registrations.occurrenceStartsAt), asc(registrations.seq));
  if (live.length === 0) return { confirmed: 0, waitlisted: 0, afterCommit: () => {} };
  await tx
    .update(registrations)
    .set({ status: 'cancelled', cancelReason: 'event_cancelled', cancelledAt: now, updatedAt: now })
    .where(
      inArray(
        registrations.id,
        live.map((r) => r.id),
      ),
    );
  await syncCounts(tx, cancelled.id);

  const event = await loadEvent(tx, cancelled.id);
  const icsFor = await eventCancellationIcs({ db: tx, config: deps.config, clock: () => now }, cancelled.id);
  const ids = await writeToOutbox(
    tx,
    live.map((r) =>
      eventCancelledMail(event, r, reason, icsFor({ name: r.name, email: r.email }, r.occurrenceStartsAt)),
    ),
    deps.config,
  );
  return {
    confirmed: live.filter((r) => r.status === 'confirmed').length,
    waitlisted: live.filter((r) => r.status === 'waitlisted').length,
    afterCommit: () => {
      // Seats left change in the public listings.
      invalidatePublicCache(deps.db);
      // Sent in the background: the organiser does not wait for hundreds of mails; whatever happens, each mail
      // is in the outbox, marked sent or failed (or still kept).
      deliverFromOutbox(deps, ids).catch((err) =>
        deps.log.error({ err, eventId: cancelled.id }, 'cancellation mails not sent'),
      );
    },
  };
};
