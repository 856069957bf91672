import { createHmac, timingSafeEqual } from 'node:crypto';
import { and, asc, eq, inArray, ne } from 'drizzle-orm';
import type { Actor, Deps } from '../../context.ts';
import type { Db } from '../../db/client.ts';
import { notFound } from '../../lib/errors.ts';
import { startPeriodic } from '../../lib/periodic.ts';
import { requireCoordinatorOf } from '../accounts/authz.ts';
import { requireNetwork } from '../accounts/networks.service.ts';
import { deliverFromOutbox, writeToOutbox } from '../mail/mail.outbox.ts';
import { organizations } from '../organizations/organizations.tables.ts';
import { creditNoteOf, openPeriod, paidOnPeriod } from './memberships.dues.ts';
import { getSettings, planTerms } from './memberships.plans.ts';
import { addDays, euros, nextPeriod, parisToday } from './memberships.rules.ts';
import { refreshMemberStatus } from './memberships.status.ts';
import {
  memberContacts,
  members,
  membershipDocuments,
  membershipPeriods,
  membershipPlans,
  membershipReminders,
} from './memberships.tables.ts';

// The renewal run, daily or on demand: (1) issues the next period's call for dues to members whose period ends
// within the plan's first reminder day; (2) sends each due reminder once — the (period, day) key is claimed in the
// database, so a repeated run or two processes at once send it once; (3) past the grace, the member lapses and its
// unpaid renewal call is cancelled by a credit note, so that paying later is a re-join with the gap visible.

const isUniqueViolation = (err: unknown): boolean => {
  for (let e = err as { code?: string; cause?: unknown } | undefined; e; e = e.cause as typeof e) {
    if (e.code === '23505') return true;
  }
  return false;
};

/** The personal renewal link's token: the period id signed with the server secret (no account needed). */
export function renewalToken(secret: string, periodId: string): string {
  const sig = createHmac('sha256', `renewal:${secret}`).update(periodId).digest('base64url').slice(0, 22);
  return `${periodId}.${sig}`;
}

function verifyRenewalToken(secret: string, token: string): string | null {
  const [periodId, sig] = token.split('.');
  if (!periodId || !sig || !/^[0-9a-f-]{36}$/.test(periodId)) return null;
  const expected = renewalToken(secret, periodId).split('.')[1];
  const a = Buffer.from(sig);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b) ? periodId : null;
}

type RunDeps = Pick<Deps, 'db' | 'clock' | 'config'>;

/** The renewal run of one network, on a coordinator's demand. */
export async function runRenewals(deps: RunDeps, actor: Actor | null, networkId: string) {
  await requireNetwork(deps.db, networkId);
  await requireCoordinatorOf(deps.db, actor, networkId);
  return runNetworkRenewals(deps, networkId, actor);
}

/**
 * The scheduled run: every network that has members, one after the other. Safe to repeat and to run in several
 * processes at once (each call and each reminder is claimed in the database); a network whose run fails is logged
 * and the others go on.
 */
export async function runAllRenewals(deps: RunDeps & Pick<Deps, 'log'>) {
  const networkIds = await deps.db
    .selectDistinct({ id: members.networkId })
    .from(members)
    .where(inArray(members.status, ['active', 'grace']))
    .orderBy(asc(members.networkId));
  const total = { networks: 0, callsIssued: 0, remindersSent: 0, lapsed: 0, failed: 0 };
  for (const { id } of networkIds) {
    try {
      const out = await runNetworkRenewals(deps, id, null);
      total.networks++;
      total.callsIssued += out.callsIssued;
      total.remindersSent += out.remindersSent;
      total.lapsed += out.lapsed;
    } catch (err) {
      total.failed++;
      deps.log.error({ err, networkId: id }, 'renewal run failed for a network');
    }
  }
  return total;
}

/**
 * Runs the renewals of every network at start and then every `intervalMs` (hourly by default: reminders are due by
 * the Paris day, and a repeated run sends nothing twice). `stop()` waits for a run in progress.
 */
export function startRenewalSchedule(deps: RunDeps & Pick<Deps, 'log'>, opts: { intervalMs: number }) {
  return startPeriodic(
    async () => {
      const t = await runAllRenewals(deps);
      if (t.callsIssued || t.remindersSent || t.lapsed)
        deps.log.info(
          `renewal run: ${t.callsIssued} call(s) for dues, ${t.remindersSent} reminder(s), ${t.lapsed} lapsed, in ${t.networks} network(s)`,
        );
    },
    { ...opts, firstAfterMs: 5_000, log: deps.log, what: 'renewal run' },
  );
}

