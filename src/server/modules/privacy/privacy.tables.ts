import { index, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { createdAt, id } from '../../db/columns.ts';

/**
 * A person's request for their data, made from the public form: the link mailed to the address carries a token of
 * which only the hash is kept; it opens the export until `expiresAt`.
 */
export const privacyExportRequests = pgTable(
  'privacy_export_requests',
  {
    id: id(),
    /** The address asked for, lower case. */
    email: text('email').notNull(),
    tokenHash: text('token_hash').notNull().unique(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('privacy_export_requests_email').on(t.email)],
);
