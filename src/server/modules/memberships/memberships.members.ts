import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { Actor, Deps } from '../../context.ts';
import type { Db } from '../../db/client.ts';
import { conflict, invalidInput, notFound } from '../../lib/errors.ts';
import { requireCoordinatorOf } from '../accounts/authz.ts';
import { requireNetwork } from '../accounts/networks.service.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { organizations } from '../organizations/organizations.tables.ts';
import { type Member, requireMemberAccess, requireMemberCoordinator } from './memberships.access.ts';
import { visibilityOf } from './memberships.directory.ts';
import { memberDocuments } from './memberships.documents.ts';
import { openPeriod, paidOnPeriod } from './memberships.dues.ts';
import { type Plan, planTerms, requirePlan } from './memberships.plans.ts';
import { firstPeriod, type MemberStatus, nextPeriod, parisToday } from './memberships.rules.ts';
import { refreshMemberStatus } from './memberships.status.ts';
import {
  memberContacts,
  memberStatusChanges,
  members,
  membershipPayments,
  membershipPeriods,
  membershipPlans,
} from './memberships.tables.ts';

// Members of a network: the organisation, its periods (history), its named contacts.

export type ContactInput = {
  name: string;
  role: 'main' | 'billing' | 'other';
  email?: string | null;
  phone?: string | null;
  accountId?: string | null;
};

const isUniqueViolation = (err: unknown): boolean => {
  for (let e = err as { code?: string; cause?: unknown } | undefined; e; e = e.cause as typeof e) {
    if (e.code === '23505') return true;
  }
  return false;
};

function checkContacts(plan: Plan, contacts: ContactInput[]) {
  if (plan.contactsLimit !== null && contacts.length > plan.contactsLimit) {
    throw invalidInput('Trop de contacts pour cette formule', {
      contacts: `la formule « ${plan.name} » couvre ${plan.contactsLimit} personne(s) au plus`,
    });
  }
  if (contacts.length > 0 && !contacts.some((c) => c.role === 'main')) {
    throw invalidInput('Contact principal manquant', { contacts: 'indiquez un contact principal' });
  }
}

/**
 * Makes an organisation a member (inside the caller's transaction): the member row, its contacts and its first
 * period with the call for dues. An organisation already member of the network is a 409.
 */
export async function insertMember(
  tx: Db,
  actor: Actor | null,
  input: {
    networkId: string;
    organizationId: string;
    plan: Plan;
    startsOn: string;
    contacts: ContactInput[];
  },
  now: Date,
  opts: { isDemo?: boolean } = {},
) {
  checkContacts(input.plan, input.contacts);
  let member: Member;
  try {
    [member] = await tx
      .insert(members)
      .values({
        networkId: input.networkId,
        organizationId: input.organizationId,
        status: 'pending',
        statusSince: parisToday(now),
        isDemo: opts.isDemo ?? false,
      })
      .returning();
  } catch (err) {
    if (isUniqueViolation(err)) throw conflict('Cette organisation est déjà adhérente de ce réseau.');
    throw err;
  }
  await tx
    .insert(memberStatusChanges)
    .values({ memberId: member.id, toStatus: 'pending', on: parisToday(now), reason: 'join' });
  if (input.contacts.length > 0) {
    await tx.insert(memberContacts).values(input.contacts.map((c) => ({ ...c, memberId: member.id })));
  }
  const period = await openPeriod(
    tx,
    actor,
    member,
    input.plan,
    firstPeriod(planTerms(input.plan), input.startsOn),
    now,
    opts,
  );
  await refreshMemberStatus(tx, member, parisToday(now), 'join');
  await recordAudit(tx, actor, {
    action: 'membership.member-create',
    entityType: 'member',
    entityId: member.id,
    networkIds: [input.networkId],
    after: member,
  });
  return { member, period };
}

/** A coordinator makes an organisation of the directory a member directly (no application). */
export async function addMember(
  deps: Pick<Deps, 'db' | 'clock'>,
  actor: Actor | null,
  networkId: string,
  input: { organizationId: string; planId: string; startsOn?: string; contacts?: ContactInput[] },
) {
  await requireNetwork(deps.db, networkId);
  await requireCoordinatorOf(deps.db, actor, networkId);
  const plan = await requirePlan(deps.db, networkId, input.planId);
  const [org] = await deps.db
    .select({ id: organizations.id })
    .from(organizations)
    .where(eq(organizations.id, input.organizationId));
  if (!org)
    throw invalidInput('Organisation inconnue', { organizationId: 'organisation inconnue de l’annuaire' });
  const now = deps.clock();
  const { member } = await deps.db.transaction((trx) =>
    insertMember(
      trx as unknown as Db,
      actor,
      {
        networkId,
        organizationId: input.organizationId,
        plan,
        startsOn: input.startsOn ?? parisToday(now),
        contacts: input.contacts ?? [],
      },
      now,
    ),
  );
  return member;
}

