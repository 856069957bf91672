import { sql } from 'drizzle-orm';
import {
  boolean,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, id, updatedAt } from '../../db/columns.ts';
import { events } from '../events/events.tables.ts';

/**
 * One row per date of an event that has registrations (a one-off event has one date, its start): the lock that
 * serialises sign-ups and cancellations of that date (every writer updates it first, so concurrent writers queue
 * on the row lock in PostgreSQL, and PGlite runs statements one at a time), the arrival counter giving each
 * registration its `seq`, and the live counts that a sign-up decides on (kept equal to the rows' statuses: see
 * registrations.service.ts).
 */
export const registrationCounters = pgTable(
  'event_registration_counters',
  {
    eventId: uuid('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    /** The start of the date (occurrence) these counts are for. */
    occurrenceStartsAt: timestamp('occurrence_starts_at', { withTimezone: true }).notNull(),
    lastSeq: integer('last_seq').notNull().default(0),
    confirmed: integer('confirmed').notNull().default(0),
    waitlisted: integer('waitlisted').notNull().default(0),
    /** Status given to the latest sign-up (read back by the statement that made it). */
    lastStatus: text('last_status'),
    /**
     * Set when the event is cancelled, in the cancellation's transaction: a sign-up that queued behind it on this
     * row's lock finds it set and inserts nothing (registration is closed for good).
     */
    closedAt: timestamp('closed_at', { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.eventId, t.occurrenceStartsAt] })],
);

/** A person's registration to an event: confirmed seat, place on the waiting list, or cancelled. */
export const registrations = pgTable(
  'event_registrations',
  {
    id: id(),
    eventId: uuid('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    /**
     * The start of the date registered for: one of a recurring event's occurrences, or a one-off event's start.
     * Read by other modules (reminders): the name is a contract.
     */
    occurrenceStartsAt: timestamp('occurrence_starts_at', { withTimezone: true }).notNull(),
    /** Arrival order within the date (1, 2, …): the waiting list is served in this order. */
    seq: integer('seq').notNull(),
    /** confirmed | waitlisted | cancelled */
    status: text('status').notNull(),
    name: text('name').notNull(),
    /** Always stored lower-cased. */
    email: text('email').notNull(),
    organization: text('organization'),
    accessibilityNeeds: text('accessibility_needs'),
    consentAt: timestamp('consent_at', { withTimezone: true }).notNull(),
    /** SHA-256 of the personal ticket/cancel token mailed to the person (no account needed). */
    manageTokenHash: text('manage_token_hash').notNull().unique(),
    promotedAt: timestamp('promoted_at', { withTimezone: true }),
    cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
    /**
     * Why a cancelled registration was cancelled: `registrant` (the person freed their seat), `event_cancelled`
     * (the event itself was cancelled) or `date_removed` (an edit removed that date from the series). Null on
     * registrations cancelled before this was recorded (by the person).
     */
    cancelReason: text('cancel_reason'),
    checkedInAt: timestamp('checked_in_at', { withTimezone: true }),
    checkedInBy: uuid('checked_in_by'),
    /** When the reminder of the day before was written to the outbox (claimed once: registrations.reminders.ts). */
    remindedAt: timestamp('reminded_at', { withTimezone: true }),
    /** When the opt-in "Qu’en avez-vous pensé ?" mail was written to the outbox (claimed once, likewise). */
    feedbackSentAt: timestamp('feedback_sent_at', { withTimezone: true }),
    /** Generated demo rows are labelled so that nobody takes them for real people. */
    isDemo: boolean('is_demo').notNull().default(false),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    // One live registration per email per date of an event; a cancelled one does not block registering again.
    uniqueIndex('event_registrations_event_email')
      .on(t.eventId, t.occurrenceStartsAt, t.email)
      .where(sql`status <> 'cancelled'`),
    uniqueIndex('event_registrations_event_seq').on(t.eventId, t.occurrenceStartsAt, t.seq),
    index('event_registrations_event_status').on(t.eventId, t.occurrenceStartsAt, t.status, t.seq),
  ],
);
