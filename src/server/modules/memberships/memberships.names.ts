import { eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { organizations } from '../organizations/organizations.tables.ts';
import { members, membershipPlans } from './memberships.tables.ts';

/** Member id → its organisation's name, for the audit log (unknown or removed members are left out). */
export async function memberNames(db: Db, ids: string[]): Promise<Map<string, string>> {
  if (!ids.length) return new Map();
  const rows = await db
    .select({ id: members.id, name: organizations.name })
    .from(members)
    .innerJoin(organizations, eq(organizations.id, members.organizationId))
    .where(inArray(members.id, ids));
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** Plan id → name. */
export async function planNames(db: Db, ids: string[]): Promise<Map<string, string>> {
  if (!ids.length) return new Map();
  const rows = await db
    .select({ id: membershipPlans.id, name: membershipPlans.name })
    .from(membershipPlans)
    .where(inArray(membershipPlans.id, ids));
  return new Map(rows.map((r) => [r.id, r.name]));
}
