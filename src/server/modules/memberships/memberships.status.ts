import { asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import type { Member } from './memberships.access.ts';
import { type MemberStatus, memberStatus, type PeriodFacts } from './memberships.rules.ts';
import { memberStatusChanges, members, membershipPeriods, membershipPlans } from './memberships.tables.ts';

/**
 * Recomputes a member's status from its periods (inside the caller's transaction) and records the change with its
 * date when there is one. Returns the status.
 */
export async function refreshMemberStatus(
  tx: Db,
  member: Pick<Member, 'id' | 'status'>,
  today: string,
  reason: string,
): Promise<MemberStatus> {
  const periods = await tx
    .select({
      startsOn: membershipPeriods.startsOn,
      endsOn: membershipPeriods.endsOn,
      state: membershipPeriods.state,
      imported: membershipPeriods.imported,
      graceDays: membershipPlans.graceDays,
    })
    .from(membershipPeriods)
    .innerJoin(membershipPlans, eq(membershipPlans.id, membershipPeriods.planId))
    .where(eq(membershipPeriods.memberId, member.id))
    .orderBy(asc(membershipPeriods.startsOn));
  const grace = periods.at(-1)?.graceDays ?? 30;
  // An imported year of history was a year of membership, settled or not: it never waits for a payment here.
  const facts = periods.map((p) => ({ ...p, state: p.imported && p.state === 'called' ? 'paid' : p.state }));
  const status = memberStatus(facts as PeriodFacts[], today, grace);
  const first = periods.find((p) => p.state !== 'cancelled');
  if (status !== member.status) {
    await tx
      .update(members)
      .set({ status, statusSince: today, memberSince: first?.startsOn ?? null, updatedAt: new Date() })
      .where(eq(members.id, member.id));
    await tx
      .insert(memberStatusChanges)
      .values({ memberId: member.id, fromStatus: member.status, toStatus: status, on: today, reason });
  } else {
    await tx
      .update(members)
      .set({ memberSince: first?.startsOn ?? null })
      .where(eq(members.id, member.id));
  }
  return status;
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
