// Statistical secrecy (INSEE rules for business statistics, shared docs/domain.md §5). This file is the one
// definition of primary secrecy: a cell built from fewer than 3 establishments, or where one establishment holds more
// than 85 % of the jobs, is not published. Secondary secrecy (secrecy-plan.ts) is decided once per snapshot, at
// import, over every published cell of every territory of its scope, and stored (observatory_secret_cells): in each
// linear relation a reader could use — a territory's ESS total against its families, its NAF sections and its size
// classes; each published cell (ESS total, family, section, size, non-ESS private and public totals) of a commune
// against its EPCI and its department, of an EPCI against its department when the EPCIs partition it, of a department
// against its region and of a region against France — a hidden cell never stands alone, so none can be recomputed by
// difference. Every page, export, map and evolution series reads those stored flags. Not covered (said on the
// methodology page): bounds (interval disclosure) a reader can still derive from the published cells, combinations of
// several relations, and differences between successive snapshots (each snapshot is protected on its own).

export const MIN_UNITS = 3;
export const DOMINANCE = 0.85;

export type Cell = { establishments: number; jobs: number; maxJobs: number };
export type Secret = null | 'primary' | 'secondary';

/** True when the cell may not be published on its own (frequency or dominance rule). Empty cells are published. */
export function primarySecret(c: Cell): boolean {
  if (c.establishments === 0) return false;
  return c.establishments < MIN_UNITS || (c.jobs > 0 && c.maxJobs > DOMINANCE * c.jobs);
}
