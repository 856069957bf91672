import { and, asc, eq, inArray, ne, sql } from 'drizzle-orm';
import type { Actor, Deps } from '../../context.ts';
import type { Db } from '../../db/client.ts';
import { insertMany } from '../../db/insert-many.ts';
import { conflict, invalidInput, notFound } from '../../lib/errors.ts';
import { recordAudit, recordAudits } from '../audit/audit.service.ts';
import { organizations } from '../organizations/organizations.tables.ts';
import { type Member, requireMemberCoordinator } from './memberships.access.ts';
import {
  type DocumentContent,
  documentTitles,
  findDocument,
  issueDocument,
  issueDocuments,
} from './memberships.documents.ts';
import { getSettings, type Plan } from './memberships.plans.ts';
import { euros, parisToday, periodKindAfter, withVat } from './memberships.rules.ts';
import { refreshMemberStatus } from './memberships.status.ts';
import {
  members,
  membershipDocuments,
  membershipPayments,
  membershipPeriods,
  membershipPlans,
} from './memberships.tables.ts';

// Calls for dues, payments and credit notes. Every write locks the member's row first, so that two coordinators
// recording at once cannot overpay a call or open overlapping periods.

export type Period = typeof membershipPeriods.$inferSelect;
export type PaymentMethod = 'transfer' | 'cheque' | 'cash' | 'card';

const lockMember = async (tx: Db, memberId: string) => {
  const [row] = await tx.select().from(members).where(eq(members.id, memberId)).for('update');
  return row;
};

type Parties = Awaited<ReturnType<typeof snapshotParties>>;

async function snapshotParties(tx: Db, member: Member) {
  const parties = await snapshotsOf(tx, [member]);
  return parties.get(member.id) as NonNullable<ReturnType<typeof parties.get>>;
}

/** Issuer and recipient as documents print them, per member: each network's settings and organisations read once. */
async function snapshotsOf(tx: Db, list: Member[]) {
  const settingsOf = new Map<string, Awaited<ReturnType<typeof getSettings>>['settings']>();
  for (const networkId of new Set(list.map((m) => m.networkId)))
    settingsOf.set(networkId, (await getSettings(tx, networkId)).settings);
  const orgs = await tx
    .select({
      id: organizations.id,
      name: organizations.name,
      siret: organizations.siret,
      address: organizations.address,
      postalCode: organizations.postalCode,
    })
    .from(organizations)
    .where(
      inArray(
        organizations.id,
        list.map((m) => m.organizationId),
      ),
    );
  const orgOf = new Map(orgs.map((o) => [o.id, o]));
  return new Map(
    list.map((member) => {
      const settings = settingsOf.get(member.networkId) as NonNullable<ReturnType<typeof settingsOf.get>>;
      const org = orgOf.get(member.organizationId);
      const parties = {
        settings,
        issuer: {
          legalName: settings.legalName,
          address: settings.address,
          siret: settings.siret,
          vatNumber: settings.vatNumber,
        },
        recipient: {
          name: org?.name ?? '?',
          address: [org?.address, org?.postalCode].filter(Boolean).join(' ') || null,
          siret: org?.siret ?? null,
        },
      };
      return [member.id, parties];
    }),
  );
}

/** Amount paid on a period: its receipts not cancelled by a credit note. */
export async function paidOnPeriod(db: Db, periodId: string): Promise<number> {
  return (await paidOnPeriods(db, [periodId])).get(periodId) ?? 0;
}

/** The same for several periods in one query (0 for a period without receipts). */
export async function paidOnPeriods(db: Db, periodIds: string[]): Promise<Map<string, number>> {
  const paid = new Map(periodIds.map((id) => [id, 0]));
  if (periodIds.length === 0) return paid;
  const rows = await db
    .select({
      periodId: membershipDocuments.periodId,
      paid: sql<number>`coalesce(sum(${membershipDocuments.amountCents}), 0)::int`,
    })
    .from(membershipDocuments)
    .where(
      and(
        inArray(membershipDocuments.periodId, periodIds),
        eq(membershipDocuments.kind, 'receipt'),
        sql`not exists (select 1 from membership_documents c where c.cancels_document_id = ${membershipDocuments.id})`,
      ),
    )
    .groupBy(membershipDocuments.periodId);
  for (const r of rows) if (r.periodId) paid.set(r.periodId, r.paid);
  return paid;
}

/**
 * Opens a period for a member (inside the caller's transaction, member row locked) and issues its call for dues.
 * A period overlapping a live one is a 400 naming `startsOn`.
 */
