import { eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { essFamilies } from '../company-identity/ess-family.ts';
import { loadReference } from '../territories/territories.data.ts';
import { sizeClasses } from './estimates.ts';
import { nafSections } from './naf-sections.ts';
import { observatorySnapshots } from './observatory.tables.ts';
import { departmentsOf, scopeDepartments } from './scope.ts';
import { primarySecret } from './secrecy.ts';
import { bulkWriter, secretCellColumns } from './sirene-write.ts';

// Secondary statistical secrecy decided once per snapshot (see secrecy.ts for what is covered). Cells are the
// published margins of every territory the scope covers; "equations" are the linear relations a reader can use,
// each a parent cell and the cells that add up to it. Starting from the primary cells, while an equation has exactly
// one hidden non-zero cell, one more is hidden: the published non-zero child with the fewest establishments (the
// parent only when no child is left). Hiding only ever grows, so this ends; every equation then has 0 or ≥ 2 hidden
// cells. Empty cells are never hidden (their value is known anyway) and are left out of the equations.

export type Dimension = 'total' | 'family' | 'section' | 'size';
export type Margin = {
  territory: string;
  dimension: Dimension;
  /** total: ess | private | public; family, NAF section ('?' unknown) or size class otherwise. */
  category: string;
  establishments: number;
  jobs: number;
  maxJobs: number;
};
/** A territory that is exactly the sum of `children` (every published category). */
export type Nesting = { parent: string; children: string[] };
export type HiddenCell = {
  territory: string;
  dimension: Dimension;
  category: string;
  reason: 'primary' | 'secondary';
};

const standardCategories: [Dimension, string][] = [
  ['total', 'ess'],
  ['total', 'private'],
  ['total', 'public'],
  ...essFamilies.filter((f) => f !== 'non_ess').map((f): [Dimension, string] => ['family', f]),
  ...nafSections.map((s): [Dimension, string] => ['section', s.code]),
  ['section', '?'],
  ...sizeClasses.map((s): [Dimension, string] => ['size', s.code]),
];

/** Margins column by column (what the import reads: no object per margin). */
export type MarginColumns = {
  territory: string[];
  dimension: Dimension[];
  category: string[];
  establishments: number[];
  jobs: number[];
  maxJobs: number[];
};

/**
 * The cells to hide among `margins` (only those of `territories`), so that in every relation — a territory's ESS
 * total = Σ families = Σ sections = Σ sizes, and each nesting for every category — no hidden cell stands alone.
 * Margins of the same cell add up. `unresolved` counts equations left with one hidden cell because no other
 * non-zero cell existed (inconsistent data).
 */
export function planSecrecy(margins: Margin[] | MarginColumns, territories: string[], nestings: Nesting[]) {
  const m = Array.isArray(margins) ? columnsOf(margins) : margins;
  const tIndex = new Map(territories.map((t, i) => [t, i]));
  const catIndex = new Map<Dimension, Map<string, number>>();
  const cats: [Dimension, string][] = [];
  const category = (d: Dimension, c: string) => {
    let byCategory = catIndex.get(d);
    if (!byCategory) {
      byCategory = new Map();
      catIndex.set(d, byCategory);
    }
    const k = byCategory.get(c);
    if (k !== undefined) return k;
    byCategory.set(c, cats.length);
    return cats.push([d, c]) - 1;
  };
  for (const [d, c] of standardCategories) category(d, c);
  const rows = m.territory.length;
  const rowKey = new Int32Array(rows);
  for (let r = 0; r < rows; r++) rowKey[r] = category(m.dimension[r], m.category[r]);
  const K = cats.length;
  // Dense (territory × category) sums, then the non-empty ones numbered in that order (deterministic tie-breaks).
  const size = territories.length * K;
  const sumEst = new Float64Array(size);
  const sumJobs = new Float64Array(size);
  const sumMax = new Float64Array(size);
  for (let r = 0; r < rows; r++) {
    const t = tIndex.get(m.territory[r]);
    if (t === undefined) continue;
    const s = t * K + rowKey[r];
    sumEst[s] += m.establishments[r];
    sumJobs[s] += m.jobs[r];
    if (m.maxJobs[r] > sumMax[s]) sumMax[s] = m.maxJobs[r];
  }
  const slot = new Int32Array(size).fill(-1);
  const cellSlot: number[] = [];
  for (let s = 0; s < size; s++)
    if (sumEst[s] > 0) {
      slot[s] = cellSlot.length;
      cellSlot.push(s);
    }
  const n = cellSlot.length;
  const est = new Float64Array(n);
  const jobs = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    est[i] = sumEst[cellSlot[i]];
    jobs[i] = sumJobs[cellSlot[i]];
  }

  // Equations in CSR form: members[starts[e]] is the parent (-1 when empty), the children follow.
  const members: number[] = [];
  const starts: number[] = [0];
  let present = 0;
  const open = (parent: number) => {
    members.push(parent);
    present = parent >= 0 ? 1 : 0;
  };
  const child = (c: number) => {
    if (c < 0) return;
    members.push(c);
    present++;
  };
  const close = () => {
    if (present >= 2) starts.push(members.length);
    else members.length = starts[starts.length - 1];
  };
  const byDimension = (d: Dimension) => cats.flatMap(([dim], k) => (dim === d ? [k] : []));
  const breakdowns = [byDimension('family'), byDimension('section'), byDimension('size')];
  for (let t = 0; t < territories.length; t++)
    for (const ks of breakdowns) {
      open(slot[t * K]);
      for (const k of ks) child(slot[t * K + k]);
      close();
    }
  for (const nest of nestings) {
    const p = tIndex.get(nest.parent);
    if (p === undefined) continue;
    const kids = nest.children.flatMap((c) => tIndex.get(c) ?? []);
    for (let k = 0; k < K; k++) {
      open(slot[p * K + k]);
      for (const c of kids) child(slot[c * K + k]);
      close();
    }
  }
  const nEq = starts.length - 1;

  // Cell → equations, CSR as well.
  const degree = new Int32Array(n + 1);
  for (const m of members) if (m >= 0) degree[m + 1]++;
  for (let i = 0; i < n; i++) degree[i + 1] += degree[i];
  const eqOf = new Int32Array(degree[n]);
  const fill = degree.slice(0, n);
  for (let e = 0; e < nEq; e++)
    for (let j = starts[e]; j < starts[e + 1]; j++) {
      const m = members[j];
      if (m >= 0) eqOf[fill[m]++] = e;
    }

  const hidden = new Uint8Array(n); // 0 published, 1 primary, 2 secondary
  for (let i = 0; i < n; i++)
    if (primarySecret({ establishments: est[i], jobs: jobs[i], maxJobs: sumMax[cellSlot[i]] })) hidden[i] = 1;
  const count = new Int32Array(nEq);
  const queue: number[] = [];
  for (let e = 0; e < nEq; e++) {
    for (let j = starts[e]; j < starts[e + 1]; j++) if (members[j] >= 0 && hidden[members[j]]) count[e]++;
    if (count[e] === 1) queue.push(e);
  }
  let unresolved = 0;
  while (queue.length) {
    const e = queue.pop()!;
    if (count[e] !== 1) continue;
    let pick = -1;
    for (let j = starts[e] + 1; j < starts[e + 1]; j++) {
      const c = members[j];
      if (hidden[c]) continue;
      if (pick < 0 || est[c] < est[pick] || (est[c] === est[pick] && jobs[c] < jobs[pick])) pick = c;
    }
    if (pick < 0 && members[starts[e]] >= 0 && !hidden[members[starts[e]]]) pick = members[starts[e]];
    if (pick < 0) {
      unresolved++;
      continue;
    }
    hidden[pick] = 2;
    for (let j = degree[pick]; j < degree[pick + 1]; j++) if (++count[eqOf[j]] === 1) queue.push(eqOf[j]);
  }

  const result: HiddenCell[] = [];
  for (let i = 0; i < n; i++)
    if (hidden[i]) {
      const [dimension, category] = cats[cellSlot[i] % K];
      result.push({
        territory: territories[Math.floor(cellSlot[i] / K)],
        dimension,
        category,
        reason: hidden[i] === 1 ? 'primary' : 'secondary',
      });
    }
  return { hidden: result, cells: n, equations: nEq, unresolved };
}

