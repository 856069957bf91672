import { describe, expect, it } from 'vitest';
import { Attacker, loadHighs, relationRows } from './attacker.ts';
import { buildWave, type Contribution, type Schema } from './model.ts';
import { planSecrecy } from './plan.ts';
import { defaultRules, primaryRule } from './rules.ts';

// The secrecy plan on hand-computed tables: every expected mask and interval below is worked out in the comments.

const grid: Schema = {
  dimensions: [
    { name: 'row', levels: ['r'] },
    { name: 'col', levels: ['c'] },
  ],
  tables: [{ name: 'grid', by: { row: 'r', col: 'c' } }],
};
const at = (company: string, row: string, col: string, amount: number): Contribution => ({
  company,
  at: { row, col },
  amount,
});
/** a|x = 8 (A 5, B 3: two companies), a|y = 12, b|x = 18, b|y = 30; rows 20, 48; columns 26, 42; total 68. */
const twoByTwo = [
  at('A', 'a', 'x', 5),
  at('B', 'a', 'x', 3),
  ...['C', 'D', 'E'].map((c) => at(c, 'a', 'y', 4)),
  ...['F', 'G', 'H'].map((c) => at(c, 'b', 'x', 6)),
  ...['I', 'J', 'K'].map((c) => at(c, 'b', 'y', 10)),
];

const line: Schema = {
  dimensions: [{ name: 'cat', levels: ['cat'] }],
  tables: [{ name: 'line', by: { cat: 'cat' } }],
};
const of = (company: string, cat: string, amount: number): Contribution => ({ company, at: { cat }, amount });

const byKey = (plan: Awaited<ReturnType<typeof planSecrecy>>) =>
  new Map(plan.hidden.map((h) => [h.cell.key, h]));

async function attackerOn(wave: ReturnType<typeof buildWave>, hiddenKeys: string[]) {
  const hidden = new Uint8Array(wave.cells.length);
  const need = new Float64Array(wave.cells.length).fill(-1);
  const targets = new Map<number, number[]>();
  for (const k of hiddenKeys) {
    const i = wave.index.get(k)!;
    hidden[i] = 1;
    need[i] = 0.1 * wave.cells[i].value;
    if (wave.cells[i].contributors.length === 2) targets.set(i, [0, 1]);
  }
  const attacker = new Attacker(await loadHighs(), wave, relationRows(wave), targets, 300, need, 0.1);
  attacker.run(hidden);
  const get = (k: string) => {
    const i = wave.index.get(k)!;
    return { min: attacker.min.get(i), max: attacker.max.get(i), insiders: attacker.insiders.get(i) };
  };
  return get;
}

describe('the wave model', () => {
  it('aggregates contributions into cells and margins, largest company first', () => {
    const wave = buildWave(grid, twoByTwo);
    expect(wave.cells).toHaveLength(9);
    const cell = (k: string) => wave.cells[wave.index.get(k)!];
    expect(cell('a|x').value).toBe(8);
    expect(cell('a|x').contributors).toEqual([
      { company: 'A', amount: 5 },
      { company: 'B', amount: 3 },
    ]);
    expect([
      cell('a|*').value,
      cell('b|*').value,
      cell('*|x').value,
      cell('*|y').value,
      cell('*|*').value,
    ]).toEqual([20, 48, 26, 42, 68]);
    // Two rows, two columns and the total twice (over rows and over columns): six relations.
    expect(wave.relations).toHaveLength(6);
    const rowA = wave.relations.find((r) => r.parent === wave.index.get('a|*'))!;
    expect(rowA.children.map((c) => wave.cells[c].key).sort()).toEqual(['a|x', 'a|y']);
  });

  it('rejects an amount that is negative or not an integer, and an occupation without its domain', () => {
    expect(() => buildWave(grid, [at('A', 'a', 'x', -1)])).toThrow(/A: amount -1/);
    expect(() => buildWave(grid, [at('A', 'a', 'x', 1.5)])).toThrow(/integer/);
    const nested: Schema = {
      dimensions: [{ name: 'occupation', levels: ['domain', 'occupation'], parent: { M1607: 'M' } }],
      tables: [{ name: 'jobs', by: { occupation: 'occupation' } }],
    };
    expect(() => buildWave(nested, [{ company: 'A', at: { occupation: 'Z9999' }, amount: 1 }])).toThrow(
      /Z9999 has no domain/,
    );
  });
});

