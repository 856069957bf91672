import {
  Attacker,
  type AttackStats,
  type InsiderInterval,
  type Interval,
  loadHighs,
  relationRows,
  type Targets,
} from './attacker.ts';
import type { Cell, Wave } from './model.ts';
import { defaultRules, type PrimaryRule, primaryRule, type Rules, waveDifferenceRisk } from './rules.ts';

// The secrecy plan of a wave (README.md): primary cells, cells whose difference with the previous wave would reveal a
// company, then secondary suppression in two steps — the observatory's equation rule (in every relation a hidden
// cell never stands alone: hide the cheapest other cell) and the attacker's check (every sensitive cell's interval
// must reach beyond ± p %; if not, hide the cheapest published cell next to it, close again, attack again).

export type PreviousWave = { wave: Wave; hidden: Iterable<string> };
export type HiddenReason = PrimaryRule | 'wave-difference' | 'secondary' | 'protection';
export type HiddenCell = {
  cell: Pick<Cell, 'key' | 'coords'>;
  reason: HiddenReason;
  /**
   * What an outside reader can infer: the smallest and largest values consistent with the published cells. Exact
   * when `exact`; else an inner bound (values the attacker cannot rule out), its exact interval being wider.
   */
  interval: Interval & { exact: boolean };
  /** What the cell's largest company (rank 0; and the second, rank 1, in a 2-company cell) can infer. */
  insiders?: InsiderInterval[];
  /** False when the interval (or an insider's) is narrower than the protection asked for. */
  protected: boolean;
  previouslyHidden: boolean;
};
export type SecrecyPlan = {
  published: (Pick<Cell, 'key' | 'coords' | 'value'> & { previouslyHidden: boolean })[];
  hidden: HiddenCell[];
  stats: PlanStats;
};
export type PlanStats = AttackStats & {
  cells: number;
  relations: number;
  primary: number;
  waveDifference: number;
  secondary: number;
  protection: number;
  hidden: number;
  /** Hidden in this wave and in the previous one (mask stability). */
  stillHidden: number;
  rounds: number;
  /** Sensitive cells still not protected after `maxRounds` (0 means the plan may be published). */
  unprotected: number;
  seconds: { suppression: number; attack: number };
};

const SECONDARY = 100; // reason codes ≥ this are secondary
const reasons: HiddenReason[] = ['frequency', 'dominance', 'two-dominance', 'wave-difference'];

