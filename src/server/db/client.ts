import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import { sql } from 'drizzle-orm';
import { drizzle as drizzleNodePg } from 'drizzle-orm/node-postgres';
import { migrate as migrateNodePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import { lockDataDir } from './lock.ts';
import { retryReadsOnLostConnection } from './retry.ts';
import * as schema from './schema.ts';

export type Schema = typeof schema;
/** The one database type services receive, whichever driver is behind it. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type DatabaseKind = 'embedded' | 'postgres';

export type Database = {
  db: Db;
  kind: DatabaseKind;
  /** The embedded engine, for backups; undefined on PostgreSQL. */
  pglite?: PGlite;
  close(): Promise<void>;
};

export const migrationsFolder = fileURLToPath(new URL('./migrations', import.meta.url));

const MIGRATIONS_LOCK = 'maillage:migrations';

/**
 * Runs `fn` while holding the PostgreSQL advisory lock `name`: one process at a time across everything connected
 * to the database (a transaction on one pooled connection holds it; `fn` works on the others). On the embedded
 * database, which one process has to itself (its folder is locked), it simply runs `fn`.
 */
export async function withDatabaseLock<T>(
  deps: { db: Db; dbKind: DatabaseKind },
  name: string,
  fn: () => Promise<T>,
): Promise<T> {
  if (deps.dbKind !== 'postgres') return fn();
  return deps.db.transaction(async (tx) => {
    await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${`maillage:${name}`}))`);
    return fn();
  });
}

const pgliteConf = ['max_wal_size = 64MB', 'min_wal_size = 32MB'];

export function createPglite(dataDir?: string, loadDataDir?: Blob): PGlite {
  return new PGlite({
    dataDir,
    loadDataDir,
    extensions: { pg_trgm, unaccent },
    postgresqlconf: pgliteConf,
  });
}

/**
 * Opens the database: PostgreSQL when a URL is given, otherwise the embedded PGlite stored under `dataDir/pgdata`
 * (or in memory when `dataDir` is 'memory://'), locked against a second process. Migrations are applied.
 */
export async function openDatabase(opts: { databaseUrl?: string; dataDir: string }): Promise<Database> {
  if (opts.databaseUrl) {
    const pool = new pg.Pool({ connectionString: opts.databaseUrl, max: 10 });
    // An idle pooled connection the server closes (restart, failover, a dropped test database) emits an error; the
    // pool discards that connection and opens another when needed. Without a listener it would stop the process.
    pool.on('error', (e) => process.emitWarning(`PostgreSQL: connexion inactive fermée (${e.message})`));
    retryReadsOnLostConnection(pool);
    const db = drizzleNodePg(pool, { schema }) as unknown as Db;
    // Several processes may start at once on one database (`start --workers N`, several machines): one migrates,
    // the others wait for it and then find nothing left to do.
    const lockHolder = await pool.connect();
    try {
      await lockHolder.query('SELECT pg_advisory_lock(hashtext($1))', [MIGRATIONS_LOCK]);
      await pool.query('CREATE EXTENSION IF NOT EXISTS pg_trgm; CREATE EXTENSION IF NOT EXISTS unaccent;');
      await migrateNodePg(db as never, { migrationsFolder });
    } finally {
      await lockHolder.query('SELECT pg_advisory_unlock(hashtext($1))', [MIGRATIONS_LOCK]).catch(() => {});
      lockHolder.release();
    }
    return { db, kind: 'postgres', close: () => pool.end() };
  }
  const inMemory = opts.dataDir === 'memory://';
  const release = inMemory ? () => {} : lockDataDir(opts.dataDir);
  try {
    const client = createPglite(inMemory ? undefined : join(opts.dataDir, 'pgdata'));
    await client.waitReady;
    await client.exec('CREATE EXTENSION IF NOT EXISTS pg_trgm; CREATE EXTENSION IF NOT EXISTS unaccent;');
    const db = drizzlePglite(client, { schema }) as unknown as Db;
    await migratePglite(db as never, { migrationsFolder });
    return {
      db,
      kind: 'embedded',
      pglite: client,
      close: async () => {
        await client.close();
        release();
      },
    };
  } catch (err) {
    release();
    throw err;
  }
}