/** Opens a further period (renewal, re-join or custom dates) with its call for dues (coordinators). */
export async function addPeriod(
  deps: Pick<Deps, 'db' | 'clock'>,
  actor: Actor | null,
  memberId: string,
  input: { planId: string; startsOn?: string; endsOn?: string },
) {
  const found = await requireMemberCoordinator(deps.db, actor, memberId);
  const plan = await requirePlan(deps.db, found.networkId, input.planId);
  const now = deps.clock();
  return deps.db.transaction(async (trx) => {
    const tx = trx as unknown as Db;
    const [member] = await tx.select().from(members).where(eq(members.id, memberId)).for('update');
    const [last] = await tx
      .select({ endsOn: membershipPeriods.endsOn })
      .from(membershipPeriods)
      .where(and(eq(membershipPeriods.memberId, memberId), sql`${membershipPeriods.state} <> 'cancelled'`))
      .orderBy(desc(membershipPeriods.endsOn))
      .limit(1);
    const terms = planTerms(plan);
    const today = parisToday(now);
    let period =
      last && !input.startsOn && last.endsOn >= today
        ? nextPeriod(terms, last.endsOn)
        : firstPeriod(terms, input.startsOn ?? today);
    if (input.endsOn) period = { ...period, endsOn: input.endsOn };
    const row = await openPeriod(tx, actor, member, plan, period, now);
    await refreshMemberStatus(tx, member, today, row.kind);
    return row;
  });
}

export type MemberListQuery = {
  status?: MemberStatus;
  planId?: string;
  q?: string;
  page: number;
  pageSize: number;
};

/** The members of a network with their latest period (coordinators only). */
export async function listMembers(db: Db, actor: Actor | null, networkId: string, query: MemberListQuery) {
  await requireNetwork(db, networkId);
  await requireCoordinatorOf(db, actor, networkId);
  const latest = sql`(select p.plan_id, p.starts_on, p.ends_on, p.state, p.amount_cents, p.id
    from membership_periods p where p.member_id = ${members.id} and p.state <> 'cancelled'
    order by p.ends_on desc limit 1)`;
  const q = query.q?.trim();
  const where = and(
    eq(members.networkId, networkId),
    query.status ? eq(members.status, query.status) : undefined,
    query.planId ? sql`lp.plan_id = ${query.planId}` : undefined,
    q
      ? sql`(${organizations.name} ilike ${`%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`} or ${organizations.siret} = ${q.replace(/\s/g, '')})`
      : undefined,
  );
  const rows = await db
    .select({
      id: members.id,
      organizationId: members.organizationId,
      name: organizations.name,
      siret: organizations.siret,
      status: members.status,
      statusSince: members.statusSince,
      memberSince: members.memberSince,
      planId: sql<string | null>`lp.plan_id`,
      planName: membershipPlans.name,
      periodStartsOn: sql<string | null>`lp.starts_on::text`,
      periodEndsOn: sql<string | null>`lp.ends_on::text`,
      periodState: sql<string | null>`lp.state`,
      total: sql<number>`(count(*) over ())::int`,
    })
    .from(members)
    .innerJoin(organizations, eq(organizations.id, members.organizationId))
    .leftJoinLateral(sql`${latest} lp`, sql`true`)
    .leftJoin(membershipPlans, sql`${membershipPlans.id} = lp.plan_id`)
    .where(where)
    .orderBy(asc(organizations.nameKey), asc(members.id))
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize);
  return {
    total: rows[0]?.total ?? 0,
    page: query.page,
    pageSize: query.pageSize,
    items: rows.map(({ total: _t, ...r }) => r),
  };
}

async function sponsorOf(db: Db, sponsorId: string) {
  const [row] = await db
    .select({ id: members.id, name: organizations.name })
    .from(members)
    .innerJoin(organizations, eq(organizations.id, members.organizationId))
    .where(eq(members.id, sponsorId));
  return row ?? null;
}

