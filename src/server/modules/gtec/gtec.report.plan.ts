import { createHash } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { Deps } from '../../context.ts';
import type { Db } from '../../db/client.ts';
import { organizationsByIds } from '../organizations/organizations.service.ts';
import { communeAncestry } from '../territories/territories.service.ts';
import type { WaveRow, WaveStatus } from './gtec.access.ts';
import type { GtecData } from './gtec.questionnaires.ts';
import { MEASURES, type ReportInput, reportModels, type StoredPlan } from './gtec.report.model.ts';
import { gtecAnswers, gtecRecipients, gtecReportPlans } from './gtec.tables.ts';
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
  // Ordered by content and named by rank, not by id: the plan (its ties) depends on the answers alone, so that the
  // same answers always give the same mask, and no id enters the stored plan.
  return rows
    .map((r) => {
      const commune = communeOf.get(r.organizationId);
      const epci = commune ? (communeAncestry(commune)?.epciCode ?? null) : null;
      return { epci, data: r.data as GtecData, sortKey: JSON.stringify([epci, r.data]) };
    })
    .sort((a, b) => (a.sortKey < b.sortKey ? -1 : a.sortKey > b.sortKey ? 1 : 0))
    .map(({ epci, data }, i) => ({ company: `c${String(i).padStart(5, '0')}`, epci, data }));
}

/** Plans every measure of the wave's answers (the attacker checks each hidden cell's interval). */
export async function computePlan(inputs: ReportInput[]) {
  const models = reportModels(inputs);
  const plan = {} as StoredPlan;
  const stats: Record<string, unknown> = {};
  for (const m of MEASURES) {
    const p = await planSecrecy(models[m], REPORT_RULES);
    plan[m] = {
      published: Object.fromEntries(p.published.map((c) => [c.key, c.value])),
      hidden: p.hidden.map((h) => h.cell.key),
      unprotected: p.stats.unprotected,
    };
    stats[m] = { cells: p.stats.cells, primary: p.stats.primary, hidden: p.stats.hidden, ...p.stats.seconds };
  }
  return { plan, stats };
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
  const digest = createHash('sha256').update(JSON.stringify(inputs)).digest('base64url');
  const final = status === 'closed';
  if (stored && stored.digest === digest) {
    if (final)
      await deps.db.update(gtecReportPlans).set({ final }).where(eq(gtecReportPlans.waveId, wave.id));
    return asPlan({ ...stored, final });
  }
  const { plan, stats } = await computePlan(inputs);
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
