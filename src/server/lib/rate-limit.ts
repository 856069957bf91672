import { and, asc, eq, gt, lte, sql } from 'drizzle-orm';
import type { Clock } from '../context.ts';
import type { Db } from '../db/client.ts';
import { rateLimitHits } from './rate-limit.tables.ts';

export type RateLimiter = {
  /** Counts one attempt for `key`; `allowed` is false (and nothing is counted) once the window is full. */
  hit(key: string): Promise<{ allowed: boolean; retryAfterMs: number }>;
};

/** A window is counted in this many slices: an attempt leaves the window at the end of its slice's window. */
const SLICES = 10;
/** Expired rows are deleted once every this many attempts counted by the process (and at the first). */
const SWEEP_EVERY = 1000;
let sinceSweep = 0;

/**
 * A keyed sliding-window limiter counted in the database, so that every server process on one PostgreSQL shares
 * it: at most `limit` hits per key within any `windowMs` (to a tenth of the window: attempts are counted per slice
 * of windowMs / 10, and an attempt leaves the window windowMs after the start of its slice). `name` keeps the
 * keys of two limiters apart. The check and the count are one statement: concurrent attempts, in any process,
 * never let more than `limit` through. The clock is injected so that tests can move time.
 */
export function createRateLimiter(opts: {
  db: Db;
  name: string;
  limit: number;
  windowMs: number;
  clock?: Clock;
}): RateLimiter {
  const clock = opts.clock ?? (() => new Date());
  const sliceMs = Math.max(1, Math.floor(opts.windowMs / SLICES));

  return {
    async hit(rawKey) {
      const key = `${opts.name}:${rawKey}`;
      const now = clock().getTime();
      const bucket = new Date(now - (now % sliceMs));
      // Slices still in the window: those that started after now - windowMs.
      const oldest = new Date(now - opts.windowMs);
      const expires = new Date(bucket.getTime() + opts.windowMs);
      if (sinceSweep++ % SWEEP_EVERY === 0) await sweepExpired(opts.db, new Date(now));
      const counted = await opts.db.execute(sql`
        with earlier as (
          select coalesce(sum(hits), 0)::int as n from rate_limit_hits
          where key = ${key} and bucket > ${oldest.toISOString()}::timestamptz and bucket < ${bucket.toISOString()}::timestamptz
        )
        insert into rate_limit_hits as r (key, bucket, hits, expires_at)
        select ${key}, ${bucket.toISOString()}::timestamptz, 1, ${expires.toISOString()}::timestamptz
        from earlier where earlier.n < ${opts.limit}::int
        on conflict (key, bucket) do update set hits = r.hits + 1
          where r.hits + (select n from earlier) < ${opts.limit}::int
        returning hits`);
      if ((counted as unknown as { rows: unknown[] }).rows.length > 0)
        return { allowed: true, retryAfterMs: 0 };
      // Refused: the attempt is allowed again once enough of the counted ones have left the window.
      const slices = await opts.db
        .select({ bucket: rateLimitHits.bucket, hits: rateLimitHits.hits })
        .from(rateLimitHits)
        .where(and(eq(rateLimitHits.key, key), gt(rateLimitHits.bucket, oldest)))
        .orderBy(asc(rateLimitHits.bucket));
      let inWindow = slices.reduce((sum, s) => sum + s.hits, 0);
      for (const s of slices) {
        inWindow -= s.hits;
        if (inWindow < opts.limit) {
          return { allowed: false, retryAfterMs: Math.max(1, s.bucket.getTime() + opts.windowMs - now) };
        }
      }
      return { allowed: false, retryAfterMs: sliceMs };
    },
  };
}

/** Deletes the counts that no longer matter (their window is over). */
export async function sweepExpired(db: Db, now: Date) {
  await db.delete(rateLimitHits).where(lte(rateLimitHits.expiresAt, now));
}
