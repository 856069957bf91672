import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../testing.ts';
import { isReadOnly } from './retry.ts';

describe('isReadOnly', () => {
  it('tells reads from writes', () => {
    expect(isReadOnly('select 1')).toBe(true);
    expect(isReadOnly(' WITH x AS (select 1) select * from x')).toBe(true);
    expect(isReadOnly('with x as (delete from t returning *) select * from x')).toBe(false);
    expect(isReadOnly('insert into t values (1)')).toBe(false);
    expect(isReadOnly('select * from t for update')).toBe(false);
  });
});

// Only on the PostgreSQL server: the connections the server kills are the pool's.
describe.runIf(Boolean(process.env.DATABASE_URL))('connections closed by PostgreSQL', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t?.close());

  it('a burst of GETs right after the server killed every pooled connection gets no 500', async () => {
    const database = new URL(t.deps.config.databaseUrl!).pathname.slice(1);
    const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await admin.connect();
    try {
      let errors = 0;
      for (let round = 0; round < 3; round++) {
        // Fill the pool with open connections, then have the server end them all.
        await Promise.all(Array.from({ length: 20 }, () => t.app.inject({ url: '/api/organizations' })));
        const killed = await admin.query(
          'select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()',
          [database],
        );
        expect(killed.rowCount).toBeGreaterThan(0);
        const burst = await Promise.all(
          Array.from({ length: 100 }, (_, i) =>
            t.app.inject({ url: i % 2 ? '/api/organizations' : '/api/events' }),
          ),
        );
        errors += burst.filter((r) => r.statusCode >= 500).length;
      }
      expect(errors).toBe(0);
    } finally {
      await admin.end();
    }
  }, 60_000);
});
