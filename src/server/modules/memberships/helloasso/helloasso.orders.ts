import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Actor, Deps } from '../../../context.ts';
import type { Db } from '../../../db/client.ts';
import { invalidInput, notFound } from '../../../lib/errors.ts';
import { requireCoordinatorOf } from '../../accounts/authz.ts';
import { requireNetwork } from '../../accounts/networks.service.ts';
import { recordAudit } from '../../audit/audit.service.ts';
import { organizations } from '../../organizations/organizations.tables.ts';
import { findMember } from '../memberships.access.ts';
import { paidOnPeriod, paymentOf } from '../memberships.dues.ts';
import { helloAssoOrders } from '../memberships.helloasso.tables.ts';
import { euros, parisToday } from '../memberships.rules.ts';
import { memberContacts, members, membershipPeriods } from '../memberships.tables.ts';
import type { HelloAssoOrder } from './helloasso.client.ts';
import { networkClient } from './helloasso.settings.ts';

// HelloAsso membership orders → payments. Each paid order is matched to a member of the network by the payer's
// email (the members' contacts) or by a SIRET answered in the order's custom fields, and recorded through the dues
// code (method card, reference `HelloAsso <order id>`) on the member's oldest period waiting for payment. Every
// order seen gets one row per network (unique key): the same order imported twice, or notified while an import
// runs, records one payment. Orders that cannot be recorded stay listed with the reason, for a coordinator to
// attach to a member or dismiss.

export type OrderOutcome = 'recorded' | 'unmatched' | 'known' | 'not_paid';
export type OrderRow = typeof helloAssoOrders.$inferSelect;

/** Who records the payments of notifications and imports in the audit log. */
export const helloAssoActor: Actor = {
  accountId: null,
  email: 'helloasso',
  name: 'HelloAsso',
  isPlatformAdmin: false,
};

/** What was paid on an order: its authorised payments (amounts in cents) and the day of the last one (Paris). */
export function paidPart(order: HelloAssoOrder) {
  const paid = (order.payments ?? []).filter((p) => p.state === 'Authorized' && (p.amount ?? 0) > 0);
  const amountCents = paid.reduce((sum, p) => sum + (p.amount ?? 0), 0);
  const last = paid
    .map((p) => p.date ?? order.date ?? '')
    .sort()
    .at(-1);
  const day = last && !Number.isNaN(Date.parse(last)) ? parisToday(new Date(last)) : null;
  return { amountCents, paidOn: day };
}

/** SIRETs (14 digits, spaces and dots allowed) answered in the order's custom fields. */
export function siretsOf(order: HelloAssoOrder): string[] {
  const answers = (order.items ?? []).flatMap((item) => [
    ...(item.customFields ?? []),
    ...(item.options ?? []).flatMap((o) => o.customFields ?? []),
  ]);
  const found = answers.map((f) => (f.answer ?? '').replace(/[\s.]/g, '')).filter((a) => /^\d{14}$/.test(a));
  return [...new Set(found)];
}

type Match = { memberId: string; name: string } | { reason: string };

async function matchMember(
  tx: Db,
  networkId: string,
  email: string | null,
  sirets: string[],
): Promise<Match> {
  const byEmail = email
    ? await tx
        .selectDistinct({ memberId: members.id, name: organizations.name })
        .from(memberContacts)
        .innerJoin(members, eq(members.id, memberContacts.memberId))
        .innerJoin(organizations, eq(organizations.id, members.organizationId))
        .where(and(eq(members.networkId, networkId), sql`lower(${memberContacts.email}) = ${email}`))
    : [];
  if (byEmail.length === 1) return byEmail[0];
  const bySiret = sirets.length
    ? await tx
        .select({ memberId: members.id, name: organizations.name })
        .from(members)
        .innerJoin(organizations, eq(organizations.id, members.organizationId))
        .where(and(eq(members.networkId, networkId), inArray(organizations.siret, sirets)))
    : [];
  if (bySiret.length === 1) return bySiret[0];
  if (byEmail.length > 1)
    return { reason: `plusieurs adhérents ont l’e-mail ${email} : choisissez celui qui a payé` };
  return { reason: noMemberReason(email, sirets) };
}

/** Why an order found no member, in French (also written by the demo). */
export function noMemberReason(email: string | null, sirets: string[]) {
  const what = email ? `l’e-mail ${email}` : 'd’e-mail (la commande n’en donne pas)';
  const siret = sirets.length ? `le SIRET ${sirets.join(', ')}` : 'de SIRET (la commande n’en donne pas)';
  return `aucun adhérent avec ${what} ni ${siret}`;
}

