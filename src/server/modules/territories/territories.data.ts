import { createRequire } from 'node:module';

// The official reference (communes, EPCI, departments, regions) from @etalab/decoupage-administratif, held in memory:
// it is read-only, versioned with the package, and small (≈ 37,600 entries).

const require = createRequire(import.meta.url);

type RawCommune = {
  code: string;
  nom: string;
  type: 'commune-actuelle' | 'commune-deleguee' | 'commune-associee' | 'arrondissement-municipal';
  departement?: string;
  region?: string;
  commune?: string;
  chefLieu?: string;
  codesPostaux?: string[];
  population?: number;
  anciensCodes?: string[];
};
type RawEpci = {
  code: string;
  nom: string;
  type: string;
  populationMunicipale?: number;
  membres: { code: string }[];
};
type RawDepartment = { code: string; nom: string; region: string };
type RawRegion = { code: string; nom: string };

export type TerritoryLevel = 'country' | 'region' | 'department' | 'epci' | 'commune';

export type Territory = {
  /** Canonical code: fr, region:44, dep:54, epci:200069052, com:54395 */
  code: string;
  level: TerritoryLevel;
  /** The official code without prefix (INSEE or SIREN). */
  officialCode: string;
  name: string;
  population?: number;
  postcodes?: string[];
  /** Canonical codes of the parents, nearest first (commune → epci → dep → region → fr). */
  parents: string[];
};

export type Reference = {
  byCode: Map<string, Territory>;
  children: Map<string, string[]>;
  /** Any INSEE commune code seen in the wild (delegated, associated, arrondissement, former) → current commune. */
  communeAlias: Map<string, string>;
  /** Normalised search key per territory, for name search. */
  searchKeys: { key: string; code: string }[];
  /** Postcode → commune canonical codes. */
  byPostcode: Map<string, string[]>;
};

/** Lower-case, accents stripped, punctuation and "saint"/"st" folded: "Saint-Dizier" → "st dizier". */
export function normalizeName(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/œ/g, 'oe')
    .replace(/æ/g, 'ae')
    .replace(/[^a-z0-9]+/g, ' ')
    .replace(/\b(saint|st)\b/g, 'st')
    .replace(/\b(sainte|ste)\b/g, 'ste')
    .trim();
}

let reference: Reference | undefined;

export function loadReference(): Reference {
  if (reference) return reference;
  const communes: RawCommune[] = require('@etalab/decoupage-administratif/data/communes.json');
  const epcis: RawEpci[] = require('@etalab/decoupage-administratif/data/epci.json');
  const departments: RawDepartment[] = require('@etalab/decoupage-administratif/data/departements.json');
  const regions: RawRegion[] = require('@etalab/decoupage-administratif/data/regions.json');

  const byCode = new Map<string, Territory>();
  const children = new Map<string, string[]>();
  const addChild = (parent: string, child: string) => {
    const list = children.get(parent);
    if (list) list.push(child);
    else children.set(parent, [child]);
  };

  byCode.set('fr', { code: 'fr', level: 'country', officialCode: 'FR', name: 'France', parents: [] });
  for (const r of regions) {
    byCode.set(`region:${r.code}`, {
      code: `region:${r.code}`,
      level: 'region',
      officialCode: r.code,
      name: r.nom,
      parents: ['fr'],
    });
    addChild('fr', `region:${r.code}`);
  }
  for (const d of departments) {
    const code = `dep:${d.code}`;
    byCode.set(code, {
      code,
      level: 'department',
      officialCode: d.code,
      name: d.nom,
      parents: [`region:${d.region}`, 'fr'],
    });
    addChild(`region:${d.region}`, code);
  }
  const epciOfCommune = new Map<string, string>();
  for (const e of epcis) for (const m of e.membres) epciOfCommune.set(m.code, `epci:${e.code}`);

  const communeAlias = new Map<string, string>();
  const byPostcode = new Map<string, string[]>();
  const areaPopulation = new Map<string, number>();
  for (const c of communes) {
    if (c.type !== 'commune-actuelle' || !c.departement || !c.region) continue;
    const code = `com:${c.code}`;
    const epci = epciOfCommune.get(c.code);
    const parents = [...(epci ? [epci] : []), `dep:${c.departement}`, `region:${c.region}`, 'fr'];
    byCode.set(code, {
      code,
      level: 'commune',
      officialCode: c.code,
      name: c.nom,
      population: c.population,
      postcodes: c.codesPostaux ?? [],
      parents,
    });
    addChild(epci ?? `dep:${c.departement}`, code);
    communeAlias.set(c.code, c.code);
    for (const old of c.anciensCodes ?? []) if (!communeAlias.has(old)) communeAlias.set(old, c.code);
    for (const pc of c.codesPostaux ?? []) {
      const list = byPostcode.get(pc);
      if (list) list.push(code);
      else byPostcode.set(pc, [code]);
    }
    for (const area of [epci, `dep:${c.departement}`, `region:${c.region}`]) {
      if (area) areaPopulation.set(area, (areaPopulation.get(area) ?? 0) + (c.population ?? 0));
    }
  }
  for (const c of communes) {
    const parent =
      c.type === 'arrondissement-municipal'
        ? c.commune
        : c.type !== 'commune-actuelle'
          ? c.chefLieu
          : undefined;
    if (parent && !communeAlias.has(c.code)) communeAlias.set(c.code, parent);
  }
  for (const e of epcis) {
    const code = `epci:${e.code}`;
    // An EPCI's department is that of most of its members (a few straddle two departments).
    const counts = new Map<string, number>();
    for (const m of e.membres) {
      const dep = byCode.get(`com:${m.code}`)?.parents.find((p) => p.startsWith('dep:'));
      if (dep) counts.set(dep, (counts.get(dep) ?? 0) + 1);
    }
    const dep = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
    const region = dep ? byCode.get(dep)?.parents[0] : undefined;
    byCode.set(code, {
      code,
      level: 'epci',
      officialCode: e.code,
      name: e.nom,
      parents: [...(dep ? [dep] : []), ...(region ? [region] : []), 'fr'],
    });
    if (dep) addChild(dep, code);
  }
  for (const [code, population] of areaPopulation) {
    const t = byCode.get(code);
    if (t) t.population = population;
  }
  const searchKeys = [...byCode.values()].map((t) => ({ key: normalizeName(t.name), code: t.code }));
  reference = { byCode, children, communeAlias, searchKeys, byPostcode };
  return reference;
}