/** `actor`: the coordinator who asked for the run, or null for the schedule (the audit log says "the platform"). */
async function runNetworkRenewals(deps: RunDeps, networkId: string, actor: Actor | null) {
  const network = await requireNetwork(deps.db, networkId);
  const now = deps.clock();
  const today = parisToday(now);
  const out = { callsIssued: 0, remindersSent: 0, lapsed: 0 };
  const { settings } = await getSettings(deps.db, networkId);
  const candidates = await deps.db
    .select()
    .from(members)
    .where(and(eq(members.networkId, networkId), inArray(members.status, ['active', 'grace'])))
    .orderBy(asc(members.id));
  const mailIds: string[] = [];
  for (const member of candidates) {
    const rows = await deps.db
      .select({ period: membershipPeriods, plan: membershipPlans })
      .from(membershipPeriods)
      .innerJoin(membershipPlans, eq(membershipPlans.id, membershipPeriods.planId))
      .where(and(eq(membershipPeriods.memberId, member.id), ne(membershipPeriods.state, 'cancelled')))
      .orderBy(asc(membershipPeriods.startsOn));
    const periods = rows.map((r) => r.period);
    // The last paid period is the one being renewed (on its plan); the period after it, if any, is its renewal.
    const currentRow = rows.filter((r) => r.period.state === 'paid').at(-1);
    if (!currentRow) continue;
    const { period: current, plan } = currentRow;
    let renewal = periods.find((p) => p.startsOn > current.endsOn);
    const days = [...plan.reminderDays].sort((a, b) => a - b);
    const lead = Math.max(30, -(days[0] ?? -30));
    if (!renewal && addDays(current.endsOn, -lead) <= today) {
      try {
        renewal = await deps.db.transaction(async (trx) => {
          const tx = trx as unknown as Db;
          const [locked] = await tx.select().from(members).where(eq(members.id, member.id)).for('update');
          return openPeriod(tx, actor, locked, plan, nextPeriod(planTerms(plan), current.endsOn), now);
        });
        out.callsIssued++;
      } catch (err) {
        // Another run issued it meanwhile (unique member + start): read it.
        if (!isUniqueViolation(err)) throw err;
        [renewal] = await deps.db
          .select()
          .from(membershipPeriods)
          .where(
            and(
              eq(membershipPeriods.memberId, member.id),
              eq(membershipPeriods.startsOn, addDays(current.endsOn, 1)),
            ),
          );
      }
    }
    if (renewal?.state !== 'called') continue;
    const lapseOn = addDays(current.endsOn, plan.graceDays + 1);
    if (today >= lapseOn) {
      // Past the grace: the unpaid renewal call is cancelled; paying later re-joins with the gap visible.
      const [call] = await deps.db
        .select({ number: membershipDocuments.number })
        .from(membershipDocuments)
        .where(and(eq(membershipDocuments.periodId, renewal.id), eq(membershipDocuments.kind, 'call')));
      if (call && (await paidOnPeriod(deps.db, renewal.id)) === 0) {
        await creditNoteOf(
          deps,
          actor,
          networkId,
          member.id,
          call.number,
          'Adhésion échue sans paiement du renouvellement',
        );
        out.lapsed++;
      }
      continue;
    }
    const due = days.filter((d) => addDays(current.endsOn, d) <= today);
    const latest = due.at(-1);
    if (latest === undefined) continue;
    await deps.db.transaction(async (trx) => {
      const tx = trx as unknown as Db;
      const claimed = await tx
        .insert(membershipReminders)
        .values(
          due.map((d) => ({
            periodId: current.id,
            offsetDays: d,
            outcome: d === latest ? 'sent' : 'skipped',
          })),
        )
        .onConflictDoNothing()
        .returning({ offsetDays: membershipReminders.offsetDays });
      if (!claimed.some((c) => c.offsetDays === latest)) return;
      const [org] = await tx
        .select({ name: organizations.name })
        .from(organizations)
        .where(eq(organizations.id, member.organizationId));
      const recipients = await tx
        .select({ email: memberContacts.email, role: memberContacts.role })
        .from(memberContacts)
        .where(eq(memberContacts.memberId, member.id));
      const to =
        recipients.find((c) => c.role === 'billing' && c.email)?.email ??
        recipients.find((c) => c.email)?.email;
      if (!to) return;
      const dueCents = renewal.amountCents - (await paidOnPeriod(tx, renewal.id));
      const link = `${deps.config.publicUrl}/adherents/renouveler/${renewalToken(deps.config.sessionSecret, renewal.id)}`;
      const when =
        latest < 0
          ? `arrive à échéance le ${current.endsOn.split('-').reverse().join('/')}`
          : latest === 0
            ? 'arrive à échéance aujourd’hui'
            : `est échue depuis le ${current.endsOn.split('-').reverse().join('/')}`;
      const [id] = await writeToOutbox(
        tx,
        [
          {
            to,
            subject: `${network.name} : renouvellement de votre adhésion`,
            text: [
              'Bonjour,',
              '',
              `L’adhésion de ${org?.name ?? 'votre organisation'} à ${network.name} ${when}.`,
              `Cotisation ${renewal.startsOn.split('-')[0]} : ${euros(dueCents)} à régler.`,
              settings.iban ? `Par virement : IBAN ${settings.iban}.` : '',
              `Ce qui est dû et comment payer : ${link}`,
              '',
              '— Maillage',
            ]
              .filter((l) => l !== '')
              .join('\n'),
            kind: 'memberships.renewal-reminder',
          },
        ],
        deps.config,
      );
      await tx
        .update(membershipReminders)
        .set({ outboxId: id })
        .where(and(eq(membershipReminders.periodId, current.id), eq(membershipReminders.offsetDays, latest)));
      mailIds.push(id);
      out.remindersSent++;
    });
  }
  // Statuses move with the calendar (active → grace → lapsed): recompute them.
  const all = await deps.db.select().from(members).where(eq(members.networkId, networkId));
  for (const m of all) {
    await deps.db.transaction((trx) =>
      refreshMemberStatus(trx as unknown as Db, m, today, 'renewal-run').then(() => undefined),
    );
  }
  await deliverFromOutbox(deps, mailIds);
  return out;
}

