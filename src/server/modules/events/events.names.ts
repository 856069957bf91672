import { inArray } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { campaigns, events } from './events.tables.ts';

/** Event id → title, for the ids given. */
export async function eventTitles(db: Db, ids: string[]): Promise<Map<string, string>> {
  if (!ids.length) return new Map();
  const rows = await db
    .select({ id: events.id, title: events.title })
    .from(events)
    .where(inArray(events.id, ids));
  return new Map(rows.map((r) => [r.id, r.title]));
}

/** Campaign id → name, for the ids given. */
export async function campaignNames(db: Db, ids: string[]): Promise<Map<string, string>> {
  if (!ids.length) return new Map();
  const rows = await db
    .select({ id: campaigns.id, name: campaigns.name })
    .from(campaigns)
    .where(inArray(campaigns.id, ids));
  return new Map(rows.map((r) => [r.id, r.name]));
}
