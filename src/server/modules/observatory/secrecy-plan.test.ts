import { describe, expect, it } from 'vitest';
import { loadReference } from '../territories/territories.data.ts';
import { prng } from './demo/sirene-demo.ts';
import {
  type Dimension,
  type HiddenCell,
  type Margin,
  type Nesting,
  planSecrecy,
  scopeNesting,
} from './secrecy-plan.ts';

// The secrecy plan on its own (no database): the relations of one territory, a seeded random hierarchy checked
// equation by equation, and the time it takes at national scale on the real territories reference.

type Unit = {
  family: string;
  section: string;
  size: string;
  jobs: number;
  kind: 'ess' | 'private' | 'public';
};

/** Margins of every territory from establishments placed in communes (`up`: a commune's ancestors). */
function marginsOf(units: Map<string, Unit[]>, up: (commune: string) => string[]): Margin[] {
  const cells = new Map<string, Margin>();
  const put = (
    territory: string,
    dimension: Dimension,
    category: string,
    c: Omit<Margin, 'territory' | 'dimension' | 'category'>,
  ) => {
    const key = `${territory}|${dimension}|${category}`;
    const m = cells.get(key);
    if (m) {
      m.establishments += c.establishments;
      m.jobs += c.jobs;
      m.maxJobs = Math.max(m.maxJobs, c.maxJobs);
    } else
      cells.set(key, {
        territory,
        dimension,
        category,
        establishments: c.establishments,
        jobs: c.jobs,
        maxJobs: c.maxJobs,
      });
  };
  for (const [commune, list] of units)
    for (const u of list) {
      const one = { establishments: 1, jobs: u.jobs, maxJobs: u.jobs };
      if (u.kind !== 'ess') {
        put(commune, 'total', u.kind, one);
        continue;
      }
      put(commune, 'total', 'ess', one);
      put(commune, 'family', u.family, one);
      put(commune, 'section', u.section, one);
      put(commune, 'size', u.size, one);
    }
  // Communes first, then each commune cell added to its ancestors.
  for (const m of [...cells.values()]) for (const t of up(m.territory)) put(t, m.dimension, m.category, m);
  return [...cells.values()];
}

function randomUnit(rnd: () => number): Unit {
  const r = rnd();
  const kind = r < 0.6 ? 'ess' : r < 0.9 ? 'private' : 'public';
  // One establishment in ten is large: it dominates the small cells it falls in.
  const jobs = rnd() < 0.1 ? 50 + Math.floor(rnd() * 400) : 1 + Math.floor(rnd() * 20);
  return {
    kind,
    family: ['association', 'cooperative', 'mutual', 'foundation'][Math.floor(rnd() ** 2 * 4)],
    section: ['Q', 'P', 'S', 'R', 'K'][Math.floor(rnd() * 5)],
    size: jobs >= 50 ? '50-249' : jobs >= 10 ? '10-49' : '1-9',
    jobs,
  };
}

/** fr → regions → departments → EPCIs (+ communes outside any EPCI) → communes, with random establishments. */
function randomCountry(seed: number) {
  const rnd = prng(seed);
  const parents = new Map<string, string[]>();
  const nestings: Nesting[] = [];
  const territories = ['fr'];
  const units = new Map<string, Unit[]>();
  const regions: string[] = [];
  for (let r = 0; r < 2 + Math.floor(rnd() * 3); r++) {
    const region = `region:${r}`;
    regions.push(region);
    const deps: string[] = [];
    for (let d = 0; d < 1 + Math.floor(rnd() * 4); d++) {
      const dep = `dep:${r}${d}`;
      deps.push(dep);
      const parts: string[] = [];
      const depCommunes: string[] = [];
      for (let e = 0; e < 1 + Math.floor(rnd() * 4); e++) {
        const epci = e === 0 && rnd() < 0.3 ? null : `epci:${r}${d}${e}`;
        const communes: string[] = [];
        for (let c = 0; c < 1 + Math.floor(rnd() * 7); c++) {
          const commune = `com:${r}${d}${e}${c}`;
          communes.push(commune);
          parents.set(commune, [...(epci ? [epci] : []), dep, region, 'fr']);
          const n = rnd() < 0.3 ? 0 : Math.floor(rnd() ** 2 * 14);
          units.set(
            commune,
            Array.from({ length: n }, () => randomUnit(rnd)),
          );
        }
        if (epci) {
          nestings.push({ parent: epci, children: communes });
          parts.push(epci);
          territories.push(epci);
        } else parts.push(...communes);
        depCommunes.push(...communes);
        territories.push(...communes);
      }
      nestings.push({ parent: dep, children: depCommunes }, { parent: dep, children: parts });
      territories.push(dep);
    }
    nestings.push({ parent: region, children: deps });
    territories.push(region);
  }
  nestings.push({ parent: 'fr', children: regions });
  const margins = marginsOf(units, (c) => parents.get(c)!);
  return { margins, territories: territories.sort(), nestings };
}

