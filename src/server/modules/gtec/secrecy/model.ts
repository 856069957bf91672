// The published tables of a survey wave, as one set of cells and the linear relations between them (see README.md).
// A dimension is a hierarchy of levels under an implicit total ('*'): occupation → ROME domain → total, commune →
// EPCI → total, age band → total. A table names the level it shows of each dimension it crosses (the others are at
// their total) and brings with it every coarser combination: its margins (totals over one dimension) and its
// subtotals (nestings). Tables of one wave share cells (the age pyramid of the network is a margin of every table
// crossing age), so cells are identified by their coordinates, not by their table. A cell's value is the sum of its
// companies' contributions; a cell no company contributes to is empty, published as 0, and not materialised.

export const TOTAL = '*';

export type Dimension = {
  name: string;
  /** Level names, coarsest first (the total is implicit), e.g. ['domain', 'occupation']. */
  levels: string[];
  /** Each code of a level below the first → its code one level up, e.g. { M1607: 'M' }. */
  parent?: Record<string, string>;
};
/** A published table: dimension name → the level shown; dimensions not named are at their total. */
export type TableSpec = { name: string; by: Record<string, string> };
export type Schema = { dimensions: Dimension[]; tables: TableSpec[] };
/** One company's amount (an integer ≥ 0) at the finest level of every dimension. */
export type Contribution = { company: string; at: Record<string, string>; amount: number };

export type Cell = {
  key: string;
  coords: Record<string, string>;
  value: number;
  /** Companies with a non-zero amount, largest first (ties by company id). */
  contributors: { company: string; amount: number }[];
};
/** `parent` = Σ `children` (cell indexes), along `dimension`: a margin when the parent is a total, else a nesting. */
export type Relation = { parent: number; children: number[]; dimension: string; kind: 'margin' | 'nesting' };
export type Wave = { dimensions: string[]; cells: Cell[]; index: Map<string, number>; relations: Relation[] };

/** The key of a cell from its coordinates (dimensions in schema order, totals as '*'). */
export function cellKey(dimensions: string[], coords: Record<string, string>) {
  return dimensions.map((d) => coords[d] ?? TOTAL).join('|');
}

/** Every level combination published (each table's and all coarser ones), as depth vectors (0 = total). */
function signatures(schema: Schema): number[][] {
  const seen = new Map<string, number[]>();
  const add = (v: number[]) => {
    const k = v.join(',');
    if (seen.has(k)) return;
    seen.set(k, v);
    v.forEach((depth, d) => {
      if (depth > 0) add(v.map((x, i) => (i === d ? x - 1 : x)));
    });
  };
  for (const t of schema.tables) {
    for (const name of Object.keys(t.by))
      if (!schema.dimensions.some((d) => d.name === name))
        throw new Error(`table ${t.name}: unknown dimension ${name}`);
    add(
      schema.dimensions.map((d) => {
        const level = t.by[d.name];
        if (level === undefined) return 0;
        const depth = d.levels.indexOf(level) + 1;
        if (depth === 0) throw new Error(`table ${t.name}: unknown level ${level} of ${d.name}`);
        return depth;
      }),
    );
  }
  return [...seen.values()];
}

/** The codes of `code` (finest level) and its ancestors, indexed by depth: [*, level 1, …, finest]. */
function chainOf(d: Dimension, code: string, cache: Map<string, string[]>) {
  const cached = cache.get(code);
  if (cached) return cached;
  const chain = [code];
  for (let c = code; chain.length < d.levels.length; ) {
    const up = d.parent?.[c];
    if (up === undefined)
      throw new Error(`${d.name}: ${code} has no ${d.levels[d.levels.length - chain.length - 1]}`);
    chain.unshift(up);
    c = up;
  }
  chain.unshift(TOTAL);
  cache.set(code, chain);
  return chain;
}

/** Aggregates the contributions into every published cell and derives the relations between the cells. */
export function buildWave(schema: Schema, contributions: Iterable<Contribution>): Wave {
  const dims = schema.dimensions;
  const names = dims.map((d) => d.name);
  const sigs = signatures(schema);
  const caches = dims.map(() => new Map<string, string[]>());
  const index = new Map<string, number>();
  const cells: Cell[] = [];
  const sums: Map<string, number>[] = [];
  const cellSig: number[] = [];
  const chains: string[][] = new Array(dims.length);
  for (const c of contributions) {
    if (!Number.isInteger(c.amount) || c.amount < 0)
      throw new RangeError(`${c.company}: amount ${c.amount} is not an integer ≥ 0`);
    if (c.amount === 0) continue;
    for (let d = 0; d < dims.length; d++) {
      const code = c.at[names[d]];
      if (code === undefined) throw new Error(`${c.company}: no ${names[d]}`);
      chains[d] = chainOf(dims[d], code, caches[d]);
    }
    for (let s = 0; s < sigs.length; s++) {
      const sig = sigs[s];
      let key = chains[0][sig[0]];
      for (let d = 1; d < dims.length; d++) key += `|${chains[d][sig[d]]}`;
      let i = index.get(key);
      if (i === undefined) {
        i = cells.length;
        index.set(key, i);
        const coords: Record<string, string> = {};
        for (let d = 0; d < dims.length; d++) coords[names[d]] = chains[d][sig[d]];
        cells.push({ key, coords, value: 0, contributors: [] });
        sums.push(new Map());
        cellSig.push(s);
      }
      cells[i].value += c.amount;
      sums[i].set(c.company, (sums[i].get(c.company) ?? 0) + c.amount);
    }
  }
  cells.forEach((cell, i) => {
    cell.contributors = [...sums[i]]
      .map(([company, amount]) => ({ company, amount }))
      .sort((a, b) => b.amount - a.amount || (a.company < b.company ? -1 : 1));
  });

  // Each cell is a child of the cell one level up along every dimension it is not at the total of.
  const byParent = new Map<string, Relation>();
  cells.forEach((cell, i) => {
    const sig = sigs[cellSig[i]];
    for (let d = 0; d < dims.length; d++) {
      if (sig[d] === 0) continue; // the published combinations are closed under coarsening: the parent exists
      const code = cell.coords[names[d]];
      const up = { ...cell.coords, [names[d]]: sig[d] === 1 ? TOTAL : dims[d].parent![code] };
      const p = index.get(cellKey(names, up))!;
      const k = `${p}:${d}`;
      const rel = byParent.get(k);
      if (rel) rel.children.push(i);
      else
        byParent.set(k, {
          parent: p,
          children: [i],
          dimension: names[d],
          kind: sig[d] === 1 ? 'margin' : 'nesting',
        });
    }
  });
  return { dimensions: names, cells, index, relations: [...byParent.values()] };
}
