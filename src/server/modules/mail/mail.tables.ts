import { index, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { createdAt, id } from '../../db/columns.ts';

/**
 * Every mail the platform writes. With SMTP_URL set it is sent and marked sent (or failed, with the error);
 * without, it stays here as `kept` and the platform admin reads it in the web UI (the offline demo works so).
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
    /** kept | sent | failed */
    status: text('status').notNull(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    error: text('error'),
    /** e.g. auth.login-link, events.registration-confirmed */
    kind: text('kind').notNull(),
  },
  (t) => [index('mail_outbox_created').on(t.createdAt), index('mail_outbox_to').on(t.to)],
);
