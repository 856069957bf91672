import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Actor, Deps } from '../../context.ts';
import type { Db } from '../../db/client.ts';
import { invalidInput } from '../../lib/errors.ts';
import { requireCoordinatorOf } from '../accounts/authz.ts';
import { requireNetwork } from '../accounts/networks.service.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { requireMemberCoordinator } from '../memberships/memberships.access.ts';
import { parisToday } from '../memberships/memberships.rules.ts';
import { members } from '../memberships/memberships.tables.ts';
import { organizations } from '../organizations/organizations.tables.ts';
import { memberFollowups } from './networking.tables.ts';

// The isolation radar: the network's current members with no sign of life for some months, the quietest first, with
// the next step its staff recorded. A sign of life is, for the member's people (its named contacts and its
// organisation's editors): a registration confirmed for an event of the network that has taken place, an offer or
// a need posted, an introduction asked or received, a sign-in. A member that joined within the window is not quiet.
// And the welcome: a sponsor ("parrain") member for a new member.

export type RadarSign = 'event' | 'post' | 'introduction' | 'signIn' | 'joined';

export async function isolationRadar(
  deps: Pick<Deps, 'db' | 'clock'>,
  actor: Actor | null,
  networkId: string,
  opts: { months: number },
) {
  await requireNetwork(deps.db, networkId);
  await requireCoordinatorOf(deps.db, actor, networkId);
  const now = deps.clock();
  const since = new Date(now);
  since.setUTCMonth(since.getUTCMonth() - opts.months);
  // One query: each current member's latest sign of each kind, each kind grouped once for the whole network (hash
  // joins), not looked up member by member.
  const result = await deps.db.execute(sql`
    with m as (
      select id, organization_id, member_since from members
      where network_id = ${networkId} and status in ('active', 'grace')
    ),
    people as (
      select c.member_id, lower(c.email) as email, c.account_id from member_contacts c join m on m.id = c.member_id
      union
      select m.id, lower(a.email), a.id from m
        join organization_editors e on e.organization_id = m.organization_id
        join accounts a on a.id = e.account_id
    ),
    event as (
      select p.member_id, max(r.occurrence_starts_at) as at
      from events ev join event_registrations r on r.event_id = ev.id
        join people p on p.email = r.email
      where ev.network_id = ${networkId} and r.status = 'confirmed'
        and r.occurrence_starts_at <= ${now.toISOString()}::timestamptz
      group by p.member_id
    ),
    post as (
      select member_id, max(created_at) as at from exchange_posts where network_id = ${networkId} group by member_id
    ),
    introduction as (
      select member_id, max(created_at) as at from (
        select member_a_id as member_id, created_at from introductions where network_id = ${networkId}
        union all select member_b_id, created_at from introductions where network_id = ${networkId}
      ) i group by member_id
    ),
    sign_in as (
      select p.member_id, max(s.created_at) as at from people p join sessions s on s.account_id = p.account_id
      group by p.member_id
    )
    select m.id as member_id, event.at as event, post.at as post, introduction.at as introduction,
      sign_in.at as sign_in, m.member_since::timestamptz as joined
    from m
      left join event on event.member_id = m.id
      left join post on post.member_id = m.id
      left join introduction on introduction.member_id = m.id
      left join sign_in on sign_in.member_id = m.id
  `);
  const list = (result as unknown as { rows: Record<string, unknown>[] }).rows;
  const at = (v: unknown) => (v ? new Date(v as string) : null);
  const quiet = list
    .map((r) => {
      const signs: [RadarSign, Date | null][] = [
        ['event', at(r.event)],
        ['post', at(r.post)],
        ['introduction', at(r.introduction)],
        ['signIn', at(r.sign_in)],
        ['joined', at(r.joined)],
      ];
      const known = signs.filter((s): s is [RadarSign, Date] => s[1] !== null);
      const last = known.sort((a, b) => b[1].getTime() - a[1].getTime())[0] ?? null;
      return { memberId: r.member_id as string, last };
    })
    .filter((r) => !r.last || r.last[1] < since);
  const ids = quiet.map((q) => q.memberId);
  const names = ids.length
    ? await deps.db
        .select({ id: members.id, name: organizations.name })
        .from(members)
        .innerJoin(organizations, eq(organizations.id, members.organizationId))
        .where(inArray(members.id, ids))
    : [];
  const steps = ids.length
    ? await deps.db
        .select()
        .from(memberFollowups)
        .where(inArray(memberFollowups.memberId, ids))
        .orderBy(desc(memberFollowups.on), desc(memberFollowups.createdAt))
    : [];
  const nameOf = new Map(names.map((n) => [n.id, n.name]));
  // The latest step of each member (steps come newest first).
  const stepOf = new Map<string, (typeof steps)[number]>();
  for (const s of steps) if (!stepOf.has(s.memberId)) stepOf.set(s.memberId, s);
  const day = 86_400_000;
  return {
    months: opts.months,
    total: quiet.length,
    // The quietest first; members quiet since the same day by name.
    items: quiet
      .map((q) => ({ q, name: nameOf.get(q.memberId) ?? '' }))
      .sort(
        (a, b) =>
          (a.q.last?.[1].getTime() ?? 0) - (b.q.last?.[1].getTime() ?? 0) ||
          a.name.localeCompare(b.name, 'fr'),
      )
      .map(({ q, name }) => {
        const step = stepOf.get(q.memberId);
        return {
          memberId: q.memberId,
          name,
          lastSign: q.last ? { kind: q.last[0], at: q.last[1].toISOString() } : null,
          quietDays: q.last ? Math.floor((now.getTime() - q.last[1].getTime()) / day) : null,
          nextStep: step ? { on: step.on, note: step.note } : null,
        };
      }),
  };
}