describe('primary rules', () => {
  const cell = (...amounts: number[]) => ({
    value: amounts.reduce((a, b) => a + b, 0),
    contributors: amounts.map((amount, i) => ({ company: `c${i}`, amount })),
  });
  it('frequency, dominance above 85 % (not at), the (2, k) rule only when asked, all configurable', () => {
    expect(primaryRule(cell(5, 3), defaultRules)).toBe('frequency');
    expect(primaryRule(cell(90, 5, 5), defaultRules)).toBe('dominance');
    expect(primaryRule(cell(85, 10, 5), defaultRules)).toBeNull();
    expect(primaryRule(cell(50, 45, 5), defaultRules)).toBeNull();
    expect(primaryRule(cell(50, 45, 5), { ...defaultRules, twoDominance: 0.9 })).toBe('two-dominance');
    expect(primaryRule(cell(3, 3, 3, 3), { ...defaultRules, minCompanies: 5 })).toBe('frequency');
    expect(primaryRule(cell(70, 20, 10), { ...defaultRules, dominance: 0.6 })).toBe('dominance');
    expect(primaryRule(cell(), defaultRules)).toBeNull();
  });

  it('refuses rules out of range', async () => {
    const wave = buildWave(grid, twoByTwo);
    await expect(planSecrecy(wave, { dominance: 1.5 })).rejects.toThrow(/dominance/);
    await expect(planSecrecy(wave, { minCompanies: 0 })).rejects.toThrow(/minCompanies/);
  });
});

