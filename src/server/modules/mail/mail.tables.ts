import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { createdAt, id } from '../../db/columns.ts';

/**
 * Every mail the platform writes. With SMTP_URL set it is `queued`, tried at once and, when that fails, again by
 * the mail worker with a growing delay (`next_attempt_at`) until it is `sent`, or `failed` for good (a permanent
 * SMTP refusal, or the last attempt). Without SMTP it stays here as `kept` and the platform admin reads it in the
 * web UI (the offline demo works so).
 */
export const outbox = pgTable(
  'mail_outbox',
  {
    id: id(),
    createdAt: createdAt(),
    to: text('to').notNull(),
    subject: text('subject').notNull(),
    text: text('text').notNull(),
    html: text('html'),
    /** [{ filename, contentType, content (base64) }] */
    attachments: jsonb('attachments').$type<{ filename: string; contentType: string; content: string }[]>(),
    /** queued | sent | failed | kept (see OutboxStatus) */
    status: text('status').notNull(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    /** Why the last failed attempt failed (still there once a later attempt sent it). */
    error: text('error'),
    /** Attempts made (or under way) to send it. */
    attempts: integer('attempts').notNull().default(0),
    /**
     * When a `queued` mail is due: its next try, or, while a worker holds it, the end of that worker's lease (a
     * mail whose lease ran out, its worker gone, is due again). Null once sent, failed or kept.
     */
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }),
    /** e.g. auth.login-link, events.registration-confirmed */
    kind: text('kind').notNull(),
  },
  (t) => [
    index('mail_outbox_created').on(t.createdAt),
    index('mail_outbox_to').on(t.to),
    index('mail_outbox_due').on(t.nextAttemptAt).where(sql`status = 'queued'`),
  ],
);

export type OutboxStatus = 'queued' | 'sent' | 'failed' | 'kept';