export async function openPeriod(
  tx: Db,
  actor: Actor | null,
  member: Member,
  plan: Plan,
  period: PeriodInput,
  now: Date,
  opts: { isDemo?: boolean } = {},
): Promise<Period> {
  const [row] = await openPeriods(tx, actor, [{ member, plan, period }], now, opts);
  return row;
}

type PeriodInput = { startsOn: string; endsOn: string; priceHtCents: number };

/**
 * Opens one period for each of several members (each member once; rows locked by the caller) with their calls for
 * dues, in a constant number of statements: the renewal run opens a network's renewals at once. Returned in the
 * order given; any overlap is a 400 and nothing is opened.
 */
export async function openPeriods(
  tx: Db,
  actor: Actor | null,
  items: { member: Member; plan: Plan; period: PeriodInput }[],
  now: Date,
  opts: { isDemo?: boolean } = {},
): Promise<Period[]> {
  if (items.length === 0) return [];
  for (const { period } of items) {
    if (period.endsOn < period.startsOn)
      throw invalidInput('Période invalide', { endsOn: 'la fin précède le début' });
  }
  // Per member, through its indexes: the live periods ending on or after the earliest new start (the only ones that
  // may overlap), and the last live one ending before each new start (the kind: join, renewal or re-join).
  const memberIds = items.map((i) => i.member.id);
  const earliest = items.map((i) => i.period.startsOn).sort()[0];
  const live = await tx
    .select({
      memberId: membershipPeriods.memberId,
      startsOn: membershipPeriods.startsOn,
      endsOn: membershipPeriods.endsOn,
    })
    .from(membershipPeriods)
    .where(
      and(
        inArray(membershipPeriods.memberId, memberIds),
        ne(membershipPeriods.state, 'cancelled'),
        sql`${membershipPeriods.endsOn} >= ${earliest}`,
      ),
    )
    .orderBy(asc(membershipPeriods.startsOn));
  const { rows: previous } = (await tx.execute(sql`
    select v.member_id, (select max(q.ends_on) from membership_periods q where q.member_id = v.member_id
      and q.state <> 'cancelled' and q.ends_on < v.starts_on)::text as ends_on
    from (values ${sql.join(
      items.map((i) => sql`(${i.member.id}::uuid, ${i.period.startsOn}::date)`),
      sql`, `,
    )}) v(member_id, starts_on)`)) as unknown as { rows: { member_id: string; ends_on: string | null }[] };
  const endBefore = new Map(previous.map((r) => [r.member_id, r.ends_on]));
  const values = items.map(({ member, plan, period }) => {
    const own = live.filter((p) => p.memberId === member.id);
    const overlap = own.find((p) => p.startsOn <= period.endsOn && p.endsOn >= period.startsOn);
    if (overlap) {
      throw invalidInput('Cette période chevauche une adhésion existante', {
        startsOn: `chevauche la période du ${overlap.startsOn} au ${overlap.endsOn}`,
      });
    }
    const amounts = withVat(period.priceHtCents, plan.vatRateBp);
    return {
      memberId: member.id,
      networkId: member.networkId,
      planId: plan.id,
      startsOn: period.startsOn,
      endsOn: period.endsOn,
      kind: periodKindAfter(endBefore.get(member.id) ?? null, period.startsOn),
      amountHtCents: amounts.htCents,
      vatRateBp: plan.vatRateBp,
      amountCents: amounts.ttcCents,
      state: amounts.ttcCents === 0 ? 'paid' : 'called',
      paidOn: amounts.ttcCents === 0 ? parisToday(now) : null,
      isDemo: opts.isDemo ?? false,
    };
  });
  const inserted = await insertMany(tx, membershipPeriods, values).returning();
  const byMember = new Map(inserted.map((r) => [r.memberId, r]));
  const rows = items.map((i) => byMember.get(i.member.id) as Period);
  const parties = await snapshotsOf(
    tx,
    items.map((i) => i.member),
  );
  await issueDocuments(
    tx,
    items.map(({ member, plan }, i) => {
      const row = rows[i];
      const amounts = withVat(row.amountHtCents, plan.vatRateBp);
      const { settings, ...people } = parties.get(member.id) as Parties;
      const content: DocumentContent = {
        title: documentTitles.call,
        ...people,
        lines: [
          {
            label: `Cotisation « ${plan.name} »`,
            htCents: amounts.htCents,
            vatRateBp: plan.vatRateBp,
            vatCents: amounts.vatCents,
            ttcCents: amounts.ttcCents,
          },
        ],
        period: { startsOn: row.startsOn, endsOn: row.endsOn, plan: plan.name },
        notes: [
          plan.vatRateBp === null ? 'TVA non applicable (cotisation non soumise à la TVA).' : '',
          settings.iban
            ? `À régler par virement : IBAN ${settings.iban}${settings.bic ? ` · BIC ${settings.bic}` : ''}.`
            : '',
          settings.paymentInstructions ?? '',
        ].filter(Boolean),
      };
      return {
        networkId: member.networkId,
        memberId: member.id,
        periodId: row.id,
        kind: 'call' as const,
        amountHtCents: amounts.htCents,
        vatCents: amounts.vatCents,
        amountCents: amounts.ttcCents,
        content,
        isDemo: opts.isDemo,
      };
    }),
    now,
  );
  await recordAudits(
    tx,
    actor,
    rows.map((row) => ({
      action: 'membership.period-open',
      entityType: 'membership_period',
      entityId: row.id,
      networkIds: [row.networkId],
      after: row,
    })),
  );
  return rows;
}

