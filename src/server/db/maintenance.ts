import { sql } from 'drizzle-orm';
import type { Db } from './client.ts';

/**
 * Refreshes the planner's statistics after a bulk load (demo seed, CSV or Sirene import). The embedded database
 * runs no autovacuum, so without this its plans are made on empty-table estimates; on PostgreSQL it saves waiting
 * for autovacuum. ANALYZE samples a fixed number of rows per table, so it stays quick on large tables.
 */
export async function refreshStatistics(db: Db): Promise<void> {
  await db.execute(sql`ANALYZE`);
}
