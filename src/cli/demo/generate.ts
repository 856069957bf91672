import { withLuhnDigit } from '../../server/modules/company-identity/siret.ts';
import { loadReference } from '../../server/modules/territories/territories.data.ts';
import type { Territory } from '../../server/modules/territories/territories.service.ts';
import { type DemoKind, fillName, pools, type Template, templates } from './catalogue.ts';
import { createRng, type Rng, weightedPicker } from './prng.ts';

// The deterministic organisation generator behind the demo (≈ 400 rows) and the directory benchmark (100,000 rows).
// Pure: same options, same rows, on every machine. Every row is labelled isDemo and says so in its description.

export type DemoOrganization = {
  kind: DemoKind;
  name: string;
  acronym: string | null;
  siren: string;
  siret: string;
  legalCategory: string;
  esus: boolean;
  nafCode: string;
  headcountBracket: string;
  address: string;
  postalCode: string;
  communeCode: string;
  communeName: string;
  departmentCode: string;
  website: string | null;
  email: string | null;
  phone: string | null;
  description: string;
  tags: string[];
  isDemo: true;
  /** What it would say on a fair stand (not a directory field: the demo fair uses it). */
  standPitch: string | null;
};

export type GenerationPlan = {
  seed: string;
  /** How many of each kind, and where: department codes ("54") or EPCI SIRENs ("epci:200072999"). */
  groups: { kind: DemoKind; count: number; within: string[] }[];
  /** First index used to number SIRENs: two plans with disjoint ranges never share an identifier. */
  firstIndex?: number;
  /** Names already used by another plan's rows, so that the directory never shows one name twice. */
  takenNames?: readonly string[];
};

type Area = { code: string; name: string; communes: Territory[]; population: number };

const closing: Record<DemoKind, string> = {
  association: 'Ses bénévoles et ses salariés travaillent avec les communes et les associations voisines.',
  cooperative: 'Ses sociétaires décident ensemble, selon le principe « une personne, une voix ».',
  mutual: 'Ses adhérents élisent leurs délégués et décident de ses orientations.',
  foundation: 'Elle agit grâce aux dons, aux legs et au mécénat.',
  esus: 'Elle réinvestit l’essentiel de ses bénéfices dans son projet social.',
  company: 'Entreprise du territoire, attachée à l’emploi local.',
};

const DEMO_NOTICE =
  '_Organisation fictive générée pour la démonstration de Maillage : son nom, ses identifiants et ses coordonnées ne sont pas réels._';

/**
 * Demo SIRENs: "00" then six digits (a bijective scramble of the row index), then the Luhn key. The 00 range is one we
 * have not met in Sirene; whatever the number, the row is flagged isDemo.
 */
export function demoSiren(index: number): string {
  const body = String((index * 738_551 + 104_729) % 1_000_000).padStart(6, '0');
  return withLuhnDigit(`00${body}`);
}

const slugify = (s: string) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

let communesByArea: Map<string, Territory[]> | undefined;

/** The communes of each department and EPCI (an EPCI keeps only its communes in its own department). */
function communesOf(area: string): Territory[] {
  if (!communesByArea) {
    communesByArea = new Map();
    const ref = loadReference();
    for (const t of ref.byCode.values()) {
      if (t.level !== 'commune') continue;
      const dep = t.parents.find((p) => p.startsWith('dep:'));
      for (const parent of t.parents) {
        if (!parent.startsWith('dep:') && !parent.startsWith('epci:')) continue;
        if (parent.startsWith('epci:') && ref.byCode.get(parent)?.parents[0] !== dep) continue;
        const list = communesByArea.get(parent);
        if (list) list.push(t);
        else communesByArea.set(parent, [t]);
      }
    }
  }
  return communesByArea.get(area) ?? [];
}

function areasOf(codes: string[]): Area[] {
  const ref = loadReference();
  return codes.map((code) => {
    const key = code.includes(':') ? code : `dep:${code}`;
    const territory = ref.byCode.get(key);
    if (!territory) throw new Error(`unknown territory ${key}`);
    const communes = communesOf(key);
    const population = communes.reduce((s, c) => s + (c.population ?? 0), 0);
    return { code: key, name: territory.name, communes, population };
  });
}