export type PaymentInput = {
  periodId?: string | null;
  amountCents: number;
  method: PaymentMethod;
  paidOn: string;
  reference?: string | null;
};

/** Records a payment (coordinators), partial or whole, and issues its numbered receipt. */
export async function recordPayment(
  deps: Pick<Deps, 'db' | 'clock'>,
  actor: Actor | null,
  memberId: string,
  input: PaymentInput,
) {
  await requireMemberCoordinator(deps.db, actor, memberId);
  const now = deps.clock();
  return deps.db.transaction(async (trx) => paymentOf(trx as unknown as Db, actor, memberId, input, now));
}

/**
 * The payment itself, inside the caller's transaction, once the caller is known to be allowed (a coordinator, or
 * a HelloAsso order re-read from its API: `actor` null is recorded as the platform in the audit log).
 */
export async function paymentOf(
  tx: Db,
  actor: Actor | null,
  memberId: string,
  input: PaymentInput,
  now: Date,
) {
  const member = await lockMember(tx, memberId);
  const periods = await tx
    .select()
    .from(membershipPeriods)
    .where(
      and(
        eq(membershipPeriods.memberId, memberId),
        eq(membershipPeriods.state, 'called'),
        // Imported history has no call to settle: a receipt for 2003 would be a document nobody issued.
        eq(membershipPeriods.imported, false),
      ),
    )
    .orderBy(asc(membershipPeriods.startsOn));
  const period = input.periodId ? periods.find((p) => p.id === input.periodId) : periods[0];
  if (!period) {
    throw invalidInput('Aucune cotisation à régler', {
      periodId: input.periodId ? 'période inconnue ou déjà réglée' : 'aucun appel de cotisation en attente',
    });
  }
  const due = period.amountCents - (await paidOnPeriod(tx, period.id));
  if (input.amountCents > due) {
    throw invalidInput('Le paiement dépasse le montant dû', {
      amountCents: `le montant dû est de ${euros(due)}`,
    });
  }
  const [payment] = await tx
    .insert(membershipPayments)
    .values({
      networkId: member.networkId,
      memberId,
      periodId: period.id,
      amountCents: input.amountCents,
      method: input.method,
      paidOn: input.paidOn,
      reference: input.reference?.trim() || null,
      recordedBy: actor?.accountId ?? null,
    })
    .returning();
  const settled = input.amountCents === due;
  const parties = await snapshotParties(tx, member);
  // The receipt's VAT is the share of the call's VAT in what was paid.
  const vatCents =
    period.vatRateBp === null
      ? 0
      : Math.round((input.amountCents * period.vatRateBp) / (10_000 + period.vatRateBp));
  const receipt = await issueDocument(
    tx,
    {
      networkId: member.networkId,
      memberId,
      periodId: period.id,
      paymentId: payment.id,
      kind: 'receipt',
      amountHtCents: input.amountCents - vatCents,
      vatCents,
      amountCents: input.amountCents,
      content: {
        title: documentTitles.receipt,
        issuer: parties.issuer,
        recipient: parties.recipient,
        lines: [
          {
            label: settled
              ? 'Cotisation (solde)'
              : `Cotisation (paiement partiel, reste dû ${euros(due - input.amountCents)})`,
            htCents: input.amountCents - vatCents,
            vatRateBp: period.vatRateBp,
            vatCents,
            ttcCents: input.amountCents,
          },
        ],
        period: {
          startsOn: period.startsOn,
          endsOn: period.endsOn,
          plan: await planName(tx, period.planId),
        },
        payment: { method: input.method, paidOn: input.paidOn, reference: payment.reference },
        notes: settled
          ? [
              `Le présent reçu vaut attestation d’adhésion du ${period.startsOn.split('-').reverse().join('/')} au ${period.endsOn.split('-').reverse().join('/')}.`,
            ]
          : [],
      },
    },
    now,
  );
  if (settled) {
    await tx
      .update(membershipPeriods)
      .set({ state: 'paid', paidOn: input.paidOn })
      .where(eq(membershipPeriods.id, period.id));
  }
  await refreshMemberStatus(tx, member, parisToday(now), 'payment');
  await recordAudit(tx, actor, {
    action: 'membership.payment-record',
    entityType: 'membership_payment',
    entityId: payment.id,
    networkIds: [member.networkId],
    after: { ...payment, receipt: receipt.number },
  });
  return { payment, receipt, dueCents: due - input.amountCents };
}

