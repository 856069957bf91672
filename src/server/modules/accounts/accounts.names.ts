import { inArray } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { accounts, networks } from './accounts.tables.ts';

/** Account id → the person's name (or e-mail when they gave none), for the ids given. */
export async function accountNames(db: Db, ids: string[]): Promise<Map<string, string>> {
  if (!ids.length) return new Map();
  const rows = await db
    .select({ id: accounts.id, name: accounts.name, email: accounts.email })
    .from(accounts)
    .where(inArray(accounts.id, ids));
  return new Map(rows.map((r) => [r.id, r.name || r.email]));
}

/** Network id → name, for the ids given. */
export async function networkNames(db: Db, ids: string[]): Promise<Map<string, string>> {
  if (!ids.length) return new Map();
  const rows = await db
    .select({ id: networks.id, name: networks.name })
    .from(networks)
    .where(inArray(networks.id, ids));
  return new Map(rows.map((r) => [r.id, r.name]));
}
