import { inArray, type SQL, sql } from 'drizzle-orm';
import { organizations } from '../organizations/organizations.tables.ts';
import { memberContacts, members, membershipPeriods } from './memberships.tables.ts';

// Who a network can write to among its members, for another module's mailing (the newsletter's segments): the
// named contacts of its member organisations, narrowed by status, plan and territory. The caller checks rights.

export type MemberAudience = {
  networkId: string;
  /** Member statuses (default: active and grace, i.e. members today). */
  statuses?: string[];
  /** Plans of the members' latest period. */
  planIds?: string[];
  /** Department or EPCI codes of the member organisation. */
  departments?: string[];
  epcis?: string[];
};

export const CURRENT_STATUSES = ['active', 'grace'];

/**
 * A query of `email, name, list_id` (list_id null): the contacts with an address of the matching members, and
 * the organisation's own address. Addresses lower-cased and trimmed.
 */
export function memberAudienceSql(a: MemberAudience): SQL {
  const statuses = a.statuses?.length ? a.statuses : CURRENT_STATUSES;
  const conditions: SQL[] = [
    sql`m.network_id = ${a.networkId}`,
    sql`m.status in (${sql.join(
      statuses.map((s) => sql`${s}`),
      sql`, `,
    )})`,
  ];
  if (a.planIds?.length)
    conditions.push(sql`exists (select 1 from ${membershipPeriods} p where p.member_id = m.id
      and p.plan_id in (${sql.join(
        a.planIds.map((id) => sql`${id}::uuid`),
        sql`, `,
      )})
      and p.starts_on = (select max(q.starts_on) from ${membershipPeriods} q where q.member_id = m.id))`);
  const territory: SQL[] = [];
  if (a.departments?.length) territory.push(inArray(sql`o.department_code`, a.departments));
  if (a.epcis?.length) territory.push(inArray(sql`o.epci_code`, a.epcis));
  if (territory.length) conditions.push(sql`(${sql.join(territory, sql` or `)})`);
  const where = sql.join(conditions, sql` and `);
  return sql`select lower(trim(c.email)) as email, c.name as name, null::uuid as list_id
      from ${members} m join ${organizations} o on o.id = m.organization_id
      join ${memberContacts} c on c.member_id = m.id
      where ${where} and c.email is not null and c.email <> ''
    union all
    select lower(trim(o.email)) as email, o.name as name, null::uuid as list_id
      from ${members} m join ${organizations} o on o.id = m.organization_id
      where ${where} and o.email is not null and o.email <> ''`;
}
