// Statistical secrecy (INSEE rules for business statistics, shared docs/domain.md §5), applied to every published
// cell: primary secrecy hides a cell built from fewer than 3 establishments, or where one establishment holds more
// than 85 % of the jobs; secondary secrecy then hides the smallest other cell of the same breakdown whenever exactly
// one cell is hidden, so that no hidden cell can be recomputed as "total minus the others". Covered: each breakdown
// against its own total. Not covered (said on the methodology page): links between different breakdowns of the same
// territory, between nested territories (commune → EPCI → department) and between successive snapshots.

export const MIN_UNITS = 3;
export const DOMINANCE = 0.85;

export type Cell = { establishments: number; jobs: number; maxJobs: number };
export type Secret = null | 'primary' | 'secondary';

export function primarySecret(c: Cell): boolean {
  if (c.establishments === 0) return false;
  return c.establishments < MIN_UNITS || (c.jobs > 0 && c.maxJobs > DOMINANCE * c.jobs);
}

/**
 * Marks the cells of one breakdown whose total is published. Returns one flag per cell. Empty cells (0 units) are
 * published as zero: their value is known anyway.
 */
export function protectBreakdown(cells: Cell[]): Secret[] {
  const flags: Secret[] = cells.map((c) => (primarySecret(c) ? 'primary' : null));
  const hidden = () => flags.filter(Boolean).length;
  while (hidden() === 1) {
    let pick = -1;
    for (let i = 0; i < cells.length; i++) {
      if (flags[i] || cells[i].establishments === 0) continue;
      if (pick < 0 || cells[i].establishments < cells[pick].establishments) pick = i;
    }
    if (pick < 0) break;
    flags[pick] = 'secondary';
  }
  return flags;
}
