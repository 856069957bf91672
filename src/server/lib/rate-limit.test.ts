import { count } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../testing.ts';
import { rateLimitHits } from './rate-limit.tables.ts';
import { createRateLimiter, sweepExpired } from './rate-limit.ts';

// Counted in the database (PGlite by default, PostgreSQL with DATABASE_URL), as every server process shares them.

let t: TestContext;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t.close());

let names = 0;
const limiter = (limit: number, windowMs: number, clock: () => Date) =>
  createRateLimiter({ db: t.db, name: `test-${++names}`, limit, windowMs, clock });

describe('createRateLimiter', () => {
  it('allows `limit` hits per key in the window, then refuses with the time to wait', async () => {
    let now = 1_200_000;
    const l = limiter(3, 60_000, () => new Date(now));
    expect((await l.hit('a')).allowed).toBe(true);
    now += 12_000;
    expect((await l.hit('a')).allowed).toBe(true);
    expect((await l.hit('a')).allowed).toBe(true);
    // The first attempt leaves the window 60 s after it was made.
    expect(await l.hit('a')).toEqual({ allowed: false, retryAfterMs: 48_000 });
    // Another key has its own window.
    expect((await l.hit('b')).allowed).toBe(true);
  });

  it('slides: an attempt leaves the window windowMs after it was made', async () => {
    let now = 0;
    const l = limiter(2, 1000, () => new Date(now));
    await l.hit('k');
    now = 500;
    await l.hit('k');
    now = 999;
    expect((await l.hit('k')).allowed).toBe(false);
    now = 1000;
    expect((await l.hit('k')).allowed).toBe(true);
    expect(await l.hit('k')).toEqual({ allowed: false, retryAfterMs: 500 });
  });

  it('does not count refused attempts', async () => {
    let now = 0;
    const l = limiter(1, 1000, () => new Date(now));
    await l.hit('k');
    for (let i = 0; i < 5; i++) {
      now += 100;
      await l.hit('k');
    }
    now = 1000;
    expect((await l.hit('k')).allowed).toBe(true);
  });

  it('lets exactly `limit` of many simultaneous attempts through, however many limiters count them', async () => {
    const clock = () => new Date(5_000_000);
    const name = `shared-${++names}`;
    // Two limiters of the same name stand for two server processes on one database.
    const a = createRateLimiter({ db: t.db, name, limit: 10, windowMs: 60_000, clock });
    const b = createRateLimiter({ db: t.db, name, limit: 10, windowMs: 60_000, clock });
    const answers = await Promise.all(Array.from({ length: 40 }, (_, i) => (i % 2 ? a : b).hit('ip')));
    expect(answers.filter((x) => x.allowed)).toHaveLength(10);
  });

  it('deletes the counts whose window is over', async () => {
    const l = limiter(5, 1000, () => new Date(10_000));
    await l.hit('old');
    const rows = async () => (await t.db.select({ n: count() }).from(rateLimitHits))[0].n;
    await sweepExpired(t.db, new Date(10_999));
    const kept = await rows();
    expect(kept).toBeGreaterThan(0);
    await sweepExpired(t.db, new Date(11_000));
    expect(await rows()).toBe(kept - 1);
    await sweepExpired(t.db, new Date(10_000_000));
    expect(await rows()).toBe(0);
  });
});
