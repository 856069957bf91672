// What the Grand Est demo stock contains, per department: groups of units with a count and a target of central jobs.
// Region targets (shared docs/domain.md §2): ESS 17,000 employer establishments, 205,000 jobs, families 77/16/3/4 %
// of establishments; Meurthe-et-Moselle pinned at 2,050 establishments and 30,500 jobs; non-ESS private jobs set so
// that the ESS is ≈ 1 private job in 7; public jobs ≈ 25.6 % of all jobs (the national split).

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

type Targets = Record<
  'assoc' | 'coop' | 'mutual' | 'found' | 'private' | 'public',
  { count: number; jobs: number }
>;
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

export function demoUnitPlan(): { department: string; groups: UnitGroup[] }[] {
  const others = Object.entries(population).filter(([d]) => d !== '54');
  const otherPop = others.reduce((s, [, p]) => s + p, 0);
  return Object.entries(population).map(([department, pop]) => {
    const share = pop / otherPop;
    const t = (key: keyof Targets) =>
      department === '54'
        ? meurthe[key]
        : {
            count: Math.round((region[key].count - meurthe[key].count) * share),
            jobs: Math.round((region[key].jobs - meurthe[key].jobs) * share),
          };
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
    const scaled = (x: number) => Math.max(1, Math.round(x * (pop / 5_563_378)));
    return {
      department,
      groups: [
        g(associations, t('assoc')),
        g(cooperatives, t('coop')),
        g(mutuals, t('mutual')),
        g(foundations, t('found')),
        g(essCompanies, { count: scaled(60), jobs: scaled(900) }),
        g(excluded, { count: scaled(150), jobs: scaled(900) }, 4),
        g(privateFirms, t('private'), 11),
        g(publicBodies, t('public'), 11),
        g(soleTraders, { count: scaled(20_000), jobs: 0 }, 0, false),
      ],
    };
  });
}
