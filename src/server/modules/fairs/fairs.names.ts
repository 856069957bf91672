import { inArray } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { organizationNames } from '../organizations/organizations.names.ts';
import { fairExhibitors, fairs } from './fairs.tables.ts';

/** Fair id → name, for the ids given. */
export async function fairNames(db: Db, ids: string[]): Promise<Map<string, string>> {
  if (!ids.length) return new Map();
  const rows = await db.select({ id: fairs.id, name: fairs.name }).from(fairs).where(inArray(fairs.id, ids));
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** Exhibitor (application) id → "organisation — fair", for the ids given. */
export async function exhibitorNames(db: Db, ids: string[]): Promise<Map<string, string>> {
  if (!ids.length) return new Map();
  const rows = await db
    .select({ id: fairExhibitors.id, fairId: fairExhibitors.fairId, orgId: fairExhibitors.organizationId })
    .from(fairExhibitors)
    .where(inArray(fairExhibitors.id, ids));
  const [orgs, fairsById] = await Promise.all([
    organizationNames(db, [...new Set(rows.map((r) => r.orgId))]),
    fairNames(db, [...new Set(rows.map((r) => r.fairId))]),
  ]);
  return new Map(
    rows.map((r) => [r.id, [orgs.get(r.orgId), fairsById.get(r.fairId)].filter(Boolean).join(' — ')]),
  );
}