describe('secondary suppression and the attacker', () => {
  it('a 2×2 table with margins: the lone hidden cell is recovered, the plan hides its complement', async () => {
    const wave = buildWave(grid, twoByTwo);
    // Hiding a|x alone: a|x = a|* − a|y = 20 − 12 = 8, exactly.
    const alone = await attackerOn(wave, ['a|x']);
    expect(alone('a|x')).toMatchObject({ min: 8, max: 8 });

    const plan = await planSecrecy(wave);
    const hidden = byKey(plan);
    expect([...hidden.keys()].sort()).toEqual(['a|x', 'a|y', 'b|x', 'b|y']);
    expect(hidden.get('a|x')!.reason).toBe('frequency');
    expect(hidden.get('b|y')!.reason).toBe('secondary');
    // With t = a|x: a|y = 20 − t, b|x = 26 − t, b|y = 22 + t, all ≥ 0, so t ∈ [0, 20].
    expect(hidden.get('a|x')!.interval).toEqual({ min: 0, max: 20, exact: true });
    expect(hidden.get('a|y')!.interval).toMatchObject({ min: 0, max: 20 });
    expect(hidden.get('b|x')!.interval).toMatchObject({ min: 6, max: 26 });
    expect(hidden.get('b|y')!.interval).toMatchObject({ min: 22, max: 42 });
    // A knows its 5 (t ≥ 5), B its 3 (t ≥ 3).
    expect(hidden.get('a|x')!.insiders).toEqual([
      { rank: 0, min: 5, max: 20 },
      { rank: 1, min: 3, max: 20 },
    ]);
    expect(plan.published.map((p) => p.key).sort()).toEqual(['*|*', '*|x', '*|y', 'a|*', 'b|*']);
    expect(plan.stats.unprotected).toBe(0);
  });

  // p = 42 (B 40, A 2), q = 20 (A 17, C 1, D 2: 85 %, not above), r = 10 (4 companies), s = 30 (5), total 102.
  const insiderCase = [
    of('B', 'p', 40),
    of('A', 'p', 2),
    of('A', 'q', 17),
    of('C', 'q', 1),
    of('D', 'q', 2),
    of('R1', 'r', 4),
    ...['R2', 'R3', 'R4'].map((c) => of(c, 'r', 2)),
    ...['S1', 'S2', 'S3', 'S4', 'S5'].map((c) => of(c, 's', 6)),
  ];

  it('a two-company cell where each company subtracts itself: protected against the insider too', async () => {
    const wave = buildWave(line, insiderCase);
    // The equation rule alone hides q (fewest companies) beside p: p + q = 102 − 10 − 30 = 62. An outsider gets
    // p ∈ [0, 62]; A knows p ≥ 2 and q ≥ 17, so p ≤ 45: B's 40 lies in [0, 43], narrower than 40 ± 4.
    const first = await attackerOn(wave, ['p', 'q']);
    expect(first('p')).toMatchObject({ min: 0, max: 62 });
    expect(first('p').insiders).toEqual([
      { rank: 0, min: 40, max: 62 },
      { rank: 1, min: 2, max: 45 },
    ]);

    const plan = await planSecrecy(wave);
    const hidden = byKey(plan);
    expect([...hidden.keys()].sort()).toEqual(['p', 'q', 'r']);
    expect(hidden.get('p')!.reason).toBe('frequency');
    expect(hidden.get('q')!.reason).toBe('secondary');
    // r is hidden because of the insider: then p + q + r = 72, A finds p ∈ [2, 55], B p ∈ [40, 72].
    expect(hidden.get('r')!.reason).toBe('protection');
    expect(hidden.get('p')!.interval).toEqual({ min: 0, max: 72, exact: true });
    expect(hidden.get('p')!.insiders).toEqual([
      { rank: 0, min: 40, max: 72 },
      { rank: 1, min: 2, max: 55 },
    ]);
    expect(plan.hidden.every((h) => h.protected)).toBe(true);
    // Without the insider's check, q was enough.
    const outsider = await planSecrecy(wave, { insider: false });
    expect(outsider.hidden.map((h) => h.cell.key).sort()).toEqual(['p', 'q']);
  });

  it('dominance: one company above 85 % is hidden, and its insider estimates the others’ share', async () => {
    // p = 100 (D 90, E 5, F 5), q = 20, r = 30, s = 40 (3 companies each, none dominant), total 190.
    const wave = buildWave(line, [
      of('D', 'p', 90),
      of('E', 'p', 5),
      of('F', 'p', 5),
      ...[7, 7, 6].map((a, k) => of(`q${k}`, 'q', a)),
      ...[10, 10, 10].map((a, k) => of(`r${k}`, 'r', a)),
      ...[14, 13, 13].map((a, k) => of(`s${k}`, 's', a)),
    ]);
    const plan = await planSecrecy(wave);
    const p = byKey(plan).get('p')!;
    expect(p.reason).toBe('dominance');
    // q (the smallest of three alike) is its complement: p + q = 190 − 30 − 40 = 120 → p ∈ [0, 120]; D knows p ≥ 90.
    expect(byKey(plan).get('q')!.reason).toBe('secondary');
    expect(p.interval).toMatchObject({ min: 0, max: 120 });
    expect(p.insiders).toEqual([{ rank: 0, min: 90, max: 120 }]);
  });

  it('a nesting commune → EPCI: the commune beside a secret one is hidden, the EPCI stays published', async () => {
    const territories: Schema = {
      dimensions: [
        {
          name: 'territory',
          levels: ['epci', 'commune'],
          parent: { c1: 'e1', c2: 'e1', c3: 'e2', c4: 'e2' },
        },
      ],
      tables: [{ name: 'communes', by: { territory: 'commune' } }],
    };
    const t = (company: string, commune: string, amount: number): Contribution => ({
      company,
      at: { territory: commune },
      amount,
    });
    const communes = [
      t('A', 'c1', 5),
      t('B', 'c1', 5),
      ...['C', 'D', 'E'].map((c) => t(c, 'c2', 4)),
      ...['F', 'G', 'H'].map((c) => t(c, 'c3', 3)),
      ...['I', 'J', 'K'].map((c) => t(c, 'c4', 7)),
    ];
    const plan = await planSecrecy(buildWave(territories, communes));
    const hidden = byKey(plan);
    expect([...hidden.keys()].sort()).toEqual(['c1', 'c2']);
    // e1 = 22 = c1 + c2.
    expect(hidden.get('c1')!.interval).toMatchObject({ min: 0, max: 22 });
    expect(plan.published.map((p) => p.key).sort()).toEqual(['*', 'c3', 'c4', 'e1', 'e2']);

    // Now e2 is two companies alone in their communes: c3, c4 and e2 are primary; e2 alone in the total → e1 too.
    const twoLevels = await planSecrecy(
      buildWave(territories, [...communes.slice(0, 5), t('X', 'c3', 9), t('Y', 'c4', 21)]),
    );
    const h2 = byKey(twoLevels);
    expect([...h2.keys()].sort()).toEqual(['c1', 'c3', 'c4', 'e1', 'e2']);
    expect(h2.get('e1')!.reason).toBe('secondary');
    // e1 + e2 = 52 and c1 = e1 − 12 with e1, e2 ≥ 0 and c3 + c4 = e2: c1 ∈ [0, 40], e2 ∈ [0, 40].
    expect(h2.get('c1')!.interval).toMatchObject({ min: 0, max: 40 });
    expect(h2.get('e2')!.interval).toMatchObject({ min: 0, max: 40 });
    expect(twoLevels.stats.unprotected).toBe(0);
  });
});

