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
// Blocks above `exactLimit` cells are checked with batched LPs instead (inner intervals, see `check`).

export type Interval = { min: number; max: number };
export type InsiderInterval = Interval & { rank: number };
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

/** Bounds no LP can pass, from each row alone, for every hidden cell: [lower, upper]. */
export function trivialBounds(wave: Wave, rows: Rows, hidden: Uint8Array) {
  const n = wave.cells.length;
  const lb = new Float64Array(n);
  const ub = new Float64Array(n).fill(Number.POSITIVE_INFINITY);
  for (let r = 0; r + 1 < rows.starts.length; r++) {
    let b = 0;
    let pos = 0;
    let neg = 0;
    for (let j = rows.starts[r]; j < rows.starts[r + 1]; j++) {
      const m = rows.members[j];
      if (hidden[m]) rows.coefs[j] > 0 ? pos++ : neg++;
      else b -= rows.coefs[j] * wave.cells[m].value;
    }
    if (pos + neg === 0) continue;
    // An all-positive (all-negative) row caps each of its variables at its right-hand side (its opposite); a lone
    // positive (negative) variable against non-negative others is at least the right-hand side (its opposite).
    for (let j = rows.starts[r]; j < rows.starts[r + 1]; j++) {
      const k = rows.members[j];
      if (!hidden[k]) continue;
      if (neg === 0) ub[k] = Math.min(ub[k], b);
      if (pos === 0) ub[k] = Math.min(ub[k], -b);
      if (rows.coefs[j] > 0 && pos === 1) lb[k] = Math.max(lb[k], b);
      if (rows.coefs[j] < 0 && neg === 1) lb[k] = Math.max(lb[k], -b);
    }
  }
  return { lb, ub };
}

/**
 * The LP over the hidden cells `free` (variables ≥ 0) and the rows `rowList`: published cells are constants, and so
 * are hidden cells outside `free`, at their true value (then every solution is a point the attacker cannot rule
 * out, and the optima are inner bounds of the full attacker's interval).
 */
function lpOf(highs: Highs, wave: Wave, rows: Rows, hidden: Uint8Array, free: number[], rowList: number[]) {
  const local = new Map(free.map((c, k) => [c, k]));
  const starts = [0];
  const indices: number[] = [];
  const values: number[] = [];
  const rhs: number[] = [];
  for (const r of rowList) {
    let b = 0;
    for (let j = rows.starts[r]; j < rows.starts[r + 1]; j++) {
      const m = rows.members[j];
      const k = hidden[m] ? local.get(m) : undefined;
      if (k !== undefined) {
        indices.push(k);
        values.push(rows.coefs[j]);
      } else b -= rows.coefs[j] * wave.cells[m].value;
    }
    rhs.push(b);
    starts.push(indices.length);
  }
  const n = free.length;
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
  model.options.set({ output_flag: false, presolve: 'off', solver: 'simplex' });
  return model;
}

/**
 * What the attacker can infer about the hidden cells, kept across the rounds of one plan: hiding more cells only
 * widens what is consistent with the published ones, so a point found once stays a valid witness.
 */
export class Attacker {
  readonly stats: AttackStats = { lps: 0, proved: 0, blocks: 0, largestBlock: 0 };
  readonly min = new Map<number, number>();
  readonly max = new Map<number, number>();
  /** Cells whose interval is the attacker's exact one (else: an inner bound, the exact one is at least as wide). */
  readonly exact = new Set<number>();
  readonly insiders = new Map<number, InsiderInterval[]>();
  /**
   * Sensitive cells already shown protected: hiding more cells only widens what the attacker cannot rule out, so
   * they stay protected and large blocks do not attack them again (their intervals still widen with new points).
   */
  readonly settled = new Set<number>();
  private readonly rowsOf: number[][];
  private readonly done = new Set<string>();

  constructor(
    private readonly highs: Highs,
    private readonly wave: Wave,
    private readonly rows: Rows,
    private readonly targets: Targets,
    /** Blocks up to this many hidden cells get one LP per cell over the whole block (exact). */
    private readonly exactLimit: number,
    /** The half-width each sensitive cell's interval must reach beyond (< 0: not sensitive). */
    private readonly need: Float64Array,
    private readonly protection: number,
  ) {
    this.rowsOf = Array.from({ length: wave.cells.length }, () => []);
    for (let r = 0; r + 1 < rows.starts.length; r++)
      for (let j = rows.starts[r]; j < rows.starts[r + 1]; j++) this.rowsOf[rows.members[j]].push(r);
  }

