import { getTableName, sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { Db } from './client.ts';

/**
 * Refreshes the planner's statistics after a bulk load (demo seed, CSV or Sirene import). The embedded database
 * runs no autovacuum, so without this its plans are made on empty-table estimates; on PostgreSQL it saves waiting
 * for autovacuum. ANALYZE samples a fixed number of rows per table, so it stays quick on large tables; pass the
 * tables a load touched to analyse only those.
 */
export async function refreshStatistics(db: Db, tables?: PgTable[]): Promise<void> {
  if (!tables?.length) {
    await db.execute(sql`ANALYZE`);
    return;
  }
  const names = tables.map((t) => sql.identifier(getTableName(t)));
  await db.execute(sql`ANALYZE ${sql.join(names, sql`, `)}`);
}
