import { date, index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id } from '../../db/columns.ts';

/**
 * A person's request for their data or for its erasure, made from the public form: the link mailed to the address
 * carries a token of which only the hash is kept; it opens the export (or asks to confirm the erasure) until
 * `expiresAt`.
 */
export const privacyExportRequests = pgTable(
  'privacy_export_requests',
  {
    id: id(),
    /** The address asked for, lower case. */
    email: text('email').notNull(),
    /** export (the link opens the zip) | erasure (the link asks to confirm the erasure, used once) */
    purpose: text('purpose').notNull().default('export'),
    tokenHash: text('token_hash').notNull().unique(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('privacy_export_requests_email').on(t.email)],
);

/**
 * How long personal data is kept, platform-wide (one row, `scope = 'platform'`): the daily retention run applies
 * it and the register of processing reads it. Null for GTEC answers: kept until the network deletes them.
 */
export const privacyRetentionSettings = pgTable('privacy_retention_settings', {
  scope: text('scope').primaryKey(),
  registrantsMonths: integer('registrants_months').notNull().default(24),
  unconfirmedSubscriptionDays: integer('unconfirmed_subscription_days').notNull().default(30),
  relationsInactiveMonths: integer('relations_inactive_months').notNull().default(36),
  gtecAnswersMonths: integer('gtec_answers_months'),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  updatedBy: uuid('updated_by'),
});

/** One retention run per Paris day: the process that inserts the day's row does the work, the others skip it. */
export const privacyRetentionRuns = pgTable('privacy_retention_runs', {
  day: date('day', { mode: 'string' }).primaryKey(),
  startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
  finishedAt: timestamp('finished_at', { withTimezone: true }),
  counts: jsonb('counts').$type<Record<string, number>>(),
});
