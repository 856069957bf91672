import { inArray, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import type { Member } from './memberships.access.ts';
import { type MemberStatus, memberStatus, type PeriodFacts } from './memberships.rules.ts';
import { memberStatusChanges, members } from './memberships.tables.ts';

/**
 * Recomputes a member's status from its periods (inside the caller's transaction) and records the change with its
 * date when there is one. Returns the status.
 */
export async function refreshMemberStatus(
  tx: Db,
  member: Pick<Member, 'id'>,
  today: string,
  reason: string,
): Promise<MemberStatus> {
  const statuses = await refreshMemberStatuses(tx, [member.id], today, reason);
  return statuses.get(member.id) ?? 'pending';
}

type Facts = PeriodFacts & { memberId: string; graceDays: number; firstLive: string | null };

/**
 * The same for several members at once (the renewal run: a network's members), in four statements whatever their
 * number: their rows locked (in id order), the periods the rule looks at, the changed rows, the changes recorded.
 * Only the periods that can decide the status are read: those ending within the longest grace of today or later,
 * and the latest of each state (the rule looks no further back: the last paid period, any live one).
 */
export async function refreshMemberStatuses(
  tx: Db,
  memberIds: string[],
  today: string,
  reason: string,
): Promise<Map<string, MemberStatus>> {
  const result = new Map<string, MemberStatus>();
  if (memberIds.length === 0) return result;
  const current = await tx
    .select({ id: members.id, status: members.status, memberSince: members.memberSince })
    .from(members)
    .where(inArray(members.id, memberIds))
    .orderBy(members.id)
    .for('update');
  const ids = sql.join(
    current.map((m) => sql`${m.id}`),
    sql`, `,
  );
  // An imported year of history was a year of membership, settled or not: it never waits for a payment here.
  const { rows } = (await tx.execute(sql`
    with p as (
      select p.member_id, p.starts_on, p.ends_on,
        case when p.imported and p.state = 'called' then 'paid' else p.state end as state,
        first_value(pl.grace_days) over (partition by p.member_id order by p.starts_on desc) as grace_days,
        min(p.starts_on) filter (where p.state <> 'cancelled') over (partition by p.member_id) as first_live
      from membership_periods p join membership_plans pl on pl.id = p.plan_id
      where p.member_id in (${ids})
    ), r as (
      select p.*, row_number() over (partition by member_id, state order by ends_on desc) as rn,
        max(grace_days) over () as longest_grace
      from p
    )
    select member_id, starts_on::text, ends_on::text, state, grace_days, first_live::text from r
    where rn = 1 or ends_on >= ${today}::date - longest_grace - 1`)) as unknown as {
    rows: {
      member_id: string;
      starts_on: string;
      ends_on: string;
      state: PeriodFacts['state'];
      grace_days: number;
      first_live: string | null;
    }[];
  };
  const factsOf = new Map<string, Facts[]>();
  for (const r of rows) {
    const list = factsOf.get(r.member_id) ?? [];
    list.push({
      memberId: r.member_id,
      startsOn: r.starts_on,
      endsOn: r.ends_on,
      state: r.state,
      graceDays: Number(r.grace_days),
      firstLive: r.first_live,
    });
    factsOf.set(r.member_id, list);
  }
  const changed: { id: string; from: string; status: MemberStatus; since: string | null }[] = [];
  const seniority: { id: string; since: string | null }[] = [];
  for (const m of current) {
    const facts = factsOf.get(m.id) ?? [];
    const status = memberStatus(facts, today, facts[0]?.graceDays ?? 30);
    const since = facts[0]?.firstLive ?? null;
    result.set(m.id, status);
    if (status !== m.status) changed.push({ id: m.id, from: m.status, status, since });
    else if (since !== m.memberSince) seniority.push({ id: m.id, since });
  }
  if (changed.length > 0) {
    const values = sql.join(
      changed.map((c) => sql`(${c.id}::uuid, ${c.status}, ${c.since}::date)`),
      sql`, `,
    );
    await tx.execute(sql`update members m set status = v.status, status_since = ${today},
      member_since = v.since, updated_at = now() from (values ${values}) v(id, status, since) where m.id = v.id`);
    await tx
      .insert(memberStatusChanges)
      .values(
        changed.map((c) => ({ memberId: c.id, fromStatus: c.from, toStatus: c.status, on: today, reason })),
      );
  }
  if (seniority.length > 0) {
    const values = sql.join(
      seniority.map((c) => sql`(${c.id}::uuid, ${c.since}::date)`),
      sql`, `,
    );
    await tx.execute(
      sql`update members m set member_since = v.since from (values ${values}) v(id, since) where m.id = v.id`,
    );
  }
  return result;
}
