import { inArray } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { eventTitles } from '../events/events.names.ts';
import { registrations } from './registrations.tables.ts';

/** Registration id → "person — event", for the ids given. */
export async function registrationNames(db: Db, ids: string[]): Promise<Map<string, string>> {
  if (!ids.length) return new Map();
  const rows = await db
    .select({ id: registrations.id, name: registrations.name, eventId: registrations.eventId })
    .from(registrations)
    .where(inArray(registrations.id, ids));
  const titles = await eventTitles(db, [...new Set(rows.map((r) => r.eventId))]);
  return new Map(rows.map((r) => [r.id, [r.name, titles.get(r.eventId)].filter(Boolean).join(' — ')]));
}
