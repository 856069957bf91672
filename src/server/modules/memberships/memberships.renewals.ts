import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Actor, Deps } from '../../context.ts';
import { notFound } from '../../lib/errors.ts';
import { startPeriodic } from '../../lib/periodic.ts';
import { requireCoordinatorOf } from '../accounts/authz.ts';
import { requireNetwork } from '../accounts/networks.service.ts';
import { organizations } from '../organizations/organizations.tables.ts';
import { paidOnPeriod } from './memberships.dues.ts';
import { getSettings } from './memberships.plans.ts';
import { type RunDeps, runNetworkRenewals, verifyRenewalToken } from './memberships.renewal-run.ts';
import { members, membershipDocuments, membershipPeriods, membershipPlans } from './memberships.tables.ts';

// The renewal run on a coordinator's demand and on a schedule for every network (the run itself:
// memberships.renewal-run.ts), and the personal renewal link it mails: what is due, and the period's documents.

/** The renewal run of one network, on a coordinator's demand. */
export async function runRenewals(deps: RunDeps, actor: Actor | null, networkId: string) {
  await requireNetwork(deps.db, networkId);
  await requireCoordinatorOf(deps.db, actor, networkId);
  return runNetworkRenewals(deps, networkId, actor);
}

/** Networks renewed at once by the scheduled run (each holds one pooled connection at a time). */
const NETWORKS_AT_ONCE = 4;

/**
 * The scheduled run: every network that has members, a few at a time. Safe to repeat and to run in several
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
  let next = 0;
  // A few networks at once: while one waits for the database, another is prepared (networks share no rows).
  const worker = async () => {
    while (next < networkIds.length) {
      const { id } = networkIds[next++];
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
  };
  await Promise.all(Array.from({ length: NETWORKS_AT_ONCE }, worker));
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
