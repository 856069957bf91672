import { eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { essFamilies } from '../company-identity/ess-family.ts';
import { loadReference } from '../territories/territories.data.ts';
import { sizeClasses } from './estimates.ts';
import { nafSections } from './naf-sections.ts';
import { observatorySnapshots } from './observatory.tables.ts';
import { departmentsOf, scopeDepartments } from './scope.ts';
import { primarySecret } from './secrecy.ts';

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

/**
 * The cells to hide among `margins` (only those of `territories`), so that in every relation — a territory's ESS
 * total = Σ families = Σ sections = Σ sizes, and each nesting for every category — no hidden cell stands alone.
 * `unresolved` counts equations left with one hidden cell because no other non-zero cell existed (inconsistent data).
 */
export function planSecrecy(margins: Margin[], territories: string[], nestings: Nesting[]) {
  const tIndex = new Map(territories.map((t, i) => [t, i]));
  const catIndex = new Map(standardCategories.map(([d, c], k) => [`${d}:${c}`, k]));
  const cats = [...standardCategories];
  const rowKey = new Int32Array(margins.length);
  margins.forEach((m, r) => {
    const key = `${m.dimension}:${m.category}`;
    let k = catIndex.get(key);
    if (k === undefined) {
      k = cats.push([m.dimension, m.category]) - 1;
      catIndex.set(key, k);
    }
    rowKey[r] = k;
  });
  const K = cats.length;
  // Dense (territory × category) → margin row, then cells numbered in that order (deterministic tie-breaks).
  const slot = new Int32Array(territories.length * K).fill(-1);
  margins.forEach((m, r) => {
    const t = tIndex.get(m.territory);
    if (t !== undefined && m.establishments > 0) slot[t * K + rowKey[r]] = r;
  });
  const cellRow: number[] = [];
  for (let s = 0; s < slot.length; s++)
    if (slot[s] >= 0) {
      const r = slot[s];
      slot[s] = cellRow.length;
      cellRow.push(r);
    }
  const n = cellRow.length;
  const est = new Float64Array(n);
  const jobs = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    est[i] = margins[cellRow[i]].establishments;
    jobs[i] = margins[cellRow[i]].jobs;
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
  for (let i = 0; i < n; i++) {
    const m = margins[cellRow[i]];
    if (primarySecret({ establishments: m.establishments, jobs: m.jobs, maxJobs: m.maxJobs })) hidden[i] = 1;
  }
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
      const m = margins[cellRow[i]];
      result.push({
        territory: m.territory,
        dimension: m.dimension,
        category: m.category,
        reason: hidden[i] === 1 ? 'primary' : 'secondary',
      });
    }
  return { hidden: result, cells: n, equations: nEq, unresolved };
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

/** Margins of a snapshot's aggregates: per territory, the ESS total, families, sections, sizes, private, public. */
export async function snapshotMargins(db: Db, snapshotId: number): Promise<Margin[]> {
  const result = await db.execute(sql`
    SELECT territory_code AS territory,
      CASE WHEN GROUPING(family) = 0 THEN 'family' WHEN GROUPING(naf_section) = 0 THEN 'section'
        WHEN GROUPING(size_class) = 0 THEN 'size' ELSE 'total' END AS dimension,
      coalesce(family, naf_section, size_class, grp) AS category,
      sum(establishments)::int AS establishments, sum(jobs_central)::float8 AS jobs,
      max(max_jobs)::float8 AS "maxJobs"
    FROM (SELECT *, CASE WHEN family IN ('private', 'public') THEN family ELSE 'ess' END AS grp
      FROM observatory_aggregates WHERE snapshot_id = ${snapshotId}) a
    GROUP BY GROUPING SETS ((territory_code, grp), (territory_code, grp, family), (territory_code, grp, naf_section),
      (territory_code, grp, size_class))
    HAVING grp = 'ess' OR GROUPING(family, naf_section, size_class) = 7`);
  return (result as unknown as { rows: Margin[] }).rows;
}

/**
 * Decides and stores the secrecy of every published cell of a snapshot (observatory_secret_cells), replacing what
 * was stored, and marks the snapshot as planned. Run by the import after the aggregates, before the swap; run again
 * on a snapshot imported before secrecy plans existed, the first time it is read.
 */
export async function protectSnapshot(db: Db, snapshotId: number, scope: string) {
  const started = performance.now();
  const margins = await snapshotMargins(db, snapshotId);
  const { territories, nestings } = scopeNesting(scope);
  const plan = planSecrecy(margins, territories, nestings);
  await db.transaction(async (tx) => {
    await tx.execute(sql`DELETE FROM observatory_secret_cells WHERE snapshot_id = ${snapshotId}`);
    for (let i = 0; i < plan.hidden.length; i += 20_000) {
      const rows = plan.hidden
        .slice(i, i + 20_000)
        .map((h) => ({ t: h.territory, d: h.dimension, c: h.category, r: h.reason }));
      await tx.execute(sql`
        INSERT INTO observatory_secret_cells (snapshot_id, territory_code, dimension, category, reason)
        SELECT ${snapshotId}, t, d, c, r FROM json_to_recordset(${JSON.stringify(rows)}::json)
          AS x(t text, d text, c text, r text)
        ON CONFLICT DO NOTHING`);
    }
    await tx
      .update(observatorySnapshots)
      .set({ secrecyPlannedAt: new Date() })
      .where(eq(observatorySnapshots.id, snapshotId));
  });
  const primary = plan.hidden.filter((h) => h.reason === 'primary').length;
  return {
    cells: plan.cells,
    equations: plan.equations,
    primary,
    secondary: plan.hidden.length - primary,
    unresolved: plan.unresolved,
    seconds: (performance.now() - started) / 1000,
  };
}
