// What the Grand Est demo stock contains, per department: groups of units with a count and a target of central jobs.
// Region targets (shared docs/domain.md §2): ESS 17,000 employer establishments, 205,000 jobs, families 77/16/3/4 %
// of establishments; Meurthe-et-Moselle pinned at 2,050 establishments and 30,500 jobs; non-ESS private jobs set so
// that the ESS is ≈ 1 private job in 7 in the region and in Meurthe-et-Moselle; public jobs ≈ 25.6 % of all jobs (the
// national split). The other departments share the rest: private and public units by population, the ESS by an
// invented share of private jobs per department (≈ 11–17 %) and invented family leanings, so that the demo map and
// the family tables differ between departments while the regional totals stay calibrated.

export type UnitKind = { label: string; category: string; naf: string; essFlag: 'O' | 'N' | '' };
export type UnitGroup = {
  kinds: UnitKind[];
  count: number;
  jobs: number;
  employer: boolean;
  maxBracket: number;
};

const k = (label: string, category: string, naf: string, essFlag: UnitKind['essFlag']): UnitKind => ({
  label,
  category,
  naf,
  essFlag,
});

const associations = [
  k('ASSOCIATION AIDE A DOMICILE', '9220', '88.10A', 'O'),
  k('ASSOCIATION ACTION SOCIALE', '9220', '88.99B', 'O'),
  k('ASSOCIATION HEBERGEMENT MEDICO-SOCIAL', '9220', '87.30A', 'O'),
  k('ASSOCIATION SPORTIVE', '9220', '93.12Z', ''),
  k('ASSOCIATION CULTURELLE', '9220', '90.01Z', 'O'),
  k('ASSOCIATION FORMATION', '9220', '85.59A', 'O'),
  k('ASSOCIATION ACCUEIL ENFANTS', '9220', '88.91A', 'O'),
  k('ASSOCIATION ENSEIGNEMENT', '9260', '85.31Z', 'O'),
];
const cooperatives = [
  k('BANQUE COOPERATIVE', '5560', '64.19Z', 'O'),
  k('COOPERATIVE AGRICOLE', '6317', '01.61Z', 'O'),
  k('SCOP BATIMENT', '5458', '43.21A', 'O'),
  k('SCIC SERVICES', '5560', '81.21Z', 'O'),
  k('COOPERATIVE COMMERCE', '5460', '47.11F', 'O'),
];
const mutuals = [k('MUTUELLE SANTE', '8210', '65.12Z', 'O'), k('MUTUELLE SOINS', '8210', '86.22C', 'O')];
const foundations = [
  k('FONDATION HOSPITALIERE', '9300', '86.10Z', 'O'),
  k('FONDATION RECHERCHE', '9300', '72.19Z', 'O'),
];
const essCompanies = [k('SAS AGREEE ESUS', '5710', '38.32Z', 'O')];
const excluded = [k('SYNDICAT PATRONAL', '9220', '94.11Z', ''), k('SYNDICAT SALARIES', '9220', '94.20Z', '')];
const privateFirms = [
  k('SARL COMMERCE', '5499', '47.19B', 'N'),
  k('SAS INDUSTRIE', '5710', '25.62B', 'N'),
  k('SAS BATIMENT', '5710', '43.99C', 'N'),
  k('SARL RESTAURANT', '5499', '56.10A', 'N'),
  k('SAS TRANSPORT', '5710', '49.41A', 'N'),
  k('SA SERVICES', '5599', '82.11Z', 'N'),
  k('CLINIQUE PRIVEE', '5710', '86.10Z', 'N'),
  k('SAS CONSEIL', '5710', '70.22Z', 'N'),
];
const publicBodies = [
  k('COMMUNE', '7210', '84.11Z', 'N'),
  k('CENTRE HOSPITALIER', '7364', '86.10Z', 'N'),
  k('ETABLISSEMENT PUBLIC ENSEIGNEMENT', '7331', '85.31Z', 'N'),
  k('DEPARTEMENT', '7220', '84.11Z', 'N'),
];
const soleTraders = [k('ENTREPRENEUR INDIVIDUEL', '1000', '74.10Z', 'N')];

/** Population weights of the Grand Est departments (communes.json, municipal population). */
const population: Record<string, number> = {
  '08': 265_893,
  '10': 310_447,
  '51': 563_076,
  '52': 168_331,
  '54': 732_236,
  '55': 180_290,
  '57': 1_051_309,
  '67': 1_163_810,
  '68': 770_738,
  '88': 357_248,
};

/**
 * Demo ESS share of private jobs (%) aimed at per department before the regional totals are restored: higher in the
 * rural departments (Meuse, Haute-Marne, Ardennes, Vosges), lower in the industrial and cross-border ones (Moselle,
 * Haut-Rhin). Invented to make the demo map readable, not measured. Meurthe-et-Moselle is pinned separately.
 */
const essShareAim: Record<string, number> = {
  '08': 15.8,
  '10': 13.2,
  '51': 14.4,
  '52': 16.6,
  '55': 16.9,
  '57': 11.2,
  '67': 15.4,
  '68': 12.8,
  '88': 16.0,
};

/**
 * Demo leanings of the families (multipliers, before the regional family totals are restored): wine and farm
 * cooperatives in Marne and Aube, cooperative banking in Bas-Rhin, mutuals and foundations under the local law of
 * Alsace-Moselle. Invented, like the shares.
 */
const familyLean: Partial<Record<string, Partial<Record<Family, number>>>> = {
  '10': { coop: 1.5 },
  '51': { coop: 1.8 },
  '52': { coop: 1.1 },
  '55': { coop: 1.2 },
  '57': { mutual: 1.3, found: 1.3 },
  '67': { coop: 1.3, mutual: 1.3, found: 1.5 },
  '68': { mutual: 1.2, found: 1.4 },
};