/** Generates organisations following the plan; names are unique within one call. */
export function generateOrganizations(plan: GenerationPlan): DemoOrganization[] {
  const rng = createRng(plan.seed);
  const ref = loadReference();
  const names = new Set<string>(plan.takenNames);
  const rows: DemoOrganization[] = [];
  const pickers = new Map<string, (r: Rng) => Territory>();
  let index = plan.firstIndex ?? 0;

  const communePicker = (area: Area, place: Template['place']) => {
    const key = `${area.code}/${place}`;
    let picker = pickers.get(key);
    if (!picker) {
      const pop = (c: Territory) => c.population ?? 0;
      let candidates = area.communes.filter((c) =>
        place === 'town' ? pop(c) >= 10_000 : place === 'village' ? pop(c) < 2_000 : true,
      );
      // A small area may have no town: fall back to its largest communes.
      if (candidates.length === 0)
        candidates = [...area.communes].sort((a, b) => pop(b) - pop(a)).slice(0, 3);
      picker = weightedPicker(candidates, (c) => Math.max(pop(c), 1));
      pickers.set(key, picker);
    }
    return picker;
  };

  for (const group of plan.groups) {
    const areas = areasOf(group.within);
    const pickArea = weightedPicker(areas, (a) => a.population);
    const kindTemplates = templates.filter((t) => t.kind === group.kind);
    for (let n = 0; n < group.count; n++) {
      const area = pickArea(rng);
      const dep = (area.communes[0]?.parents.find((p) => p.startsWith('dep:')) ?? area.code).slice(4);
      const allowed = kindTemplates.filter((t) => !t.departments || t.departments.includes(dep));
      const template = rng.weighted(allowed.map((t) => [t, t.weight] as const));
      const commune = communePicker(area, template.place)(rng);
      const commDep = commune.parents.find((p) => p.startsWith('dep:'))!.slice(4);
      const place = {
        commune: commune.name,
        departmentCode: commDep,
        departmentName: ref.byCode.get(`dep:${commDep}`)?.name ?? '',
      };
      let pattern = rng.pick(template.patterns);
      let name = fillName(pattern.pattern, rng, place);
      for (let attempt = 0; names.has(name) && attempt < 8; attempt++) {
        pattern = rng.pick(template.patterns);
        name = fillName(pattern.pattern, rng, place);
      }
      if (names.has(name)) name = `${name} (${commune.name})`;
      for (let k = 2; names.has(name); k++) name = `${name.replace(/ \d+$/, '')} ${k}`;
      names.add(name);
      rows.push(buildRow(rng, template, { name, acronym: pattern.acronym }, commune, commDep, index++));
    }
  }
  return rows;
}

function buildRow(
  rng: Rng,
  template: Template,
  { name, acronym }: { name: string; acronym: string | null },
  commune: Territory,
  departmentCode: string,
  index: number,
): DemoOrganization {
  const siren = demoSiren(index);
  const slug = slugify(name).slice(0, 40);
  const kind = template.kind;
  let legalCategory = rng.weighted(template.legalCategories);
  // Alsace-Moselle associations are registered under local law (category 9260).
  if (legalCategory === '9220' && ['57', '67', '68'].includes(departmentCode)) legalCategory = '9260';
  const street = rng.pick(pools.street);
  return {
    kind,
    name,
    acronym,
    siren,
    siret: withLuhnDigit(`${siren}0001`),
    legalCategory,
    esus: kind === 'esus',
    nafCode: rng.pick(template.naf),
    headcountBracket: rng.weighted(template.headcount),
    address: street === 'Grande Rue' || rng.chance(0.1) ? street : `${rng.int(1, 120)} ${street}`,
    postalCode: rng.pick(commune.postcodes?.length ? commune.postcodes : ['00000']),
    communeCode: commune.officialCode,
    communeName: commune.name,
    departmentCode,
    // Reserved names: the .example top-level domain never resolves, and 03 53 01 xx xx is the range ARCEP keeps
    // for fiction in the north-east.
    website: rng.chance(0.6) ? `https://${slug}.example` : null,
    email: rng.chance(0.7) ? `contact@${slug}.example` : null,
    phone: rng.chance(0.5)
      ? `03 53 01 ${String(rng.int(0, 99)).padStart(2, '0')} ${String(rng.int(0, 99)).padStart(2, '0')}`
      : null,
    description: `**${name}** ${template.blurb}, à ${commune.name}.\n\n${closing[kind]}\n\n${DEMO_NOTICE}`,
    tags: rng.sample(template.tags, rng.int(1, template.tags.length)),
    isDemo: true,
    standPitch: template.stand,
  };
}