function columnsOf(margins: Margin[]): MarginColumns {
  return {
    territory: margins.map((m) => m.territory),
    dimension: margins.map((m) => m.dimension),
    category: margins.map((m) => m.category),
    establishments: margins.map((m) => m.establishments),
    jobs: margins.map((m) => m.jobs),
    maxJobs: margins.map((m) => m.maxJobs),
  };
}

const nestingCache = new Map<string, { territories: string[]; nestings: Nesting[] }>();

/**
 * The territories a scope covers (sorted) and their exact nestings, from the territories reference: commune → EPCI,
 * commune → department, EPCIs (and communes outside any EPCI) → department when they partition it, department →
 * region, region → France. Only covered territories take part; the aggregates of a parent hold exactly the
 * establishments of its covered children, since only establishments inside the scope are imported.
 */
export function scopeNesting(scope: string) {
  const cached = nestingCache.get(scope);
  if (cached) return cached;
  const ref = loadReference();
  const inScope = scopeDepartments(scope);
  const wanted = inScope ? new Set(inScope) : null;
  const covered = [...ref.byCode.values()]
    .filter((t) => !wanted || Boolean(departmentsOf(t.code)?.every((d) => wanted.has(d))))
    .map((t) => t.code)
    .sort();
  const isCovered = new Set(covered);
  const depOf = (code: string) => ref.byCode.get(code)?.parents.find((p) => p.startsWith('dep:'));
  const communesOf = new Map<string, string[]>();
  const nestings: Nesting[] = [];
  for (const code of covered) {
    const t = ref.byCode.get(code)!;
    if (t.level !== 'commune') continue;
    for (const p of t.parents.filter((p) => p.startsWith('epci:') || p.startsWith('dep:'))) {
      const list = communesOf.get(p);
      if (list) list.push(code);
      else communesOf.set(p, [code]);
    }
  }
  for (const code of covered) {
    const t = ref.byCode.get(code)!;
    if (t.level === 'epci' || t.level === 'department') {
      const communes = communesOf.get(code) ?? [];
      if (communes.length) nestings.push({ parent: code, children: communes });
    }
    if (t.level === 'department') {
      // EPCIs listed under a department may straddle two: the department is their sum only when none does.
      const parts = (ref.children.get(code) ?? []).filter((c) => isCovered.has(c));
      const exact = parts.every(
        (p) => !p.startsWith('epci:') || (communesOf.get(p) ?? []).every((c) => depOf(c) === code),
      );
      const inParts = new Set(parts);
      const all = (communesOf.get(code) ?? []).every((c) => {
        const e = ref.byCode.get(c)!.parents[0];
        return inParts.has(e.startsWith('epci:') ? e : c);
      });
      if (exact && all && parts.length) nestings.push({ parent: code, children: parts });
    }
    if (t.level === 'region' || t.level === 'country') {
      const parts = (ref.children.get(code) ?? []).filter((c) => isCovered.has(c));
      if (parts.length) nestings.push({ parent: code, children: parts });
    }
  }
  const structure = { territories: covered, nestings };
  nestingCache.set(scope, structure);
  return structure;
}

