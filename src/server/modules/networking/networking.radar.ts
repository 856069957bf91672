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
  // One query: each current member's latest sign of each kind.
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
    signs as (
      select m.id as member_id,
        (select max(r.occurrence_starts_at) from event_registrations r join events ev on ev.id = r.event_id
          where ev.network_id = ${networkId} and r.status = 'confirmed' and r.occurrence_starts_at <= ${now.toISOString()}::timestamptz
            and r.email in (select p.email from people p where p.member_id = m.id)) as event,
        (select max(p.created_at) from exchange_posts p where p.member_id = m.id) as post,
        (select max(i.created_at) from introductions i where i.member_a_id = m.id or i.member_b_id = m.id)
          as introduction,
        (select max(s.created_at) from sessions s
          where s.account_id in (select p.account_id from people p where p.member_id = m.id)) as sign_in,
        m.member_since::timestamptz as joined
      from m
    )
    select * from signs
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
    .filter((r) => !r.last || r.last[1] < since)
    .sort((a, b) => (a.last?.[1].getTime() ?? 0) - (b.last?.[1].getTime() ?? 0));
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
  const day = 86_400_000;
  return {
    months: opts.months,
    total: quiet.length,
    items: quiet.map((q) => {
      const step = steps.find((s) => s.memberId === q.memberId);
      return {
        memberId: q.memberId,
        name: nameOf.get(q.memberId) ?? '',
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
