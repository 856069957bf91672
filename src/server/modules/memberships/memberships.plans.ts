import { and, asc, eq } from 'drizzle-orm';
import type { Actor, Deps } from '../../context.ts';
import type { Db } from '../../db/client.ts';
import { invalidInput, notFound } from '../../lib/errors.ts';
import { requireCoordinatorOf } from '../accounts/authz.ts';
import { requireNetwork } from '../accounts/networks.service.ts';
import { recordAudit } from '../audit/audit.service.ts';
import type { PeriodKind, PlanTerms, ProRata } from './memberships.rules.ts';
import { membershipPlans, membershipSettings } from './memberships.tables.ts';

// A network's membership plans and its membership settings (legal details, bank details, terms).

export type Plan = typeof membershipPlans.$inferSelect;
export type PlanInput = {
  name: string;
  description?: string | null;
  priceCents: number;
  vatRateBp: number | null;
  eligibility?: 'any' | 'legal_categories' | 'headcount_brackets';
  eligibleValues?: string[];
  contactsLimit?: number | null;
  periodKind?: PeriodKind;
  seasonStart?: string | null;
  proRata?: ProRata;
  lateJoinFrom?: string | null;
  graceDays?: number;
  reminderDays?: number[];
  active?: boolean;
};
export type SettingsInput = {
  legalName: string;
  address?: string | null;
  siret?: string | null;
  vatNumber?: string | null;
  iban?: string | null;
  bic?: string | null;
  paymentInstructions?: string | null;
  termsText?: string;
  termsVersion?: string;
  foundedYear?: number | null;
};

export const planTerms = (p: Plan): PlanTerms => ({
  priceCents: p.priceCents,
  vatRateBp: p.vatRateBp,
  periodKind: p.periodKind as PeriodKind,
  seasonStart: p.seasonStart,
  proRata: p.proRata as ProRata,
  lateJoinFrom: p.lateJoinFrom,
});

function checkPlan(input: Partial<PlanInput>) {
  const fields: Record<string, string> = {};
  if (input.periodKind === 'season' && !input.seasonStart)
    fields.seasonStart = 'date de début de saison (MM-JJ) obligatoire';
  if (input.proRata === 'late_covers_next' && !input.lateJoinFrom)
    fields.lateJoinFrom = 'date (MM-JJ) à partir de laquelle l’adhésion couvre aussi l’année suivante';
  if (input.eligibility && input.eligibility !== 'any' && (input.eligibleValues ?? []).length === 0)
    fields.eligibleValues = 'indiquez au moins une catégorie admise';
  if (Object.keys(fields).length > 0) throw invalidInput('Formule incomplète', fields);
}

export async function listPlans(db: Db, networkId: string, opts: { activeOnly?: boolean } = {}) {
  return db
    .select()
    .from(membershipPlans)
    .where(
      and(
        eq(membershipPlans.networkId, networkId),
        opts.activeOnly ? eq(membershipPlans.active, true) : undefined,
      ),
    )
    .orderBy(asc(membershipPlans.priceCents), asc(membershipPlans.name));
}

/** A plan of this network; an unknown one is a 400 naming `field`. */
export async function requirePlan(
  db: Db,
  networkId: string,
  planId: string,
  field = 'planId',
): Promise<Plan> {
  const [plan] = /^[0-9a-f-]{36}$/i.test(planId)
    ? await db
        .select()
        .from(membershipPlans)
        .where(and(eq(membershipPlans.id, planId), eq(membershipPlans.networkId, networkId)))
        .limit(1)
    : [];
  if (!plan)
    throw invalidInput('Formule d’adhésion inconnue', { [field]: 'formule inconnue pour ce réseau' });
  return plan;
}

export async function createPlan(
  deps: Pick<Deps, 'db'>,
  actor: Actor | null,
  networkId: string,
  input: PlanInput & { isDemo?: boolean },
) {
  await requireNetwork(deps.db, networkId);
  await requireCoordinatorOf(deps.db, actor, networkId);
  checkPlan(input);
  return deps.db.transaction(async (trx) => {
    const tx = trx as unknown as Db;
    const [plan] = await tx
      .insert(membershipPlans)
      .values({ ...input, networkId })
      .returning();
    await recordAudit(tx, actor, {
      action: 'membership.plan-create',
      entityType: 'membership_plan',
      entityId: plan.id,
      networkIds: [networkId],
      after: plan,
    });
    return plan;
  });
}

export async function updatePlan(
  deps: Pick<Deps, 'db' | 'clock'>,
  actor: Actor | null,
  planId: string,
  patch: Partial<PlanInput>,
) {
  const [before] = /^[0-9a-f-]{36}$/i.test(planId)
    ? await deps.db.select().from(membershipPlans).where(eq(membershipPlans.id, planId)).limit(1)
    : [];
  if (!before) throw notFound('Formule introuvable');
  await requireCoordinatorOf(deps.db, actor, before.networkId);
  checkPlan({ ...before, ...patch } as Partial<PlanInput>);
  return deps.db.transaction(async (trx) => {
    const tx = trx as unknown as Db;
    const [after] = await tx
      .update(membershipPlans)
      .set({ ...patch, updatedAt: deps.clock() })
      .where(eq(membershipPlans.id, planId))
      .returning();
    await recordAudit(tx, actor, {
      action: 'membership.plan-update',
      entityType: 'membership_plan',
      entityId: planId,
      networkIds: [before.networkId],
      before,
      after,
    });
    return after;
  });
}

/** The network's settings, or defaults from the network itself before a coordinator filled them. */
export async function getSettings(db: Db, networkId: string) {
  const network = await requireNetwork(db, networkId);
  const [row] = await db
    .select()
    .from(membershipSettings)
    .where(eq(membershipSettings.networkId, networkId))
    .limit(1);
  return {
    network,
    settings: row ?? {
      networkId,
      legalName: network.name,
      address: null,
      siret: null,
      vatNumber: null,
      iban: null,
      bic: null,
      paymentInstructions: null,
      termsText: '',
      termsVersion: '1',
      foundedYear: null,
      updatedAt: network.createdAt,
    },
  };
}

export async function putSettings(
  deps: Pick<Deps, 'db' | 'clock'>,
  actor: Actor | null,
  networkId: string,
  input: SettingsInput,
) {
  await requireNetwork(deps.db, networkId);
  await requireCoordinatorOf(deps.db, actor, networkId);
  return deps.db.transaction(async (trx) => {
    const tx = trx as unknown as Db;
    const values = { ...input, networkId, updatedAt: deps.clock() };
    const [row] = await tx
      .insert(membershipSettings)
      .values(values)
      .onConflictDoUpdate({ target: membershipSettings.networkId, set: values })
      .returning();
    await recordAudit(tx, actor, {
      action: 'membership.settings-update',
      entityType: 'network',
      entityId: networkId,
      networkIds: [networkId],
      after: row,
    });
    return row;
  });
}
