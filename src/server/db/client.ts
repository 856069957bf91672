import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import { drizzle as drizzleNodePg } from 'drizzle-orm/node-postgres';
import { migrate as migrateNodePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import { lockDataDir } from './lock.ts';
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
    const db = drizzleNodePg(pool, { schema }) as unknown as Db;
    await pool.query('CREATE EXTENSION IF NOT EXISTS pg_trgm; CREATE EXTENSION IF NOT EXISTS unaccent;');
    await migrateNodePg(db as never, { migrationsFolder });
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
