import { and, eq, inArray, type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../db/client.ts';
import { invalidInput } from '../../lib/errors.ts';
import { memberAudienceSql } from '../memberships/memberships.audience.ts';
import { membershipPlans } from '../memberships/memberships.tables.ts';
import type { SegmentSpec } from './newsletters.issues.tables.ts';
import { newsletterLists, newsletterSubscriptions } from './newsletters.tables.ts';
import { suppressedSql } from './newsletters.unsubscribe.ts';

// Who an issue goes to: the confirmed subscribers of some lists, and/or the contacts of the network's members
// (by status, plan, territory of the member organisation). Suppressed addresses always win: they are left out of
// the count, of the snapshot, and checked again at send.

const memberStatuses = ['pending', 'active', 'grace', 'lapsed', 'cancelled'] as const;

export const segmentSchema = z
  .object({
    listIds: z.array(z.uuid()).max(20).optional(),
    members: z
      .object({
        statuses: z.array(z.enum(memberStatuses)).max(5).optional(),
        planIds: z.array(z.uuid()).max(50).optional(),
      })
      .strict()
      .optional(),
    territory: z
      .object({
        departments: z
          .array(z.string().regex(/^(\d{2}|2A|2B|97\d)$/, 'code de département (ex. 67, 2A, 974)'))
          .max(120)
          .optional(),
        epcis: z
          .array(z.string().regex(/^\d{9}$/, 'numéro SIREN d’EPCI (9 chiffres)'))
          .max(500)
          .optional(),
      })
      .strict()
      .optional(),
  })
  .strict();

const NO_RECIPIENTS =
  'Choisissez au moins une liste ou les adhérents du réseau comme destinataires de la lettre.';

/** Checks that the lists and plans named by the segment are the network's; a 400 naming the field otherwise. */
export async function checkSegment(db: Db, networkId: string, spec: SegmentSpec) {
  const parsed = segmentSchema.safeParse(spec);
  if (!parsed.success)
    throw invalidInput('Segment invalide', {
      [`segment.${parsed.error.issues[0].path.join('.')}`]: parsed.error.issues[0].message,
    });
  if (spec.listIds?.length) {
    const found = await db
      .select({ id: newsletterLists.id })
      .from(newsletterLists)
      .where(and(eq(newsletterLists.networkId, networkId), inArray(newsletterLists.id, spec.listIds)));
    if (found.length !== new Set(spec.listIds).size)
      throw invalidInput('Liste inconnue dans ce réseau', { 'segment.listIds': 'liste inconnue' });
  }
  if (spec.members?.planIds?.length) {
    const found = await db
      .select({ id: membershipPlans.id })
      .from(membershipPlans)
      .where(
        and(eq(membershipPlans.networkId, networkId), inArray(membershipPlans.id, spec.members.planIds)),
      );
    if (found.length !== new Set(spec.members.planIds).size)
      throw invalidInput('Formule inconnue dans ce réseau', {
        'segment.members.planIds': 'formule inconnue',
      });
  }
}

/** The segment as one query of `email, name, list_id` (duplicates possible: the snapshot keeps one per address). */
export function segmentSourceSql(networkId: string, spec: SegmentSpec): SQL {
  const parts: SQL[] = [];
  if (spec.listIds?.length)
    parts.push(sql`select ${newsletterSubscriptions.email} as email, ${newsletterSubscriptions.name} as name,
      ${newsletterSubscriptions.listId} as list_id from ${newsletterSubscriptions}
      where ${newsletterSubscriptions.networkId} = ${networkId}
        and ${newsletterSubscriptions.status} = 'confirmed'
        and ${inArray(newsletterSubscriptions.listId, spec.listIds)}`);
  if (spec.members)
    parts.push(
      memberAudienceSql({
        networkId,
        statuses: spec.members.statuses,
        planIds: spec.members.planIds,
        departments: spec.territory?.departments,
        epcis: spec.territory?.epcis,
      }),
    );
  if (parts.length === 0) throw invalidInput(NO_RECIPIENTS, { segment: NO_RECIPIENTS });
  return sql.join(parts, sql` union all `);
}

/** How many distinct addresses the segment reaches today, suppressions left out. */
export async function countSegment(db: Db, networkId: string, spec: SegmentSpec): Promise<number> {
  const source = segmentSourceSql(networkId, spec);
  const rows = await db.execute<{ n: number }>(sql`select count(distinct src.email)::int as n
    from (${source}) src where src.email like '%@%' and not ${suppressedSql(networkId, sql`src.email`)}`);
  const list = (rows as unknown as { rows: { n: number }[] }).rows;
  return Number(list[0]?.n ?? 0);
}