describe('successive waves', () => {
  // Wave 1: p = 20 (5 companies), q = 6 (2: secret), r = 6 (3), s = 20 (4): q's complement is r (fewest companies).
  const first = [
    ...['P1', 'P2', 'P3', 'P4', 'P5'].map((c) => of(c, 'p', 4)),
    of('Q1', 'q', 3),
    of('Q2', 'q', 3),
    ...['R1', 'R2', 'R3'].map((c) => of(c, 'r', 2)),
    ...['S1', 'S2', 'S3', 'S4'].map((c) => of(c, 's', 5)),
  ];

  it('never publishes a cell whose difference with the previous wave is one company', async () => {
    const wave1 = buildWave(line, first);
    const plan1 = await planSecrecy(wave1);
    expect(plan1.hidden.map((h) => h.cell.key).sort()).toEqual(['q', 'r']);
    // Wave 2: P6 joins p with 4; S1, S2, S3 add 1 each. On its own p = 24 (6 companies) is fine; against wave 1,
    // 24 − 20 is P6's figure. The total moved by 4 companies (P6's 4 is 57 % of the change) and s by 3: both safe.
    const second = [...first.map((c) => (['S1', 'S2', 'S3'].includes(c.company) ? { ...c, amount: 6 } : c))];
    const wave2 = buildWave(line, [...second, of('P6', 'p', 4)]);
    const alone = await planSecrecy(wave2);
    expect(alone.hidden.map((h) => h.cell.key).sort()).toEqual(['q', 'r']);
    const plan2 = await planSecrecy(wave2, {}, { wave: wave1, hidden: plan1.hidden.map((h) => h.cell.key) });
    const hidden = byKey(plan2);
    expect([...hidden.keys()].sort()).toEqual(['p', 'q']);
    expect(hidden.get('p')!.reason).toBe('wave-difference');
    expect(hidden.get('q')!.reason).toBe('frequency');
    // p and q hide each other: p + q = 59 − 6 − 23 = 30, so p ∈ [0, 30], far beyond P6's 4 either way.
    expect(hidden.get('p')!.interval).toMatchObject({ min: 0, max: 30 });
    // Had P6 been the only change, the total would have told its figure as well: hidden too (then p is unbounded).
    const onlyP6 = await planSecrecy(
      buildWave(line, [...first, of('P6', 'p', 4)]),
      {},
      {
        wave: wave1,
        hidden: plan1.hidden.map((h) => h.cell.key),
      },
    );
    expect(byKey(onlyP6).get('*')!.reason).toBe('wave-difference');
    expect(byKey(onlyP6).get('p')!.interval.max).toBe(Number.POSITIVE_INFINITY);
    expect(plan2.stats.waveDifference).toBe(1);
  });

  it('keeps the mask stable: the previous wave’s complement is preferred to a cheaper new one', async () => {
    const wave1 = buildWave(line, first);
    const plan1 = await planSecrecy(wave1);
    // Wave 2: three companies join r (6 companies now), each of s's four adds 1: s (4 companies) is now cheaper.
    const wave2 = buildWave(line, [
      ...first.map((c) => (c.at.cat === 's' ? { ...c, amount: c.amount + 1 } : c)),
      ...['R4', 'R5', 'R6'].map((c) => of(c, 'r', 2)),
    ]);
    const fresh = await planSecrecy(wave2);
    expect(fresh.hidden.map((h) => h.cell.key).sort()).toEqual(['q', 's']);
    const stable = await planSecrecy(wave2, {}, { wave: wave1, hidden: plan1.hidden.map((h) => h.cell.key) });
    expect(stable.hidden.map((h) => [h.cell.key, h.reason, h.previouslyHidden])).toEqual([
      ['q', 'frequency', true],
      ['r', 'secondary', true],
    ]);
    expect(stable.stats.stillHidden).toBe(2);
  });
});

