import { createHash } from 'node:crypto';
import { and, desc, eq, lt } from 'drizzle-orm';
import type { Deps } from '../../context.ts';
import type { Db } from '../../db/client.ts';
import { organizationsByIds } from '../organizations/organizations.service.ts';
import { communeAncestry } from '../territories/territories.service.ts';
import type { WaveRow, WaveStatus } from './gtec.access.ts';
import type { GtecData } from './gtec.questionnaires.ts';
import { MEASURES, type ReportInput, reportModels, type StoredPlan } from './gtec.report.model.ts';
import {
  gtecAnswers,
  gtecQuestionnaires,
  gtecRecipients,
  gtecReportPlans,
  gtecWaves,
} from './gtec.tables.ts';
import { planSecrecy } from './secrecy/plan.ts';
import { defaultRules } from './secrecy/rules.ts';

// The secrecy plan of a wave's report, computed from the submitted answers and stored (gtec_report_plans): reused
// while the answers (and the companies' EPCI) are those it was computed from, recomputed when they change before
// the close, frozen once computed after the close. The rules are the library's defaults (3 companies, 85 %, ±10 %).

export const REPORT_RULES = {
  minCompanies: defaultRules.minCompanies,
  dominance: defaultRules.dominance,
  protection: defaultRules.protection,
};

/** The submitted answers of a wave, each with its company's EPCI (from the directory's commune). */
export async function reportInputs(db: Db, waveId: string): Promise<ReportInput[]> {
  const rows = await db
    .select({
      organizationId: gtecRecipients.organizationId,
      data: gtecAnswers.data,
    })
    .from(gtecAnswers)
    .innerJoin(gtecRecipients, eq(gtecRecipients.id, gtecAnswers.recipientId))
    .where(and(eq(gtecAnswers.waveId, waveId), eq(gtecAnswers.status, 'submitted')));
  const orgs = await organizationsByIds(
    db,
    rows.map((r) => r.organizationId),
  );
  const communeOf = new Map(orgs.map((o) => [o.id, o.communeCode]));
  // Ordered by content, so that the same answers always give the same mask (cells are ranked in that order when
  // the suppression breaks ties). A company is its organisation, so that the rule between waves follows it; no id
  // enters the stored plan.
  return rows
    .map((r) => {
      const commune = communeOf.get(r.organizationId);
      const epci = commune ? (communeAncestry(commune)?.epciCode ?? null) : null;
      return {
        company: r.organizationId,
        epci,
        data: r.data as GtecData,
        sortKey: JSON.stringify([epci, r.data]),
      };
    })
    .sort((a, b) => (a.sortKey < b.sortKey ? -1 : a.sortKey > b.sortKey ? 1 : 0))
    .map(({ company, epci, data }) => ({ company, epci, data }));
}

type Previous = { inputs: ReportInput[]; plan: StoredPlan };

/**
 * Plans every measure of the wave's answers (the attacker checks each hidden cell's interval), against the
 * previous wave's published cells when there is one: a change between the two that would single a company out is
 * hidden too, and the cells hidden last time are hidden first.
 */
export async function computePlan(inputs: ReportInput[], previous?: Previous) {
  const models = reportModels(inputs);
  const before = previous && reportModels(previous.inputs);
  const plan = {} as StoredPlan;
  const stats: Record<string, unknown> = {};
  for (const m of MEASURES) {
    const p = await planSecrecy(
      models[m],
      REPORT_RULES,
      before && previous ? { wave: before[m], hidden: previous.plan[m].hidden } : undefined,
    );
    plan[m] = {
      published: Object.fromEntries(p.published.map((c) => [c.key, c.value])),
      hidden: p.hidden.map((h) => h.cell.key),
      unprotected: p.stats.unprotected,
    };
    stats[m] = {
      cells: p.stats.cells,
      primary: p.stats.primary,
      waveDifference: p.stats.waveDifference,
      hidden: p.stats.hidden,
      ...p.stats.seconds,
    };
  }
  return { plan, stats };
}

/** The network's last GTEC wave closed before this one opened, if any. */
async function previousWave(db: Db, wave: WaveRow): Promise<WaveRow | undefined> {
  const [row] = await db
    .select({ wave: gtecWaves })
    .from(gtecWaves)
    .innerJoin(gtecQuestionnaires, eq(gtecQuestionnaires.id, gtecWaves.questionnaireId))
    .where(
      and(
        eq(gtecWaves.networkId, wave.networkId),
        eq(gtecQuestionnaires.kind, 'gtec'),
        lt(gtecWaves.closesOn, wave.opensOn),
      ),
    )
    .orderBy(desc(gtecWaves.closesOn))
    .limit(1);
  return row?.wave;
}

export type WavePlan = { plan: StoredPlan; respondents: number; computedAt: Date; final: boolean };

/** The wave's stored plan, recomputed first if the answers changed since (never after a plan made once closed). */
export async function wavePlan(
  deps: Pick<Deps, 'db' | 'clock'>,
  wave: WaveRow,
  status: WaveStatus,
): Promise<WavePlan> {
  const [stored] = await deps.db.select().from(gtecReportPlans).where(eq(gtecReportPlans.waveId, wave.id));
  const asPlan = (row: typeof stored) => ({
    plan: row.plan as StoredPlan,
    respondents: row.respondents,
    computedAt: row.computedAt,
    final: row.final,
  });
  if (stored?.final) return asPlan(stored);
  const inputs = await reportInputs(deps.db, wave.id);
  const before = await previousWave(deps.db, wave);
  // The previous wave closed before this one opened: its plan is final, computed once.
  const previous = before && {
    inputs: await reportInputs(deps.db, before.id),
    plan: (await wavePlan(deps, before, 'closed')).plan,
  };
  const digest = createHash('sha256')
    .update(JSON.stringify([inputs, before?.id ?? null]))
    .digest('base64url');
  const final = status === 'closed';
  if (stored && stored.digest === digest) {
    if (final)
      await deps.db.update(gtecReportPlans).set({ final }).where(eq(gtecReportPlans.waveId, wave.id));
    return asPlan({ ...stored, final });
  }
  const { plan, stats } = await computePlan(inputs, previous);
  const row = {
    waveId: wave.id,
    digest,
    final,
    respondents: inputs.length,
    plan,
    stats,
    computedAt: deps.clock(),
  };
  await deps.db
    .insert(gtecReportPlans)
    .values(row)
    .onConflictDoUpdate({ target: gtecReportPlans.waveId, set: { ...row, waveId: undefined } });
  return asPlan(row);
}