/** Records what the staff did or will do about a member ("Appelé le 3 décembre : …"). */
export async function recordFollowup(
  deps: Pick<Deps, 'db' | 'clock'>,
  actor: Actor | null,
  memberId: string,
  input: { note: string; on?: string },
) {
  const member = await requireMemberCoordinator(deps.db, actor, memberId);
  const on = input.on ?? parisToday(deps.clock());
  return deps.db.transaction(async (trx) => {
    const tx = trx as unknown as Db;
    const [row] = await tx
      .insert(memberFollowups)
      .values({
        networkId: member.networkId,
        memberId,
        on,
        note: input.note,
        createdBy: actor?.accountId ?? null,
      })
      .returning();
    await recordAudit(tx, actor, {
      action: 'networking.followup-record',
      entityType: 'member',
      entityId: memberId,
      networkIds: [member.networkId],
      after: { on, note: input.note },
    });
    return { on: row.on, note: row.note };
  });
}

/** The member's next steps, the latest first (staff). */
export async function followupsOf(db: Db, actor: Actor | null, memberId: string) {
  await requireMemberCoordinator(db, actor, memberId);
  return db
    .select({ on: memberFollowups.on, note: memberFollowups.note })
    .from(memberFollowups)
    .where(eq(memberFollowups.memberId, memberId))
    .orderBy(desc(memberFollowups.on), desc(memberFollowups.createdAt));
}

/** Pairs a member with a sponsor member of the same network (or none), staff only. */
export async function setSponsor(
  deps: Pick<Deps, 'db'>,
  actor: Actor | null,
  memberId: string,
  sponsorId: string | null,
) {
  const member = await requireMemberCoordinator(deps.db, actor, memberId);
  if (sponsorId === memberId)
    throw invalidInput('Parrainage impossible', {
      sponsorId: 'un adhérent ne peut pas être son propre parrain',
    });
  if (sponsorId) {
    const [sponsor] = await deps.db
      .select({ id: members.id, status: members.status })
      .from(members)
      .where(and(eq(members.id, sponsorId), eq(members.networkId, member.networkId)));
    if (!sponsor)
      throw invalidInput('Parrainage impossible', {
        sponsorId: 'aucun adhérent de ce réseau ne porte cet identifiant',
      });
    if (!['active', 'grace'].includes(sponsor.status))
      throw invalidInput('Parrainage impossible', { sponsorId: 'le parrain doit être un adhérent à jour' });
  }
  return deps.db.transaction(async (trx) => {
    const tx = trx as unknown as Db;
    await tx
      .update(members)
      .set({ sponsorMemberId: sponsorId, updatedAt: new Date() })
      .where(eq(members.id, memberId));
    await recordAudit(tx, actor, {
      action: 'networking.sponsor-set',
      entityType: 'member',
      entityId: memberId,
      networkIds: [member.networkId],
      before: { sponsorMemberId: member.sponsorMemberId },
      after: { sponsorMemberId: sponsorId },
    });
  });
}
