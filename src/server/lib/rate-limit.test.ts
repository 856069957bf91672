import { describe, expect, it } from 'vitest';
import { createRateLimiter } from './rate-limit.ts';

describe('createRateLimiter', () => {
  it('allows `limit` hits per key in the window, then refuses with the time to wait', () => {
    let now = 1_000_000;
    const limiter = createRateLimiter({ limit: 3, windowMs: 60_000, clock: () => new Date(now) });
    expect(limiter.hit('a').allowed).toBe(true);
    now += 10_000;
    expect(limiter.hit('a').allowed).toBe(true);
    expect(limiter.hit('a').allowed).toBe(true);
    const refused = limiter.hit('a');
    expect(refused).toEqual({ allowed: false, retryAfterMs: 50_000 });
    // Another key has its own window.
    expect(limiter.hit('b').allowed).toBe(true);
  });

  it('slides: an attempt leaves the window windowMs after it was made', () => {
    let now = 0;
    const limiter = createRateLimiter({ limit: 2, windowMs: 1000, clock: () => new Date(now) });
    limiter.hit('k');
    now = 500;
    limiter.hit('k');
    now = 999;
    expect(limiter.hit('k').allowed).toBe(false);
    now = 1000;
    expect(limiter.hit('k').allowed).toBe(true);
    expect(limiter.hit('k')).toEqual({ allowed: false, retryAfterMs: 500 });
  });

  it('does not count refused attempts', () => {
    let now = 0;
    const limiter = createRateLimiter({ limit: 1, windowMs: 1000, clock: () => new Date(now) });
    limiter.hit('k');
    for (let i = 0; i < 5; i++) {
      now += 100;
      limiter.hit('k');
    }
    now = 1000;
    expect(limiter.hit('k').allowed).toBe(true);
  });
});