/** Every equation (cells that add up: parent first), built here independently of the plan. */
function equations(margins: Margin[], territories: string[], nestings: Nesting[]) {
  const byKey = new Map(margins.map((m) => [`${m.territory}|${m.dimension}|${m.category}`, m]));
  const categories = [...new Set(margins.map((m) => `${m.dimension}|${m.category}`))];
  const list: string[][] = [];
  for (const t of territories)
    for (const d of ['family', 'section', 'size'])
      list.push([
        `${t}|total|ess`,
        ...categories.filter((c) => c.startsWith(`${d}|`)).map((c) => `${t}|${c}`),
      ]);
  for (const n of nestings)
    for (const c of categories) list.push([`${n.parent}|${c}`, ...n.children.map((k) => `${k}|${c}`)]);
  return list.map((eq) => eq.filter((k) => (byKey.get(k)?.establishments ?? 0) > 0));
}

const keyOf = (h: Pick<HiddenCell, 'territory' | 'dimension' | 'category'>) =>
  `${h.territory}|${h.dimension}|${h.category}`;

describe('secrecy plan', () => {
  it('protects a lone hidden family of a territory with the smallest other family, and the total stays', () => {
    const m = (
      dimension: Dimension,
      category: string,
      establishments: number,
      jobs: number,
      maxJobs = 1,
    ) => ({
      territory: 'com:1',
      dimension,
      category,
      establishments,
      jobs,
      maxJobs,
    });
    const plan = planSecrecy(
      [
        m('total', 'ess', 15, 150, 100),
        m('family', 'association', 10, 40),
        m('family', 'cooperative', 4, 10),
        m('family', 'foundation', 1, 100, 100),
        m('section', 'Q', 15, 150, 100),
        m('size', '1-9', 14, 50),
        m('size', '50-249', 1, 100, 100),
      ],
      ['com:1'],
      [],
    );
    expect(plan.hidden.map(keyOf).sort()).toEqual([
      'com:1|family|cooperative',
      'com:1|family|foundation',
      'com:1|size|1-9',
      'com:1|size|50-249',
    ]);
    expect(plan.hidden.find((h) => h.category === 'cooperative')?.reason).toBe('secondary');
  });

  it('never leaves exactly one hidden cell in an equation (seeded random hierarchies)', () => {
    let secondary = 0;
    let lonePrimary = 0;
    for (let seed = 1; seed <= 40; seed++) {
      const { margins, territories, nestings } = randomCountry(seed);
      const plan = planSecrecy(margins, territories, nestings);
      expect(plan.unresolved).toBe(0);
      const hidden = new Set(plan.hidden.map(keyOf));
      const primary = new Set(plan.hidden.filter((h) => h.reason === 'primary').map(keyOf));
      for (const eq of equations(margins, territories, nestings)) {
        const n = eq.filter((k) => hidden.has(k)).length;
        if (n === 1) throw new Error(`seed ${seed}: one hidden cell in ${eq.join(' = ')}`);
        if (eq.filter((k) => primary.has(k)).length === 1) lonePrimary++;
      }
      secondary += plan.hidden.length - primary.size;
      // Empty cells are never hidden.
      for (const h of plan.hidden) expect(margins.some((m) => keyOf(m) === keyOf(h))).toBe(true);
    }
    // The check bites: primary secrecy alone would leave many lone hidden cells.
    expect(lonePrimary).toBeGreaterThan(100);
    expect(secondary).toBeGreaterThan(100);
  });

  it('plans France (≈ 35,000 communes) and Grand Est in well under a second', () => {
    const ref = loadReference();
    const rnd = prng(7);
    const units = new Map<string, Unit[]>();
    for (const t of ref.byCode.values()) {
      if (t.level !== 'commune') continue;
      // ≈ 210,000 ESS and 1.5 M other employer establishments nationally, in proportion to population.
      const n = Math.round(((t.population ?? 0) / 130) * rnd() * 2);
      if (n > 0)
        units.set(
          t.code,
          Array.from({ length: Math.min(n, 3000) }, () => randomUnit(rnd)),
        );
    }
    const margins = marginsOf(units, (c) => ref.byCode.get(c)!.parents);
    const timed = (scope: string) => {
      const t0 = performance.now();
      const { territories, nestings } = scopeNesting(scope);
      const t1 = performance.now();
      const covered = new Set(territories);
      const own = margins.filter((m) => covered.has(m.territory));
      const t2 = performance.now();
      const plan = planSecrecy(own, territories, nestings);
      const t3 = performance.now();
      return { plan, referenceMs: t1 - t0, planMs: t3 - t2, cells: plan.cells, equations: plan.equations };
    };
    const fr = timed('fr');
    const ge = timed('region:44');
    console.log(
      `secrecy plan: France ${fr.cells} cells, ${fr.equations} equations, ${fr.plan.hidden.length} hidden in ` +
        `${fr.planMs.toFixed(0)} ms (+ ${fr.referenceMs.toFixed(0)} ms nesting, once per process); Grand Est ` +
        `${ge.cells} cells, ${ge.equations} equations, ${ge.plan.hidden.length} hidden in ${ge.planMs.toFixed(0)} ms ` +
        `(+ ${ge.referenceMs.toFixed(0)} ms nesting)`,
    );
    expect(fr.plan.unresolved).toBe(0);
    expect(fr.plan.hidden.some((h) => h.reason === 'secondary')).toBe(true);
    expect(ge.cells).toBeGreaterThan(10_000);
    expect(ge.planMs).toBeLessThan(1000);
    expect(fr.planMs).toBeLessThan(5000);
  });
});