  /** Attacks every block of the current mask whose cell set changed since the last run. */
  run(hidden: Uint8Array) {
    const blocks = blocksOf(this.wave, this.rows, hidden);
    this.stats.blocks = blocks.length;
    this.stats.largestBlock = Math.max(this.stats.largestBlock, ...blocks.map((b) => b.cells.length));
    const { lb, ub } = trivialBounds(this.wave, this.rows, hidden);
    for (const block of blocks) {
      const key = block.cells.join(',');
      if (this.done.has(key)) continue;
      this.done.add(key);
      if (block.cells.length <= this.exactLimit)
        this.solve(hidden, block.cells, block.rows, block.cells, lb, ub, true);
      else this.check(hidden, block, lb, ub);
    }
  }

  /**
   * A large block: instead of two LPs per cell, LPs that push many cells at once (maximise, then minimise, the sum of
   * the sensitive cells not yet shown to move enough, each weighted by 1 / its margin); every solution is a point
   * the attacker cannot rule out, so it proves the margin of each cell it moves far enough, and widens every cell's
   * interval (an inner bound, exact when it reaches a bound no LP can pass). The sensitive cells left unproven then
   * get their own LP (exact in that direction), and so do their insiders.
   */
  private check(
    hidden: Uint8Array,
    block: { cells: number[]; rows: number[] },
    lb: Float64Array,
    ub: Float64Array,
  ) {
    const { highs, wave, stats } = this;
    const { cells } = block;
    const model = lpOf(highs, wave, this.rows, hidden, cells, block.rows);
    const n = cells.length;
    const points: Float64Array[] = [];
    const run = (sense: 'min' | 'max', cost: Float64Array) => {
      model.changeObjectiveSense(highs.constants.objectiveSense[sense === 'max' ? 'maximize' : 'minimize']);
      model.changeColsCost({ kind: 'range', from: 0, to: n - 1 }, cost);
      const status = model.run().modelStatus;
      stats.lps++;
      if (status === highs.constants.modelStatus.unbounded) return null;
      if (status !== highs.constants.modelStatus.optimal)
        throw new Error(`secrecy attacker: LP status ${status}`);
      const x = model.getSolution().colValue;
      points.push(x);
      cells.forEach((c, k) => {
        this.max.set(c, Math.max(this.max.get(c) ?? wave.cells[c].value, x[k]));
        this.min.set(c, Math.min(this.min.get(c) ?? wave.cells[c].value, x[k]));
      });
      return x;
    };
    const one = (k: number) => {
      const cost = new Float64Array(n);
      cost[k] = 1;
      return cost;
    };
    const sensitive = cells.map((c, k) => [c, k]).filter(([c]) => this.need[c] >= 0 && !this.settled.has(c));
    const up = new Set(sensitive.map(([, k]) => k));
    const down = new Set(up);
    const value = (k: number) => wave.cells[cells[k]].value;
    const reached = () => {
      for (const k of up) if (this.max.get(cells[k])! >= value(k) + this.need[cells[k]]) up.delete(k);
      for (const k of down) if (this.min.get(cells[k])! <= value(k) - this.need[cells[k]]) down.delete(k);
    };
    try {
      for (let batch = 0; batch < 12 && (up.size || down.size); batch++) {
        const before = up.size + down.size;
        for (const [set, sense] of [
          [up, 'max'],
          [down, 'min'],
        ] as const) {
          if (!set.size) continue;
          const cost = new Float64Array(n);
          for (const k of set) cost[k] = 1 / Math.max(1, this.need[cells[k]]);
          if (!run(sense, cost))
            for (const k of set) if (!run('max', one(k))) this.max.set(cells[k], Infinity);
          reached();
        }
        if (up.size + down.size === before) break;
      }
      // What the batches could not show: one LP per cell and direction, exact in that direction.
      const exactUp = new Set(up);
      const exactDown = new Set(down);
      for (const k of up) if (!run('max', one(k))) this.max.set(cells[k], Number.POSITIVE_INFINITY);
      for (const k of down) run('min', one(k));
      cells.forEach((c, k) => {
        this.max.set(c, round(this.max.get(c)!));
        this.min.set(c, round(this.min.get(c)!));
        const hi = exactUp.has(k) || this.max.get(c)! >= ub[c] - EPS;
        const lo = exactDown.has(k) || this.min.get(c)! <= lb[c] + EPS;
        if (hi && lo) this.exact.add(c);
        else this.exact.delete(c);
      });
      // Insiders. Points where every cell keeps at least its largest company's amount respect every insider's own
      // amounts at once: batches of those first (they push the insiders' cells), then the points found so far.
      const insiderCells = sensitive.filter(([c]) => this.targets.has(c));
      const margin = (c: number, rank: number) =>
        this.protection * (wave.cells[c].value - wave.cells[c].contributors[rank].amount);
      const hardest = (c: number) => Math.max(...this.targets.get(c)!.map((rank) => margin(c, rank)));
      const floor = Float64Array.from(cells, (c) => wave.cells[c].contributors[0].amount);
      const common: Float64Array[] = [];
      if (insiderCells.length) {
        model.changeColsBounds(
          { kind: 'range', from: 0, to: n - 1 },
          floor,
          new Float64Array(n).fill(highs.infinity),
        );
        const iu = new Set(insiderCells.map(([, k]) => k));
        const id = new Set(iu);
        for (let batch = 0; batch < 12 && (iu.size || id.size); batch++) {
          const before = iu.size + id.size;
          for (const [set, sense] of [
            [iu, 'max'],
            [id, 'min'],
          ] as const) {
            if (!set.size) continue;
            const cost = new Float64Array(n);
            for (const k of set) cost[k] = 1 / Math.max(1, hardest(cells[k]));
            const x = run(sense, cost);
            if (!x) break;
            common.push(x);
            for (const k of [...set]) {
              const v = value(k);
              const h = hardest(cells[k]);
              if (sense === 'max' ? x[k] >= v + h : x[k] <= v - h) set.delete(k);
            }
          }
          if (iu.size + id.size === before) break;
        }
        model.changeColsBounds(
          { kind: 'range', from: 0, to: n - 1 },
          new Float64Array(n),
          new Float64Array(n).fill(highs.infinity),
        );
      }
      for (const [c, k] of sensitive) {
        const ranks = this.targets.get(c);
        if (!ranks) continue;
        const v = value(k);
        const list: InsiderInterval[] = [];
        for (const rank of ranks) {
          const own = this.ownAmounts(c, rank, cells);
          const margin = this.protection * (v - wave.cells[c].contributors[rank].amount);
          let lo = Math.min(v, ...common.map((x) => x[k]));
          let hi = Math.max(v, ...common.map((x) => x[k]));
          // Between the true table and a point found, every table is consistent with the published cells; the
          // insider rules out those where one of its own cells falls below its amount: go as far as it allows.
          for (const x of points) {
            let t = 1;
            for (const [j, a] of own) {
              const vj = wave.cells[cells[j]].value;
              if (x[j] < a - EPS) t = Math.min(t, (vj - a) / (vj - x[j]));
            }
            const z = v + t * (x[k] - v);
            lo = Math.min(lo, z);
            hi = Math.max(hi, z);
          }
          if (lo > v - margin || hi < v + margin) {
            for (const [j, a] of own) model.changeColBounds(j, a, highs.infinity);
            const before = points.length;
            if (lo > v - margin) lo = run('min', one(k))![k];
            if (hi < v + margin) hi = run('max', one(k))?.[k] ?? Number.POSITIVE_INFINITY;
            points.length = before; // those points respect this insider's bounds only
            for (const [j] of own) model.changeColBounds(j, 0, highs.infinity);
          }
          list.push({ rank, min: round(lo), max: round(hi) });
        }
        this.insiders.set(c, list);
      }
    } finally {
      model.dispose();
    }
  }