/**
 * Margins of a snapshot's aggregates, per territory: the ESS total, families, sections, sizes, private, public (one
 * entry per aggregate row and dimension, not yet added up).
 */
export async function snapshotMargins(db: Db, snapshotId: number): Promise<MarginColumns> {
  // The aggregate rows as one JSON value, summed here: reading thousands of result rows one by one (or a GROUPING
  // SETS query) costs several times more than the sums themselves, on the embedded database above all.
  const result = await db.execute(sql`
    SELECT coalesce(json_agg(json_build_array(territory_code, family, naf_section, size_class, establishments,
      jobs_central, max_jobs)), '[]')::text AS rows
    FROM observatory_aggregates WHERE snapshot_id = ${snapshotId}`);
  return marginsOfAggregates(JSON.parse((result as unknown as { rows: { rows: string }[] }).rows[0].rows));
}

/** An aggregate row: territory, family, NAF section, size class, establishments, central jobs, largest unit's jobs. */
export type AggregateRow = [string, string, string, string, number, number, number];

/** The margins of aggregate rows (one entry per row and dimension: planSecrecy adds up those of the same cell). */
export function marginsOfAggregates(raw: Iterable<AggregateRow>): MarginColumns {
  const m: MarginColumns = {
    territory: [],
    dimension: [],
    category: [],
    establishments: [],
    jobs: [],
    maxJobs: [],
  };
  const push = (
    territory: string,
    dimension: Dimension,
    category: string,
    n: number,
    jobs: number,
    max: number,
  ) => {
    m.territory.push(territory);
    m.dimension.push(dimension);
    m.category.push(category);
    m.establishments.push(n);
    m.jobs.push(jobs);
    m.maxJobs.push(max);
  };
  for (const [t, family, section, size, n, jobs, max] of raw) {
    if (family === 'private' || family === 'public') {
      push(t, 'total', family, n, jobs, max);
      continue;
    }
    push(t, 'total', 'ess', n, jobs, max);
    push(t, 'family', family, n, jobs, max);
    push(t, 'section', section, n, jobs, max);
    push(t, 'size', size, n, jobs, max);
  }
  return m;
}

