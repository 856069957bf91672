import { boolean, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id } from '../../db/columns.ts';
import { events } from '../events/events.tables.ts';

/** A message an organiser wrote to an event's registrants (one mail per person went to the outbox). */
export const eventMessages = pgTable(
  'event_messages',
  {
    id: id(),
    eventId: uuid('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    subject: text('subject').notNull(),
    text: text('text').notNull(),
    toConfirmed: boolean('to_confirmed').notNull(),
    toWaitlisted: boolean('to_waitlisted').notNull(),
    recipients: integer('recipients').notNull(),
    sentBy: uuid('sent_by'),
    /** The sender's name as it was when sending (shown in the list, named in the mails' footer). */
    sentByName: text('sent_by_name').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('event_messages_event_created').on(t.eventId, t.createdAt)],
);

/** The opt-in "Qu’en avez-vous pensé ?" mail of an event: on or off, the organiser's question and link. */
export const eventFeedbackSettings = pgTable('event_feedback_settings', {
  eventId: uuid('event_id')
    .primaryKey()
    .references(() => events.id, { onDelete: 'cascade' }),
  enabled: boolean('enabled').notNull().default(false),
  question: text('question').notNull(),
  url: text('url'),
  updatedBy: uuid('updated_by'),
  updatedByName: text('updated_by_name').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