/** Decides which cells of a wave may be published, and checks the decision against the attacker. */
export async function planSecrecy(
  wave: Wave,
  options: Partial<Rules> = {},
  previous?: PreviousWave,
): Promise<SecrecyPlan> {
  const rules = { ...defaultRules, ...options };
  checkRules(rules);
  const started = performance.now();
  const { cells } = wave;
  const n = cells.length;
  const rows = relationRows(wave);
  const rowsOf = cellRows(n, rows);
  const isParent = new Uint8Array(n);
  for (const r of wave.relations) isParent[r.parent] = 1;

  // 0 published, 1 + index in `reasons` for sensitive cells, SECONDARY / SECONDARY + 1 for the others.
  const hidden = new Uint8Array(n);
  const need = new Float64Array(n).fill(-1); // the half-width the attacker's interval must reach beyond
  const targets: Targets = new Map();
  cells.forEach((c, i) => {
    const rule = primaryRule(c, rules);
    if (!rule) return;
    hidden[i] = 1 + reasons.indexOf(rule);
    need[i] = rules.protection * c.value;
    if (rules.insider && c.contributors.length >= 2)
      targets.set(i, c.contributors.length === 2 ? [0, 1] : [0]);
  });
  const before = new Uint8Array(n);
  if (previous) {
    const was = new Set(previous.hidden);
    cells.forEach((c, i) => {
      if (was.has(c.key)) before[i] = 1;
      const p = previous.wave.index.get(c.key);
      if (hidden[i] || p === undefined || was.has(c.key)) return;
      const risk = waveDifferenceRisk(c.contributors, previous.wave.cells[p].contributors, rules);
      if (!risk) return;
      hidden[i] = 1 + reasons.indexOf('wave-difference');
      need[i] = rules.protection * risk.mass;
    });
  }

  /** Lower is cheaper: hidden last wave, wide enough for the cell it protects, a child, few companies, small. */
  const better = (a: number, b: number, want: number) =>
    before[b] - before[a] ||
    Number(cells[a].value < want) - Number(cells[b].value < want) ||
    isParent[a] - isParent[b] ||
    cells[a].contributors.length - cells[b].contributors.length ||
    cells[a].value - cells[b].value ||
    a - b;

  // The equation rule: while a relation has exactly one hidden cell, hide its cheapest published member.
  const count = new Int32Array(wave.relations.length);
  const queue: number[] = [];
  for (let r = 0; r < count.length; r++) {
    for (let j = rows.starts[r]; j < rows.starts[r + 1]; j++) if (hidden[rows.members[j]]) count[r]++;
    if (count[r] === 1) queue.push(r);
  }
  const hide = (i: number, code: number) => {
    hidden[i] = code;
    for (const r of rowsOf[i]) if (++count[r] === 1) queue.push(r);
  };
  const close = () => {
    while (queue.length) {
      const r = queue.pop()!;
      if (count[r] !== 1) continue;
      let lone = -1;
      let pick = -1;
      for (let j = rows.starts[r]; j < rows.starts[r + 1]; j++)
        if (hidden[rows.members[j]]) lone = rows.members[j];
      for (let j = rows.starts[r]; j < rows.starts[r + 1]; j++) {
        const c = rows.members[j];
        if (!hidden[c] && (pick < 0 || better(c, pick, Math.max(0, need[lone])) < 0)) pick = c;
      }
      if (pick >= 0) hide(pick, SECONDARY);
    }
  };
  close();
  const suppression = performance.now() - started;

  // The attacker, then more suppression next to each sensitive cell it can pin down, until none is left.
  const attacker = new Attacker(
    await loadHighs(),
    wave,
    rows,
    targets,
    rules.exactLimit,
    need,
    rules.protection,
  );
  let rounds = 0;
  let failing: number[] = [];
  for (;;) {
    rounds++;
    attacker.run(hidden);
    failing = [];
    for (let i = 0; i < n; i++)
      if (hidden[i] && hidden[i] < SECONDARY) {
        if (isProtected(i)) attacker.settled.add(i);
        else failing.push(i);
      }
    if (!failing.length || rounds >= rules.maxRounds) break;
    let added = 0;
    for (const i of failing) {
      const c = complementFor(i);
      if (c >= 0 && !hidden[c]) {
        hide(c, SECONDARY + 1);
        added++;
      }
    }
    if (!added) break;
    close();
  }

  function isProtected(i: number) {
    const v = cells[i].value;
    if (attacker.min.get(i)! > v - need[i] + 1e-9 || attacker.max.get(i)! < v + need[i] - 1e-9) return false;
    for (const ins of attacker.insiders.get(i) ?? []) {
      const others = rules.protection * (v - cells[i].contributors[ins.rank].amount);
      if (ins.min > v - others + 1e-9 || ins.max < v + others - 1e-9) return false;
    }
    return true;
  }

  /** The cheapest published cell sharing a relation with `i`, or with the hidden cells around it (3 steps). */
  function complementFor(i: number) {
    let frontier = [i];
    const seen = new Set(frontier);
    for (let step = 0; step < 3 && frontier.length; step++) {
      let pick = -1;
      const next: number[] = [];
      for (const f of frontier)
        for (const r of rowsOf[f])
          for (let j = rows.starts[r]; j < rows.starts[r + 1]; j++) {
            const c = rows.members[j];
            if (!hidden[c]) {
              if (pick < 0 || better(c, pick, need[i]) < 0) pick = c;
            } else if (!seen.has(c)) {
              seen.add(c);
              next.push(c);
            }
          }
      if (pick >= 0) return pick;
      frontier = next;
    }
    return -1;
  }

  const unprotected = new Set(failing);
  const result: SecrecyPlan = { published: [], hidden: [], stats: undefined as unknown as PlanStats };
  let stillHidden = 0;
  const tally = { primary: 0, waveDifference: 0, secondary: 0, protection: 0 };
  cells.forEach((c, i) => {
    if (!hidden[i]) {
      result.published.push({
        key: c.key,
        coords: c.coords,
        value: c.value,
        previouslyHidden: Boolean(before[i]),
      });
      return;
    }
    const reason: HiddenReason =
      hidden[i] === SECONDARY ? 'secondary' : hidden[i] > SECONDARY ? 'protection' : reasons[hidden[i] - 1];
    if (reason === 'secondary' || reason === 'protection') tally[reason]++;
    else if (reason === 'wave-difference') tally.waveDifference++;
    else tally.primary++;
    if (before[i]) stillHidden++;
    result.hidden.push({
      cell: { key: c.key, coords: c.coords },
      reason,
      interval: { min: attacker.min.get(i)!, max: attacker.max.get(i)!, exact: attacker.exact.has(i) },
      ...(attacker.insiders.has(i) ? { insiders: attacker.insiders.get(i) } : {}),
      protected: !unprotected.has(i),
      previouslyHidden: Boolean(before[i]),
    });
  });
  result.stats = {
    cells: n,
    relations: wave.relations.length,
    ...tally,
    hidden: result.hidden.length,
    stillHidden,
    rounds,
    unprotected: unprotected.size,
    ...attacker.stats,
    seconds: { suppression: suppression / 1000, attack: (performance.now() - started - suppression) / 1000 },
  };
  return result;
}

function cellRows(n: number, rows: { starts: number[]; members: number[] }) {
  const list: number[][] = Array.from({ length: n }, () => []);
  for (let r = 0; r + 1 < rows.starts.length; r++)
    for (let j = rows.starts[r]; j < rows.starts[r + 1]; j++) list[rows.members[j]].push(r);
  return list;
}

function checkRules(r: Rules) {
  const bad = (name: string) => {
    throw new RangeError(`secrecy rules: ${name} is out of range`);
  };
  if (!Number.isInteger(r.minCompanies) || r.minCompanies < 1) bad('minCompanies');
  if (!(r.dominance > 0 && r.dominance <= 1)) bad('dominance');
  if (r.twoDominance !== undefined && !(r.twoDominance > 0 && r.twoDominance <= 1)) bad('twoDominance');
  if (!(r.protection >= 0 && r.protection < 1)) bad('protection');
  if (!Number.isInteger(r.maxRounds) || r.maxRounds < 1) bad('maxRounds');
}