async function periodByToken(deps: Pick<Deps, 'db' | 'config'>, token: string) {
  const periodId = verifyRenewalToken(deps.config.sessionSecret, token);
  const [period] = periodId
    ? await deps.db.select().from(membershipPeriods).where(eq(membershipPeriods.id, periodId))
    : [];
  if (!period) throw notFound('Ce lien de renouvellement n’est pas valide : vérifiez qu’il est complet.');
  return period;
}

/** A document of the renewal link's period (its call for dues, receipts, credit notes), for download. */
export async function renewalDocument(deps: Pick<Deps, 'db' | 'config'>, token: string, number: string) {
  const period = await periodByToken(deps, token);
  const [doc] = await deps.db
    .select()
    .from(membershipDocuments)
    .where(and(eq(membershipDocuments.periodId, period.id), eq(membershipDocuments.number, number)));
  if (!doc) throw notFound('Document introuvable pour ce lien');
  return doc;
}

/** What the personal renewal link shows: what is due and how to pay, without an account. */
export async function renewalByToken(deps: Pick<Deps, 'db' | 'config'>, token: string) {
  const period = await periodByToken(deps, token);
  const [member] = await deps.db.select().from(members).where(eq(members.id, period.memberId));
  const [org] = await deps.db
    .select({ name: organizations.name })
    .from(organizations)
    .where(eq(organizations.id, member.organizationId));
  const [plan] = await deps.db
    .select({ name: membershipPlans.name })
    .from(membershipPlans)
    .where(eq(membershipPlans.id, period.planId));
  const documents = await deps.db
    .select({ number: membershipDocuments.number, kind: membershipDocuments.kind })
    .from(membershipDocuments)
    .where(eq(membershipDocuments.periodId, period.id))
    .orderBy(asc(membershipDocuments.issuedAt));
  const call = documents.find((d) => d.kind === 'call');
  const { network, settings } = await getSettings(deps.db, member.networkId);
  const paid = await paidOnPeriod(deps.db, period.id);
  return {
    networkName: network.name,
    organizationName: org?.name ?? '',
    planName: plan?.name ?? '',
    startsOn: period.startsOn,
    endsOn: period.endsOn,
    state: period.state,
    amountCents: period.amountCents,
    dueCents: period.state === 'cancelled' ? 0 : period.amountCents - paid,
    callNumber: call?.number ?? null,
    documents,
    memberStatus: member.status,
    iban: settings.iban,
    bic: settings.bic,
    paymentInstructions: settings.paymentInstructions,
  };
}
