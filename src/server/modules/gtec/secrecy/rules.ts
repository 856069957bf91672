import type { Cell } from './model.ts';

// Primary secrecy, the same rules as the observatory's (observatory/secrecy.ts: fewer than 3 units, one unit above
// 85 %), configurable per wave, plus the (2, k) rule when asked for and the rule between successive waves.

export type Rules = {
  /** Frequency rule: a cell with fewer companies is hidden (default 3). */
  minCompanies: number;
  /** Dominance rule: a cell where one company holds more than this share is hidden (default 0.85). */
  dominance: number;
  /** (2, k) rule: a cell where the two largest hold more than this share is hidden (default off). */
  twoDominance?: number;
  /** Protection interval: each sensitive cell's attacker interval must reach beyond ± this share (default 0.1). */
  protection: number;
  /** Also attack every primary cell as its largest company would (and the second one in a 2-company cell). */
  insider: boolean;
  /** Rounds of attack → more suppression before giving up (the cells left are reported unprotected). */
  maxRounds: number;
  /** Blocks of linked hidden cells up to this size are attacked exactly (one LP per cell over the block). */
  exactLimit: number;
};

export const defaultRules: Rules = {
  minCompanies: 3,
  dominance: 0.85,
  protection: 0.1,
  insider: true,
  maxRounds: 40,
  exactLimit: 300,
};

export type PrimaryRule = 'frequency' | 'dominance' | 'two-dominance';

/** The primary rule a cell breaks, or null. Empty cells are published (their value, 0, is known anyway). */
export function primaryRule(cell: Pick<Cell, 'value' | 'contributors'>, rules: Rules): PrimaryRule | null {
  const n = cell.contributors.length;
  if (n === 0) return null;
  if (n < rules.minCompanies) return 'frequency';
  const [first, second] = cell.contributors;
  if (first.amount > rules.dominance * cell.value) return 'dominance';
  if (
    rules.twoDominance !== undefined &&
    first.amount + (second?.amount ?? 0) > rules.twoDominance * cell.value
  )
    return 'two-dominance';
  return null;
}

/**
 * The change of a cell since the previous wave, seen as a cell of its own: the companies whose amount changed
 * (entered, left or moved) and by how much. Null when the difference is safe to publish: no change, or at least
 * `minCompanies` changes with none above the dominance share of the total change.
 */
export function waveDifferenceRisk(
  now: Cell['contributors'],
  before: Cell['contributors'],
  rules: Rules,
): { changes: number; mass: number } | null {
  const delta = new Map<string, number>();
  for (const c of now) delta.set(c.company, c.amount);
  for (const c of before) delta.set(c.company, (delta.get(c.company) ?? 0) - c.amount);
  let changes = 0;
  let mass = 0;
  let largest = 0;
  for (const d of delta.values())
    if (d !== 0) {
      changes++;
      mass += Math.abs(d);
      largest = Math.max(largest, Math.abs(d));
    }
  if (changes === 0) return null;
  if (changes < rules.minCompanies || largest > rules.dominance * mass) return { changes, mass };
  return null;
}