  /** The insider's own amounts among `cells` (local indexes). */
  private ownAmounts(c: number, rank: number, cells: number[]): [number, number][] {
    const company = this.wave.cells[c].contributors[rank].company;
    const own: [number, number][] = [];
    cells.forEach((f, j) => {
      const a = this.wave.cells[f].contributors.find((x) => x.company === company)?.amount;
      if (a) own.push([j, a]);
    });
    return own;
  }

  /** Min and max of each cell of `goals` over the LP of `free` (every cell of `free` learns from the solutions). */
  private solve(
    hidden: Uint8Array,
    free: number[],
    rowList: number[],
    goals: number[],
    lb: Float64Array,
    ub: Float64Array,
    exact: boolean,
  ) {
    const { highs, wave, stats } = this;
    const model = lpOf(highs, wave, this.rows, hidden, free, rowList);
    const local = new Map(free.map((c, k) => [c, k]));
    const { maximize, minimize } = highs.constants.objectiveSense;
    const optimal = highs.constants.modelStatus.optimal;
    const unbounded = highs.constants.modelStatus.unbounded;
    /** The solution of max or min x_k (null when unbounded). */
    const optimum = (k: number, sense: 'min' | 'max') => {
      model.changeObjectiveSense(sense === 'max' ? maximize : minimize);
      model.changeColCost(k, 1);
      const status = model.run().modelStatus;
      stats.lps++;
      // Read before the cost is reset: changing the model clears its status.
      const x = status === optimal ? model.getSolution().colValue : null;
      model.changeColCost(k, 0);
      if (!x && status !== unbounded)
        throw new Error(`secrecy attacker: LP status ${status} for cell ${wave.cells[free[k]].key}`);
      return x;
    };
    const maxOk = new Set<number>();
    const minOk = new Set<number>();
    const minAt = new Map<number, Float64Array>();
    const maxAt = new Map<number, Float64Array>();
    const learn = (x: Float64Array) => {
      free.forEach((c, k) => {
        const v = x[k];
        if (v > (this.max.get(c) ?? wave.cells[c].value)) {
          this.max.set(c, v);
          maxAt.set(c, x);
        }
        if (v < (this.min.get(c) ?? wave.cells[c].value)) {
          this.min.set(c, v);
          minAt.set(c, x);
        }
        if (!maxOk.has(c) && v >= ub[c] - EPS) {
          maxOk.add(c);
          maxAt.set(c, x);
          if (!goals.includes(c) || goals.length > 1) stats.proved++;
        }
        if (!minOk.has(c) && v <= lb[c] + EPS) {
          minOk.add(c);
          minAt.set(c, x);
          if (!goals.includes(c) || goals.length > 1) stats.proved++;
        }
      });
    };
    try {
      for (const c of goals) {
        const k = local.get(c)!;
        if (!maxOk.has(c)) {
          const x = optimum(k, 'max');
          if (x) {
            learn(x);
            maxAt.set(c, x);
          } else this.max.set(c, Number.POSITIVE_INFINITY);
          maxOk.add(c);
        }
        if (!minOk.has(c)) {
          const x = optimum(k, 'min')!;
          learn(x);
          minAt.set(c, x);
          minOk.add(c);
        }
        this.max.set(c, round(this.max.get(c) ?? wave.cells[c].value));
        this.min.set(c, round(this.min.get(c) ?? wave.cells[c].value));
        const atBounds = this.max.get(c)! >= ub[c] - EPS && this.min.get(c)! <= lb[c] + EPS;
        if (exact || atBounds) this.exact.add(c);
        else this.exact.delete(c);
        const ranks = this.targets.get(c);
        if (ranks)
          this.insiders.set(c, this.insiderIntervals(c, k, ranks, free, model, optimum, minAt, maxAt));
      }
    } finally {
      model.dispose();
    }
  }

