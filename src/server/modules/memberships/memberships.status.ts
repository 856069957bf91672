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
 * Only the periods that can decide the status are read (the rule looks no further back): those ending within the
 * longest grace of today or later, the last live one, the last paid one and the last to start.
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
  const ids = sql`array[${sql.join(
    current.map((m) => sql`${m.id}`),
    sql`, `,
  )}]::uuid[]`;
  // Each member's periods looked up through its indexes (member + end, member + start), a few rows each: those
  // ending within the longest grace of today or later, its latest live and latest paid periods, its latest start
  // (whose plan gives the grace), and its first live start (its seniority).
  // An imported year of history was a year of membership, settled or not: it never waits for a payment here.
  const { rows } = (await tx.execute(sql`
    with m as (
      select m.id, ${today}::date - (select max(pl.grace_days) from membership_plans pl
        where pl.network_id in (select network_id from members where id = any(${ids}))) - 1 as cutoff,
        (select pl.grace_days from membership_periods q join membership_plans pl on pl.id = q.plan_id
          where q.member_id = m.id order by q.starts_on desc limit 1) as grace_days,
        (select min(q.starts_on) from membership_periods q
          where q.member_id = m.id and q.state <> 'cancelled') as first_live
      from unnest(${ids}) m(id)
    )
    select m.id as member_id, p.starts_on::text, p.ends_on::text,
      case when p.imported and p.state = 'called' then 'paid' else p.state end as state,
      m.grace_days, m.first_live::text
    from m cross join lateral (
      (select q.id, q.starts_on, q.ends_on, q.state, q.imported from membership_periods q
        where q.member_id = m.id and q.ends_on >= m.cutoff)
      union (select q.id, q.starts_on, q.ends_on, q.state, q.imported from membership_periods q
        where q.member_id = m.id and q.state <> 'cancelled' order by q.ends_on desc limit 1)
      union (select q.id, q.starts_on, q.ends_on, q.state, q.imported from membership_periods q
        where q.member_id = m.id and (q.state = 'paid' or (q.imported and q.state = 'called'))
        order by q.ends_on desc limit 1)
      union (select q.id, q.starts_on, q.ends_on, q.state, q.imported from membership_periods q
        where q.member_id = m.id order by q.starts_on desc limit 1)
    ) p`)) as unknown as {
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

/** Joins, renewals and re-joins follow the dates: each member's periods (not cancelled) in order, a gap of more than a day a re-join. */
export async function recomputeKinds(tx: Db, memberIds: string[]) {
  if (memberIds.length === 0) return;
  await tx.execute(sql`
    update membership_periods mp set kind = k.kind from (
      select id, case when lag(ends_on) over w is null then 'join'
        when starts_on - lag(ends_on) over w <= 1 then 'renewal' else 'rejoin' end as kind
      from membership_periods
      where member_id in (${sql.join(
        memberIds.map((id) => sql`${id}`),
        sql`, `,
      )}) and state <> 'cancelled'
      window w as (partition by member_id order by starts_on)
    ) k where mp.id = k.id and mp.kind <> k.kind`);
}