/** One member with its history, contacts, payments and documents, for its coordinators or itself. */
export async function getMember(db: Db, actor: Actor | null, memberId: string) {
  const { member, access } = await requireMemberAccess(db, actor, memberId);
  const [org] = await db
    .select({
      id: organizations.id,
      name: organizations.name,
      siret: organizations.siret,
      address: organizations.address,
      postalCode: organizations.postalCode,
    })
    .from(organizations)
    .where(eq(organizations.id, member.organizationId));
  const periods = await db
    .select({ period: membershipPeriods, planName: membershipPlans.name })
    .from(membershipPeriods)
    .innerJoin(membershipPlans, eq(membershipPlans.id, membershipPeriods.planId))
    .where(eq(membershipPeriods.memberId, memberId))
    .orderBy(desc(membershipPeriods.startsOn));
  const history = [];
  for (const { period, planName } of periods) {
    const paid = await paidOnPeriod(db, period.id);
    history.push({
      ...period,
      planName,
      paidCents: paid,
      dueCents: period.state === 'cancelled' || period.imported ? 0 : period.amountCents - paid,
    });
  }
  const documents = await memberDocuments(db, memberId);
  const cancelled = new Map(
    documents.filter((d) => d.cancelsDocumentId).map((d) => [d.cancelsDocumentId, d.number]),
  );
  const payments = await db
    .select()
    .from(membershipPayments)
    .where(eq(membershipPayments.memberId, memberId))
    .orderBy(asc(membershipPayments.createdAt));
  return {
    id: member.id,
    networkId: member.networkId,
    status: member.status,
    statusSince: member.statusSince,
    memberSince: member.memberSince,
    canManage: access === 'coordinator',
    visibility: visibilityOf(member.visibility),
    sponsor: member.sponsorMemberId ? await sponsorOf(db, member.sponsorMemberId) : null,
    organization: org,
    periods: history,
    statusHistory: await db
      .select({
        fromStatus: memberStatusChanges.fromStatus,
        toStatus: memberStatusChanges.toStatus,
        on: memberStatusChanges.on,
        reason: memberStatusChanges.reason,
      })
      .from(memberStatusChanges)
      .where(eq(memberStatusChanges.memberId, memberId))
      .orderBy(asc(memberStatusChanges.createdAt)),
    contacts: await db
      .select()
      .from(memberContacts)
      .where(eq(memberContacts.memberId, memberId))
      .orderBy(asc(memberContacts.createdAt)),
    payments: payments.map((p) => ({
      id: p.id,
      periodId: p.periodId,
      amountCents: p.amountCents,
      method: p.method,
      paidOn: p.paidOn,
      reference: p.reference,
    })),
    documents: documents.map((d) => ({
      number: d.number,
      kind: d.kind,
      issuedAt: d.issuedAt,
      amountCents: d.amountCents,
      periodId: d.periodId,
      cancelledBy: cancelled.get(d.id) ?? null,
    })),
  };
}

/** Replaces the member's named contacts: its coordinators, or the member itself (its own record only). */
export async function replaceContacts(
  deps: Pick<Deps, 'db'>,
  actor: Actor | null,
  memberId: string,
  contacts: ContactInput[],
) {
  const { member, access } = await requireMemberAccess(deps.db, actor, memberId);
  const [latest] = await deps.db
    .select({ plan: membershipPlans })
    .from(membershipPeriods)
    .innerJoin(membershipPlans, eq(membershipPlans.id, membershipPeriods.planId))
    .where(eq(membershipPeriods.memberId, memberId))
    .orderBy(desc(membershipPeriods.endsOn))
    .limit(1);
  if (!latest) throw notFound('Adhérent introuvable');
  checkContacts(latest.plan, contacts);
  return deps.db.transaction(async (trx) => {
    const tx = trx as unknown as Db;
    const before = await tx.select().from(memberContacts).where(eq(memberContacts.memberId, memberId));
    // The member itself links only its own account, or keeps the links it has: it cannot hand its record to others.
    if (access !== 'coordinator') {
      const kept = new Set(before.map((c) => c.accountId));
      const index = contacts.findIndex(
        (c) => c.accountId && c.accountId !== actor?.accountId && !kept.has(c.accountId),
      );
      if (index >= 0)
        throw invalidInput('Compte non autorisé', {
          [`contacts.${index}.accountId`]: 'vous ne pouvez lier que votre propre compte',
        });
    }
    await tx.delete(memberContacts).where(eq(memberContacts.memberId, memberId));
    const after = contacts.length
      ? await tx
          .insert(memberContacts)
          .values(contacts.map((c) => ({ ...c, memberId })))
          .returning()
      : [];
    await recordAudit(tx, actor, {
      action: 'membership.contacts-update',
      entityType: 'member',
      entityId: memberId,
      networkIds: [member.networkId],
      before,
      after,
    });
    return after;
  });
}