/** Why an order of a member could not be recorded: nothing is waiting for payment (also written by the demo). */
export const nothingDueReason = (name: string) => `${name} n’a aucune cotisation en attente de paiement`;

/** Records the order's payment on the member's oldest call, or says in French why it cannot. */
async function payMember(
  tx: Db,
  actor: Actor,
  row: OrderRow,
  member: { memberId: string; name: string },
  now: Date,
): Promise<{ paymentId: string } | { reason: string }> {
  await tx.select({ id: members.id }).from(members).where(eq(members.id, member.memberId)).for('update');
  const [period] = await tx
    .select()
    .from(membershipPeriods)
    .where(
      and(
        eq(membershipPeriods.memberId, member.memberId),
        eq(membershipPeriods.state, 'called'),
        eq(membershipPeriods.imported, false),
      ),
    )
    .orderBy(asc(membershipPeriods.startsOn))
    .limit(1);
  if (!period) return { reason: nothingDueReason(member.name) };
  const due = period.amountCents - (await paidOnPeriod(tx, period.id));
  if (row.amountCents > due)
    return {
      reason: `la commande paie ${euros(row.amountCents)} alors que ${member.name} doit ${euros(due)}`,
    };
  const { payment } = await paymentOf(
    tx,
    actor,
    member.memberId,
    {
      periodId: period.id,
      amountCents: row.amountCents,
      method: 'card',
      paidOn: row.paidOn,
      reference: `HelloAsso ${row.orderId}`,
    },
    now,
  );
  return { paymentId: payment.id };
}

/**
 * One order, as HelloAsso has it: recorded, left unmatched (with the reason), or already known. `actor` is the
 * platform acting for HelloAsso (notifications) or the coordinator who runs the import.
 */
export async function processOrder(
  deps: Pick<Deps, 'db' | 'clock'>,
  actor: Actor,
  networkId: string,
  order: HelloAssoOrder,
): Promise<OrderOutcome> {
  const { amountCents, paidOn } = paidPart(order);
  if (!order.id || amountCents <= 0 || !paidOn) return 'not_paid';
  const email = order.payer?.email?.trim().toLowerCase() || null;
  const sirets = siretsOf(order);
  const payerName = [order.payer?.firstName, order.payer?.lastName].filter(Boolean).join(' ') || null;
  const now = deps.clock();
  return deps.db.transaction(async (trx) => {
    const tx = trx as unknown as Db;
    const [inserted] = await tx
      .insert(helloAssoOrders)
      .values({
        networkId,
        orderId: order.id as number,
        state: 'unmatched',
        amountCents,
        paidOn,
        payerName,
        payerEmail: email,
        siret: sirets[0] ?? null,
      })
      .onConflictDoNothing({ target: [helloAssoOrders.networkId, helloAssoOrders.orderId] })
      .returning();
    let row = inserted;
    if (!row) {
      // Seen before (or being recorded by a concurrent import, whose commit this waits for): only an order still
      // unmatched is tried again, in case the member or their email was added since.
      const [known] = await tx
        .select()
        .from(helloAssoOrders)
        .where(and(eq(helloAssoOrders.networkId, networkId), eq(helloAssoOrders.orderId, order.id as number)))
        .for('update');
      if (known?.state !== 'unmatched') return 'known';
      row = known;
    }
    const match = await matchMember(tx, networkId, email, sirets);
    const paid = 'memberId' in match ? await payMember(tx, actor, row, match, now) : match;
    if ('paymentId' in paid) {
      await tx
        .update(helloAssoOrders)
        .set({
          state: 'recorded',
          memberId: (match as { memberId: string }).memberId,
          paymentId: paid.paymentId,
          reason: null,
          updatedAt: now,
        })
        .where(eq(helloAssoOrders.id, row.id));
      return 'recorded';
    }
    await tx
      .update(helloAssoOrders)
      .set({ reason: paid.reason, updatedAt: now })
      .where(eq(helloAssoOrders.id, row.id));
    return 'unmatched';
  });
}

export type ImportResult = { recorded: number; unmatched: number; known: number; notPaid: number };