const families = ['assoc', 'coop', 'mutual', 'found'] as const;
type Family = (typeof families)[number];
type Targets = Record<Family | 'private' | 'public', { count: number; jobs: number }>;
const region: Targets = {
  assoc: { count: 13_090, jobs: 160_000 },
  coop: { count: 2_720, jobs: 26_000 },
  mutual: { count: 510, jobs: 10_000 },
  found: { count: 680, jobs: 9_000 },
  private: { count: 140_000, jobs: 1_230_000 },
  public: { count: 12_000, jobs: 494_000 },
};
const meurthe: Targets = {
  assoc: { count: 1_580, jobs: 23_800 },
  coop: { count: 325, jobs: 3_900 },
  mutual: { count: 62, jobs: 1_500 },
  found: { count: 83, jobs: 1_300 },
  private: { count: 16_000, jobs: 183_000 },
  public: { count: 1_250, jobs: 73_000 },
};

/**
 * Splits the regional totals of each family (less Meurthe-et-Moselle's) over the other departments: rows (departments)
 * get the ESS total their share aims at, columns (families) the regional total, by iterative proportional fitting of
 * population × leaning. Deterministic; the sums hold to rounding.
 */
function splitFamilies(
  others: string[],
  rowTotals: Record<string, number>,
  columnTotal: (f: Family) => number,
): Record<string, Record<Family, number>> {
  const cell = Object.fromEntries(
    others.map((d) => [
      d,
      Object.fromEntries(
        families.map((f) => [f, population[d] * (familyLean[d]?.[f] ?? 1) * columnTotal(f)]),
      ),
    ]),
  ) as Record<string, Record<Family, number>>;
  for (let round = 0; round < 50; round++) {
    for (const d of others) {
      const sum = families.reduce((s, f) => s + cell[d][f], 0);
      for (const f of families) cell[d][f] *= rowTotals[d] / sum;
    }
    for (const f of families) {
      const sum = others.reduce((s, d) => s + cell[d][f], 0);
      for (const d of others) cell[d][f] *= columnTotal(f) / sum;
    }
  }
  return cell;
}

/** Per department: the targets of each group (Meurthe-et-Moselle pinned, the others sharing the rest of the region). */
export function demoTargets(): Record<string, Targets> {
  const others = Object.keys(population).filter((d) => d !== '54');
  const otherPop = others.reduce((s, d) => s + population[d], 0);
  const rest = (key: keyof Targets, x: 'count' | 'jobs') => region[key][x] - meurthe[key][x];
  const byPopulation = (d: string, key: keyof Targets) => ({
    count: Math.round((rest(key, 'count') * population[d]) / otherPop),
    jobs: Math.round((rest(key, 'jobs') * population[d]) / otherPop),
  });
  // ESS jobs follow the odds of the aimed share times the private jobs (which follow the population); establishments
  // follow less steeply, so that average sizes differ a little too.
  const odds = (d: string) => essShareAim[d] / (100 - essShareAim[d]);
  const essJobsWeight = Object.fromEntries(others.map((d) => [d, population[d] * odds(d)]));
  const essCountWeight = Object.fromEntries(others.map((d) => [d, population[d] * odds(d) ** 0.8]));
  const rescale = (w: Record<string, number>, total: number) => {
    const sum = others.reduce((s, d) => s + w[d], 0);
    return Object.fromEntries(others.map((d) => [d, (w[d] * total) / sum]));
  };
  const essTotal = (x: 'count' | 'jobs') => families.reduce((s, f) => s + rest(f, x), 0);
  const jobs = splitFamilies(others, rescale(essJobsWeight, essTotal('jobs')), (f) => rest(f, 'jobs'));
  const counts = splitFamilies(others, rescale(essCountWeight, essTotal('count')), (f) => rest(f, 'count'));
  const out: Record<string, Targets> = { '54': meurthe };
  for (const d of others) {
    const ess = Object.fromEntries(
      families.map((f) => [f, { count: Math.round(counts[d][f]), jobs: Math.round(jobs[d][f]) }]),
    ) as Record<Family, { count: number; jobs: number }>;
    out[d] = { ...ess, private: byPopulation(d, 'private'), public: byPopulation(d, 'public') };
  }
  return out;
}

/** Population share of a department in the region, for the small groups (ESUS companies, unions, sole traders). */
const scaledByPopulation = (department: string, x: number) =>
  Math.max(1, Math.round(x * (population[department] / 5_563_378)));

export function demoUnitPlan(): { department: string; groups: UnitGroup[] }[] {
  const targets = demoTargets();
  return Object.keys(population).map((department) => {
    const t = targets[department];
    const g = (
      kinds: UnitKind[],
      x: { count: number; jobs: number },
      maxBracket = 9,
      employer = true,
    ): UnitGroup => ({
      kinds,
      count: x.count,
      jobs: x.jobs,
      employer,
      maxBracket,
    });
    const scaled = (x: number) => scaledByPopulation(department, x);
    return {
      department,
      groups: [
        g(associations, t.assoc),
        g(cooperatives, t.coop),
        g(mutuals, t.mutual),
        g(foundations, t.found),
        g(essCompanies, { count: scaled(60), jobs: scaled(900) }),
        g(excluded, { count: scaled(150), jobs: scaled(900) }, 4),
        g(privateFirms, t.private, 11),
        g(publicBodies, t.public, 11),
        g(soleTraders, { count: scaled(20_000), jobs: 0 }, 0, false),
      ],
    };
  });
}