async function planName(tx: Db, planId: string) {
  const [row] = await tx
    .select({ name: membershipPlans.name })
    .from(membershipPlans)
    .where(eq(membershipPlans.id, planId));
  return row?.name ?? '';
}

/**
 * Cancels an issued document by a credit note (coordinators): a receipt's payment no longer counts, a call's
 * period is cancelled (once its receipts are cancelled). The cancelled document itself never changes.
 */
export async function issueCreditNote(
  deps: Pick<Deps, 'db' | 'clock'>,
  actor: Actor | null,
  memberId: string,
  number: string,
  reason: string,
) {
  const found = await requireMemberCoordinator(deps.db, actor, memberId);
  return creditNoteOf(deps, actor, found.networkId, memberId, number, reason);
}

/**
 * The credit note itself, once the caller is known to be allowed (a coordinator, or the renewal run acting for the
 * network: `actor` null is recorded as the platform in the audit log).
 */
export async function creditNoteOf(
  deps: Pick<Deps, 'db' | 'clock'>,
  actor: Actor | null,
  networkId: string,
  memberId: string,
  number: string,
  reason: string,
) {
  const now = deps.clock();
  return deps.db.transaction(async (trx) => {
    const tx = trx as unknown as Db;
    const member = await lockMember(tx, memberId);
    const doc = await findDocument(tx, networkId, number);
    if (!doc || doc.memberId !== memberId) throw notFound('Document introuvable');
    if (doc.kind === 'credit_note')
      throw conflict('Un avoir ne s’annule pas : émettez un nouvel appel de cotisation.');
    const [already] = await tx
      .select({ number: membershipDocuments.number })
      .from(membershipDocuments)
      .where(eq(membershipDocuments.cancelsDocumentId, doc.id));
    if (already) throw conflict(`Ce document est déjà annulé par l’avoir n° ${already.number}.`);
    if (doc.kind === 'call' && doc.periodId && (await paidOnPeriod(tx, doc.periodId)) > 0) {
      throw conflict(
        'Des paiements sont enregistrés sur cet appel : annulez d’abord leurs reçus par un avoir.',
      );
    }
    const original = doc.content as unknown as DocumentContent;
    const credit = await issueDocument(
      tx,
      {
        networkId: doc.networkId,
        memberId,
        periodId: doc.periodId,
        paymentId: doc.paymentId,
        kind: 'credit_note',
        amountHtCents: -doc.amountHtCents,
        vatCents: -doc.vatCents,
        amountCents: -doc.amountCents,
        cancelsDocumentId: doc.id,
        content: {
          ...original,
          title: documentTitles.credit_note,
          lines: original.lines.map((l) => ({
            ...l,
            label: `Annulation : ${l.label}`,
            htCents: -l.htCents,
            vatCents: -l.vatCents,
            ttcCents: -l.ttcCents,
          })),
          payment: undefined,
          cancels: doc.number,
          notes: [`Motif : ${reason}`],
        },
      },
      now,
    );
    if (doc.periodId) {
      const state = doc.kind === 'call' ? 'cancelled' : 'called';
      await tx
        .update(membershipPeriods)
        .set({ state, paidOn: null })
        .where(eq(membershipPeriods.id, doc.periodId));
    }
    await refreshMemberStatus(tx, member, parisToday(now), 'credit_note');
    await recordAudit(tx, actor, {
      action: 'membership.credit-note',
      entityType: 'membership_document',
      entityId: credit.id,
      networkIds: [doc.networkId],
      after: { number: credit.number, cancels: doc.number, reason },
    });
    return credit;
  });
}
