import { inArray } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { organizations } from './organizations.tables.ts';

/** Organisation id → name, for the ids given (unknown or deleted ids are left out). */
export async function organizationNames(db: Db, ids: string[]): Promise<Map<string, string>> {
  if (!ids.length) return new Map();
  const rows = await db
    .select({ id: organizations.id, name: organizations.name })
    .from(organizations)
    .where(inArray(organizations.id, ids));
  return new Map(rows.map((r) => [r.id, r.name]));
}