const textArray = (values: string[]) =>
  `{${values.map((v) => `"${v.replace(/["\\]/g, '\\$&')}"`).join(',')}}`;

async function storePlan(db: Db, snapshotId: number, hidden: HiddenCell[]) {
  const [snapshot] = await db
    .select({ status: observatorySnapshots.status })
    .from(observatorySnapshots)
    .where(eq(observatorySnapshots.id, snapshotId));
  if (!snapshot) return;
  const planned = () =>
    db
      .update(observatorySnapshots)
      .set({ secrecyPlannedAt: new Date() })
      .where(eq(observatorySnapshots.id, snapshotId));
  if (snapshot.status === 'loading') {
    // Not visible yet, and written by its import only: replace the rows with one COPY (the fast path).
    await db.execute(sql`DELETE FROM observatory_secret_cells WHERE snapshot_id = ${snapshotId}`);
    await bulkWriter(db)(
      'observatory_secret_cells',
      secretCellColumns,
      hidden.map((h) => [snapshotId, h.territory, h.dimension, h.category, h.reason]),
    );
    await planned();
    return;
  }
  // A snapshot already read by pages: swap the rows in one transaction; another reader planning it at the same
  // time writes the same rows (the plan is deterministic), hence ON CONFLICT DO NOTHING.
  const column = (f: (h: HiddenCell) => string) => textArray(hidden.map(f));
  await db.transaction(async (tx) => {
    await tx.execute(sql`DELETE FROM observatory_secret_cells WHERE snapshot_id = ${snapshotId}`);
    await tx.execute(sql`
      INSERT INTO observatory_secret_cells (snapshot_id, territory_code, dimension, category, reason)
      SELECT ${snapshotId}, * FROM unnest(${column((h) => h.territory)}::text[], ${column((h) => h.dimension)}::text[],
        ${column((h) => h.category)}::text[], ${column((h) => h.reason)}::text[])
      ON CONFLICT DO NOTHING`);
    await tx
      .update(observatorySnapshots)
      .set({ secrecyPlannedAt: new Date() })
      .where(eq(observatorySnapshots.id, snapshotId));
  });
}

const inFlight = new WeakMap<Db, Map<number, Promise<PlanSummary>>>();
export type PlanSummary = {
  cells: number;
  equations: number;
  primary: number;
  secondary: number;
  unresolved: number;
  seconds: number;
};

/**
 * Decides and stores the secrecy of every published cell of a snapshot (observatory_secret_cells), replacing what
 * was stored, and marks the snapshot as planned. Run by the import after the aggregates, before the swap; run again
 * on a snapshot imported before secrecy plans existed, the first time it is read (once per process at a time).
 */
export function protectSnapshot(db: Db, snapshotId: number, scope: string): Promise<PlanSummary> {
  const runs = inFlight.get(db) ?? new Map<number, Promise<PlanSummary>>();
  inFlight.set(db, runs);
  const running = runs.get(snapshotId);
  if (running) return running;
  const run = (async () => {
    const started = performance.now();
    const margins = await snapshotMargins(db, snapshotId);
    const { territories, nestings } = scopeNesting(scope);
    const plan = planSecrecy(margins, territories, nestings);
    await storePlan(db, snapshotId, plan.hidden);
    const primary = plan.hidden.filter((h) => h.reason === 'primary').length;
    return {
      cells: plan.cells,
      equations: plan.equations,
      primary,
      secondary: plan.hidden.length - primary,
      unresolved: plan.unresolved,
      seconds: (performance.now() - started) / 1000,
    };
  })().finally(() => runs.delete(snapshotId));
  runs.set(snapshotId, run);
  return run;
}
