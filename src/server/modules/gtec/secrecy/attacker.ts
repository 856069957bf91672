import type { Wave } from './model.ts';

// The attacker: for each hidden cell, the smallest and largest values consistent with everything published. Every
// relation parent = Σ children becomes one equality over its hidden cells (published cells are constants), every
// hidden cell a variable ≥ 0; min and max of each variable are linear programs (HiGHS). An insider — a company of the
// cell — also knows its own amounts: its hidden cells are then ≥ its own contribution (it subtracts itself).
//
// Cost control (README.md, "Cost"): hidden cells split into independent blocks (connected through relations with
// hidden cells: a block's LP involves only its own variables and rows); one persistent model per block, re-solved
// with another objective from the previous basis; each solution is a feasible point for every variable of the block,
// so a variable found at a bound that no LP can pass (0, its insider's amount, or the residual of an all-positive
// row) has that min or max proved without its own LP; an insider whose lower bounds the external optimum already
// satisfies gets the same optimum without an LP. Blocks whose cell set did not change keep their result.

export type Interval = { min: number; max: number };
export type InsiderInterval = Interval & { rank: number };
export type BlockResult = { intervals: Map<number, Interval>; insiders: Map<number, InsiderInterval[]> };
export type AttackStats = { lps: number; proved: number; blocks: number; largestBlock: number };

type Highs = Awaited<ReturnType<typeof import('highs')['default']>>;
let loaded: Promise<Highs> | null = null;
/** The HiGHS solver (WebAssembly), loaded once per process. */
export function loadHighs() {
  loaded ??= import('highs').then((m) => m.default());
  return loaded;
}

const EPS = 1e-7;

/** Relations as signed member lists (parent +1, children −1), built once per wave. */
export function relationRows(wave: Wave) {
  const starts = [0];
  const members: number[] = [];
  const coefs: number[] = [];
  for (const r of wave.relations) {
    members.push(r.parent);
    coefs.push(1);
    for (const c of r.children) {
      members.push(c);
      coefs.push(-1);
    }
    starts.push(members.length);
  }
  return { starts, members, coefs };
}
export type Rows = ReturnType<typeof relationRows>;

/** Hidden cells grouped in independent blocks (sorted cell indexes), with the rows that touch each block. */
export function blocksOf(wave: Wave, rows: Rows, hidden: Uint8Array) {
  const n = wave.cells.length;
  const up = new Int32Array(n).map((_, i) => i);
  const find = (i: number): number => {
    while (up[i] !== i) {
      up[i] = up[up[i]];
      i = up[i];
    }
    return i;
  };
  const touched: number[] = [];
  for (let r = 0; r + 1 < rows.starts.length; r++) {
    let first = -1;
    for (let j = rows.starts[r]; j < rows.starts[r + 1]; j++) {
      const m = rows.members[j];
      if (!hidden[m]) continue;
      if (first < 0) first = m;
      else up[find(m)] = find(first);
    }
    if (first >= 0) touched.push(r);
  }
  const byRoot = new Map<number, { cells: number[]; rows: number[] }>();
  for (let i = 0; i < n; i++)
    if (hidden[i]) {
      const root = find(i);
      const b = byRoot.get(root);
      if (b) b.cells.push(i);
      else byRoot.set(root, { cells: [i], rows: [] });
    }
  for (const r of touched) {
    for (let j = rows.starts[r]; j < rows.starts[r + 1]; j++)
      if (hidden[rows.members[j]]) {
        byRoot.get(find(rows.members[j]))!.rows.push(r);
        break;
      }
  }
  return [...byRoot.values()];
}

/** Insiders to simulate for a cell: its contributor ranks (0 = largest). */
export type Targets = Map<number, number[]>;

/**
 * Intervals of every cell of one block, and for each target cell of the block the interval its insiders find.
 */