/** Reads every order of the network's membership form and records what was paid (coordinators). */
export async function importHelloAssoOrders(
  deps: Pick<Deps, 'db' | 'config' | 'clock'>,
  actor: Actor | null,
  networkId: string,
): Promise<ImportResult> {
  await requireNetwork(deps.db, networkId);
  await requireCoordinatorOf(deps.db, actor, networkId);
  const coordinator = actor as Actor;
  const { settings, client } = await networkClient(deps, networkId);
  const orders = await client.membershipOrders(settings.organizationSlug, settings.formSlug);
  const result: ImportResult = { recorded: 0, unmatched: 0, known: 0, notPaid: 0 };
  for (const order of orders) {
    const outcome = await processOrder(deps, coordinator, networkId, order);
    if (outcome === 'not_paid') result.notPaid++;
    else result[outcome]++;
  }
  await recordAudit(deps.db, actor, {
    action: 'membership.helloasso-import',
    entityType: 'network',
    entityId: networkId,
    networkIds: [networkId],
    after: result,
  });
  return result;
}

/** The orders waiting for a coordinator, newest first (coordinators). */
export async function listUnmatchedOrders(db: Db, actor: Actor | null, networkId: string) {
  await requireNetwork(db, networkId);
  await requireCoordinatorOf(db, actor, networkId);
  const rows = await db
    .select()
    .from(helloAssoOrders)
    .where(and(eq(helloAssoOrders.networkId, networkId), eq(helloAssoOrders.state, 'unmatched')))
    .orderBy(desc(helloAssoOrders.paidOn), desc(helloAssoOrders.orderId));
  return rows.map((r) => ({
    orderId: r.orderId,
    amountCents: r.amountCents,
    paidOn: r.paidOn,
    payerName: r.payerName,
    payerEmail: r.payerEmail,
    siret: r.siret,
    reason: r.reason ?? '',
  }));
}

async function lockUnmatched(tx: Db, networkId: string, orderId: number) {
  const [row] = await tx
    .select()
    .from(helloAssoOrders)
    .where(and(eq(helloAssoOrders.networkId, networkId), eq(helloAssoOrders.orderId, orderId)))
    .for('update');
  if (row?.state !== 'unmatched') throw notFound('Commande HelloAsso introuvable ou déjà traitée');
  return row;
}

/** Attaches an unmatched order to a member of the network and records its payment (coordinators). */
export async function attachOrder(
  deps: Pick<Deps, 'db' | 'clock'>,
  actor: Actor | null,
  networkId: string,
  orderId: number,
  memberId: string,
) {
  await requireNetwork(deps.db, networkId);
  await requireCoordinatorOf(deps.db, actor, networkId);
  const coordinator = actor as Actor;
  const member = await findMember(deps.db, memberId);
  if (!member || member.networkId !== networkId)
    throw invalidInput('Adhérent inconnu', { memberId: 'aucun adhérent de ce réseau avec cet identifiant' });
  const [org] = await deps.db
    .select({ name: organizations.name })
    .from(organizations)
    .where(eq(organizations.id, member.organizationId));
  const now = deps.clock();
  return deps.db.transaction(async (trx) => {
    const tx = trx as unknown as Db;
    const row = await lockUnmatched(tx, networkId, orderId);
    const paid = await payMember(tx, coordinator, row, { memberId, name: org?.name ?? 'Cet adhérent' }, now);
    if (!('paymentId' in paid))
      throw invalidInput('Impossible de rattacher cette commande', { memberId: paid.reason });
    await tx
      .update(helloAssoOrders)
      .set({ state: 'recorded', memberId, paymentId: paid.paymentId, reason: null, updatedAt: now })
      .where(eq(helloAssoOrders.id, row.id));
    return { orderId, memberId, paymentId: paid.paymentId };
  });
}

/** Sets an unmatched order aside: it is no longer listed, and no payment is recorded (coordinators). */
export async function dismissOrder(
  deps: Pick<Deps, 'db' | 'clock'>,
  actor: Actor | null,
  networkId: string,
  orderId: number,
) {
  await requireNetwork(deps.db, networkId);
  await requireCoordinatorOf(deps.db, actor, networkId);
  await deps.db.transaction(async (trx) => {
    const tx = trx as unknown as Db;
    const row = await lockUnmatched(tx, networkId, orderId);
    await tx
      .update(helloAssoOrders)
      .set({ state: 'dismissed', updatedAt: deps.clock() })
      .where(eq(helloAssoOrders.id, row.id));
    await recordAudit(tx, actor, {
      action: 'membership.helloasso-dismiss',
      entityType: 'helloasso_order',
      entityId: row.id,
      networkIds: [networkId],
      after: { orderId, amountCents: row.amountCents },
    });
  });
  return { orderId };
}
