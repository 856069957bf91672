import type { Clock } from '../context.ts';

export type RateLimiter = {
  /** Counts one attempt for `key`; `allowed` is false (and nothing is counted) once the window is full. */
  hit(key: string): { allowed: boolean; retryAfterMs: number };
};

/**
 * A keyed sliding-window limiter kept in memory (one process): at most `limit` hits per key within any
 * `windowMs`. The clock is injected so that tests can move time.
 */
export function createRateLimiter(opts: { limit: number; windowMs: number; clock?: Clock }): RateLimiter {
  const clock = opts.clock ?? (() => new Date());
  const hits = new Map<string, number[]>();
  let sinceSweep = 0;

  const prune = (list: number[], now: number) => {
    while (list.length > 0 && list[0] <= now - opts.windowMs) list.shift();
  };

  return {
    hit(key) {
      const now = clock().getTime();
      // Forget idle keys now and then, so that the map does not grow with every address ever seen.
      if (++sinceSweep >= 1000) {
        sinceSweep = 0;
        for (const [k, list] of hits) {
          prune(list, now);
          if (list.length === 0) hits.delete(k);
        }
      }
      const list = hits.get(key) ?? [];
      prune(list, now);
      if (list.length >= opts.limit) {
        hits.set(key, list);
        return { allowed: false, retryAfterMs: list[0] + opts.windowMs - now };
      }
      list.push(now);
      hits.set(key, list);
      return { allowed: true, retryAfterMs: 0 };
    },
  };
}