export function attackBlock(
  highs: Highs,
  wave: Wave,
  rows: Rows,
  hidden: Uint8Array,
  block: { cells: number[]; rows: number[] },
  targets: Targets,
  stats: AttackStats,
): BlockResult {
  const { cells } = block;
  const n = cells.length;
  const local = new Map(cells.map((c, k) => [c, k]));
  const starts = [0];
  const indices: number[] = [];
  const values: number[] = [];
  const rhs: number[] = [];
  const ub = new Float64Array(n).fill(Number.POSITIVE_INFINITY);
  const lb = new Float64Array(n);
  for (const r of block.rows) {
    let b = 0;
    let pos = 0;
    let neg = 0;
    const from = indices.length;
    for (let j = rows.starts[r]; j < rows.starts[r + 1]; j++) {
      const m = rows.members[j];
      const a = rows.coefs[j];
      if (hidden[m]) {
        indices.push(local.get(m)!);
        values.push(a);
        if (a > 0) pos++;
        else neg++;
      } else b -= a * wave.cells[m].value;
    }
    rhs.push(b);
    starts.push(indices.length);
    // Bounds no LP can pass: an all-positive (all-negative) row caps each of its variables at its right-hand side;
    // a lone positive (negative) variable against non-negative others is at least the right-hand side (its opposite).
    for (let j = from; j < indices.length; j++) {
      const k = indices[j];
      if (neg === 0) ub[k] = Math.min(ub[k], b);
      if (pos === 0) ub[k] = Math.min(ub[k], -b);
      if (values[j] > 0 && pos === 1) lb[k] = Math.max(lb[k], b);
      if (values[j] < 0 && neg === 1) lb[k] = Math.max(lb[k], -b);
    }
  }
  const m = rhs.length;
  const model = highs.createModel({
    numCols: n,
    numRows: m,
    colCost: new Float64Array(n),
    colLower: new Float64Array(n),
    colUpper: new Float64Array(n).fill(highs.infinity),
    rowLower: rhs,
    rowUpper: rhs,
    matrix: { format: 'csr', numRows: m, numCols: n, starts, indices, values },
  });
  try {
    model.options.set({ output_flag: false, presolve: 'off', solver: 'simplex' });
    const { maximize, minimize } = highs.constants.objectiveSense;
    /** Optimum of ± x_k (null: unbounded) and the solution reached. */
    const solve = (k: number, sense: 'min' | 'max') => {
      model.changeObjectiveSense(sense === 'max' ? maximize : minimize);
      model.changeColCost(k, 1);
      const status = model.run().modelStatus;
      stats.lps++;
      // Read before the cost is reset: changing the model clears its status.
      const x = status === highs.constants.modelStatus.optimal ? model.getSolution().colValue : null;
      model.changeColCost(k, 0);
      if (status === highs.constants.modelStatus.unbounded) return null;
      if (!x) throw new Error(`secrecy attacker: LP status ${status} for cell ${wave.cells[cells[k]].key}`);
      return x;
    };

    const min = new Float64Array(n).fill(Number.NaN);
    const max = new Float64Array(n).fill(Number.NaN);
    const minAt: (Float64Array | null)[] = new Array(n).fill(null);
    const maxAt: (Float64Array | null)[] = new Array(n).fill(null);
    const learn = (x: Float64Array) => {
      for (let k = 0; k < n; k++) {
        if (Number.isNaN(max[k]) && x[k] >= ub[k] - EPS) {
          max[k] = ub[k];
          maxAt[k] = x;
          stats.proved++;
        }
        if (Number.isNaN(min[k]) && x[k] <= lb[k] + EPS) {
          min[k] = lb[k];
          minAt[k] = x;
          stats.proved++;
        }
      }
    };
    for (let k = 0; k < n; k++) {
      if (Number.isNaN(max[k])) {
        const x = solve(k, 'max');
        if (x) {
          max[k] = x[k];
          maxAt[k] = x;
          learn(x);
        } else max[k] = Number.POSITIVE_INFINITY;
      }
      if (Number.isNaN(min[k])) {
        const x = solve(k, 'min')!;
        min[k] = x[k];
        minAt[k] = x;
        learn(x);
      }
    }
    const intervals = new Map<number, Interval>();
    for (let k = 0; k < n; k++) intervals.set(cells[k], { min: round(min[k]), max: round(max[k]) });

    // Insiders: the same LP with the insider's own amounts as lower bounds.
    const insiders = new Map<number, InsiderInterval[]>();
    const wanted = new Set<string>();
    for (let k = 0; k < n; k++)
      for (const rank of targets.get(cells[k]) ?? []) {
        const c = wave.cells[cells[k]].contributors[rank];
        if (c) wanted.add(c.company);
      }
    const owned = new Map<string, [number, number][]>();
    if (wanted.size)
      for (let v = 0; v < n; v++)
        for (const c of wave.cells[cells[v]].contributors) {
          if (!wanted.has(c.company)) continue;
          const list = owned.get(c.company);
          if (list) list.push([v, c.amount]);
          else owned.set(c.company, [[v, c.amount]]);
        }
    for (let k = 0; k < n; k++) {
      const ranks = targets.get(cells[k]);
      if (!ranks?.length) continue;
      const list: InsiderInterval[] = [];
      for (const rank of ranks) {
        const company = wave.cells[cells[k]].contributors[rank]?.company;
        if (company === undefined) continue;
        const own = owned.get(company)!;
        const fits = (x: Float64Array | null) => x !== null && own.every(([v, a]) => x[v] >= a - EPS);
        let lo = min[k];
        let hi = max[k];
        const needMin = !fits(minAt[k]);
        const needMax = Number.isFinite(hi) && !fits(maxAt[k]);
        if (needMin || needMax) {
          for (const [v, a] of own) model.changeColBounds(v, a, highs.infinity);
          if (needMin) lo = solve(k, 'min')![k];
          if (needMax) hi = solve(k, 'max')?.[k] ?? Number.POSITIVE_INFINITY;
          for (const [v] of own) model.changeColBounds(v, 0, highs.infinity);
        }
        list.push({ rank, min: round(lo), max: round(hi) });
      }
      insiders.set(cells[k], list);
    }
    return { intervals, insiders };
  } finally {
    model.dispose();
  }
}

/** LP optima of integer data are rational: snap what is within solver tolerance of an integer. */
function round(x: number) {
  const r = Math.round(x);
  return Math.abs(x - r) < 1e-6 ? r : x;
}