  /** The same optima with the insider's own amounts as lower bounds (no LP when the outsider's optimum fits). */
  private insiderIntervals(
    c: number,
    k: number,
    ranks: number[],
    free: number[],
    model: ReturnType<Highs['createModel']>,
    optimum: (k: number, sense: 'min' | 'max') => Float64Array | null,
    minAt: Map<number, Float64Array>,
    maxAt: Map<number, Float64Array>,
  ): InsiderInterval[] {
    const { wave, highs } = this;
    const list: InsiderInterval[] = [];
    for (const rank of ranks) {
      const company = wave.cells[c].contributors[rank]?.company;
      if (company === undefined) continue;
      const own: [number, number][] = [];
      free.forEach((f, v) => {
        const a = wave.cells[f].contributors.find((x) => x.company === company)?.amount;
        if (a) own.push([v, a]);
      });
      const fits = (x: Float64Array | undefined) => x !== undefined && own.every(([v, a]) => x[v] >= a - EPS);
      let lo = this.min.get(c)!;
      let hi = this.max.get(c)!;
      const needMin = lo < wave.cells[c].value && !fits(minAt.get(c));
      const needMax = Number.isFinite(hi) && hi > wave.cells[c].value && !fits(maxAt.get(c));
      if (needMin || needMax) {
        for (const [v, a] of own) model.changeColBounds(v, a, highs.infinity);
        if (needMin) lo = optimum(k, 'min')![k];
        if (needMax) hi = optimum(k, 'max')?.[k] ?? Number.POSITIVE_INFINITY;
        for (const [v] of own) model.changeColBounds(v, 0, highs.infinity);
      }
      list.push({ rank, min: round(lo), max: round(hi) });
    }
    return list;
  }
}

/** LP optima of integer data are rational: snap what is within solver tolerance of an integer. */
function round(x: number) {
  const r = Math.round(x);
  return Math.abs(x - r) < 1e-6 ? r : x;
}
