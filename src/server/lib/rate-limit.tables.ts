import { index, integer, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * Attempts counted by the rate limiters (src/server/lib/rate-limit.ts), shared by every server process on the
 * database: one row per limited key (`<limiter>:<key>`, e.g. `registrations:203.0.113.7`) per tenth of the limiter's
 * window. Rows past `expires_at` count for nothing and are deleted now and then.
 */
export const rateLimitHits = pgTable(
  'rate_limit_hits',
  {
    key: text('key').notNull(),
    /** Start of the slice of time these hits fell in. */
    bucket: timestamp('bucket', { withTimezone: true }).notNull(),
    hits: integer('hits').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.key, t.bucket] }), index('rate_limit_hits_expires').on(t.expiresAt)],
);