describe('larger blocks (batched attacker)', () => {
  it('gives inner intervals within the exact ones, and the same protection verdict', async () => {
    const rnd = (() => {
      let s = 7;
      return () => {
        s = (s * 48271) % 2147483647;
        return s / 2147483647;
      };
    })();
    const rows = ['a', 'b', 'c', 'd', 'e'];
    const cols = ['x', 'y', 'z', 'w'];
    const contributions: Contribution[] = [];
    for (let k = 0; k < 40; k++)
      contributions.push(
        at(`co${k}`, rows[Math.floor(rnd() * 5)], cols[Math.floor(rnd() * 4)], 1 + Math.floor(rnd() * 20)),
      );
    const wave = buildWave(grid, contributions);
    const exact = await planSecrecy(wave);
    const batched = await planSecrecy(wave, { exactLimit: 0 });
    expect(exact.stats.primary).toBeGreaterThan(2);
    expect(batched.stats.unprotected).toBe(0);
    const exactOf = byKey(exact);
    for (const h of batched.hidden) {
      const v = wave.cells[wave.index.get(h.cell.key)!].value;
      expect(h.interval.min).toBeLessThanOrEqual(v);
      expect(h.interval.max).toBeGreaterThanOrEqual(v);
      const e = exactOf.get(h.cell.key);
      if (!e) continue;
      expect(h.interval.min).toBeGreaterThanOrEqual(e.interval.min - 1e-6);
      expect(h.interval.max).toBeLessThanOrEqual(e.interval.max + 1e-6);
    }
    // Every relation has no hidden cell or at least two.
    for (const plan of [exact, batched]) {
      const hidden = new Set(plan.hidden.map((h) => h.cell.key));
      for (const r of wave.relations) {
        const count = [r.parent, ...r.children].filter((c) => hidden.has(wave.cells[c].key)).length;
        expect(count === 0 || count >= 2).toBe(true);
      }
    }
  });
});
