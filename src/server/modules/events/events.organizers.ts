import type { Db } from '../../db/client.ts';
import { organizationsByIds } from '../organizations/organizations.service.ts';

/** Organiser names for event listings, through the directory's service. */
export async function organizerNames(db: Db, ids: string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await organizationsByIds(db, unique);
  return new Map(rows.map((r) => [r.id, r.name]));
}
