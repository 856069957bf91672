import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cached, invalidatePublicCache, sharePublicCache } from '../modules/events/events.cache.ts';
import { type ChangeFeed, COALESCE_MS, openChangeFeed } from './changes.ts';
import { type Database, openDatabase } from './client.ts';

// Two database handles on one PostgreSQL database stand for two server processes (the real processes are in
// src/cli/commands/start.processes.test.ts). PostgreSQL only: the embedded database is one process.
const url = process.env.DATABASE_URL;
const quiet = { warn() {} };

describe.skipIf(!url)('change feed (PostgreSQL LISTEN/NOTIFY)', () => {
  const name = `maillage_test_${randomBytes(6).toString('hex')}`;
  let dbUrl: string;
  let a: Database;
  let b: Database;
  let feedA: ChangeFeed;
  let feedB: ChangeFeed;
  beforeAll(async () => {
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const u = new URL(url!);
    u.pathname = `/${name}`;
    dbUrl = u.toString();
    // Opened together: the second waits for the first one's migrations instead of running them again.
    [a, b] = await Promise.all([
      openDatabase({ databaseUrl: dbUrl, dataDir: 'memory://' }),
      openDatabase({ databaseUrl: dbUrl, dataDir: 'memory://' }),
    ]);
    feedA = await openChangeFeed({ databaseUrl: dbUrl, db: a.db, log: quiet });
    feedB = await openChangeFeed({ databaseUrl: dbUrl, db: b.db, log: quiet });
    sharePublicCache(a.db, feedA);
    sharePublicCache(b.db, feedB);
  });
  afterAll(async () => {
    await feedA?.close();
    await feedB?.close();
    await a?.close();
    await b?.close();
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  });

  it('a write in one process clears the public cache of the other within a second', async () => {
    let computed = 0;
    const read = () => cached(a.db, 'k', Date.now(), async () => ++computed);
    expect(await read()).toBe(1);
    expect(await read()).toBe(1);
    const t0 = performance.now();
    invalidatePublicCache(b.db);
    while ((await read()) === 1 && performance.now() - t0 < 2000) await new Promise((r) => setTimeout(r, 10));
    expect(computed).toBe(2);
    expect(performance.now() - t0).toBeLessThan(1000);
  });

  it('coalesces a burst of writes into a few clears of the other process', async () => {
    let clears = 0;
    feedA.subscribe('burst', () => clears++);
    const t0 = performance.now();
    for (let i = 0; i < 300; i++) {
      feedB.publish('burst');
      if (i % 30 === 0) await new Promise((r) => setTimeout(r, 20));
    }
    const elapsed = performance.now() - t0;
    await new Promise((r) => setTimeout(r, COALESCE_MS * 4));
    expect(clears).toBeGreaterThan(0);
    // One per COALESCE_MS at most (plus the trailing one), not one per write.
    expect(clears).toBeLessThanOrEqual(Math.ceil(elapsed / COALESCE_MS) + 2);
  });

  it('says nothing to the process that published', async () => {
    let heard = 0;
    feedB.subscribe('own', () => heard++);
    feedB.publish('own');
    await new Promise((r) => setTimeout(r, COALESCE_MS * 4));
    expect(heard).toBe(0);
  });
});
