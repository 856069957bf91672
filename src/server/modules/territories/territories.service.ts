import { invalidInput, notFound } from '../../lib/errors.ts';
import { loadReference, normalizeName, type Territory, type TerritoryLevel } from './territories.data.ts';

export type { Territory, TerritoryLevel } from './territories.data.ts';
export { normalizeName } from './territories.data.ts';

const levelPrefix: Record<string, TerritoryLevel> = {
  region: 'region',
  dep: 'department',
  epci: 'epci',
  com: 'commune',
};

/**
 * Turns any accepted form into the canonical code: "dep:54", "54" (department), "54395" (commune),
 * "com:13201" (arrondissement → its commune), "region:44", "epci:200069052", "fr". Undefined when unknown.
 */
export function canonicalTerritoryCode(input: string): string | undefined {
  const ref = loadReference();
  const raw = input.trim();
  const lower = raw.toLowerCase();
  if (lower === 'fr' || lower === 'france') return 'fr';
  const [prefix, value] = lower.includes(':') ? lower.split(':', 2) : ['', lower];
  if (prefix === 'com' || (!prefix && /^[0-9][0-9ab][0-9]{3}$/.test(value))) {
    const commune = ref.communeAlias.get(value.toUpperCase());
    return commune ? `com:${commune}` : undefined;
  }
  if (!prefix && /^(\d{2,3}|2[ab])$/.test(value))
    return ref.byCode.has(`dep:${value.toUpperCase()}`) ? `dep:${value.toUpperCase()}` : undefined;
  if (prefix && prefix in levelPrefix) {
    const code = `${prefix}:${value.toUpperCase()}`;
    return ref.byCode.has(code) ? code : undefined;
  }
  return undefined;
}

/** The territory for a code, or undefined. */
export function findTerritory(code: string): Territory | undefined {
  const canonical = canonicalTerritoryCode(code);
  return canonical ? loadReference().byCode.get(canonical) : undefined;
}

/** The territory for a code; a 400 naming `field` when the code is unknown. */
export function requireTerritory(code: string, field = 'territory'): Territory {
  const t = findTerritory(code);
  if (!t) throw invalidInput(`Territoire inconnu : ${code}`, { [field]: `territoire inconnu : ${code}` });
  return t;
}

/** A territory with its parents and direct children (404 when unknown). */
export function getTerritory(code: string) {
  const t = findTerritory(code);
  if (!t) throw notFound(`Territoire inconnu : ${code}`);
  const ref = loadReference();
  const summary = (c: string) => {
    const x = ref.byCode.get(c)!;
    return { code: x.code, level: x.level, name: x.name, officialCode: x.officialCode };
  };
  const children = (ref.children.get(t.code) ?? [])
    .map(summary)
    .sort((a, b) => a.name.localeCompare(b.name, 'fr'));
  return { ...t, parents: t.parents.map(summary), children };
}

/** For a commune code: its commune, EPCI, department and region codes (denormalised onto rows for filtering). */
export function communeAncestry(
  communeCode: string,
):
  | { communeCode: string; epciCode: string | null; departmentCode: string; regionCode: string; name: string }
  | undefined {
  const code = canonicalTerritoryCode(communeCode.includes(':') ? communeCode : `com:${communeCode}`);
  const t = code ? loadReference().byCode.get(code) : undefined;
  if (t?.level !== 'commune') return undefined;
  const epci = t.parents.find((p) => p.startsWith('epci:'));
  const dep = t.parents.find((p) => p.startsWith('dep:'))!;
  const region = t.parents.find((p) => p.startsWith('region:'))!;
  return {
    communeCode: t.officialCode,
    epciCode: epci ? epci.slice(5) : null,
    departmentCode: dep.slice(4),
    regionCode: region.slice(7),
    name: t.name,
  };
}

/**
 * Every commune code the reference knows (current, former, delegated, associated, arrondissement), with its current
 * commune and that commune's EPCI, department and region: [code, commune, epci | null, department, region]. Only the
 * codes starting with one of `departments` when given. For bulk lookups (the Sirene import joins on it).
 */
export function communeCodeRows(departments?: string[] | null): (string | null)[][] {
  const rows: (string | null)[][] = [];
  for (const [raw, current] of loadReference().communeAlias) {
    if (departments && !departments.some((d) => raw.startsWith(d))) continue;
    const a = communeAncestry(current);
    if (a) rows.push([raw, a.communeCode, a.epciCode, a.departmentCode, a.regionCode]);
  }
  return rows;
}

/**
 * Which column of a row carrying (commune, epci, department, region) codes a territory filters on,
 * and the value: `{ column: 'departmentCode', value: '54' }`. France filters nothing.
 */
export function territoryFilter(code: string, field = 'territory') {
  const t = requireTerritory(code, field);
  const columns = {
    commune: 'communeCode',
    epci: 'epciCode',
    department: 'departmentCode',
    region: 'regionCode',
  } as const;
  if (t.level === 'country') return null;
  return { column: columns[t.level], value: t.officialCode, territory: t };
}

/**
 * Search by name or postcode, accent- and case-insensitive ("st dizier", "saint-dizier", "52100").
 * Exact and prefix matches first, then larger populations.
 */
export function searchTerritories(q: string, opts: { levels?: TerritoryLevel[]; limit?: number } = {}) {
  const ref = loadReference();
  const limit = Math.min(opts.limit ?? 10, 50);
  const wanted = (t: Territory) => !opts.levels || opts.levels.includes(t.level);
  const query = q.trim();
  const results: Territory[] = [];
  if (/^\d{5}$/.test(query)) {
    for (const code of ref.byPostcode.get(query) ?? []) results.push(ref.byCode.get(code)!);
    results.sort((a, b) => (b.population ?? 0) - (a.population ?? 0));
    const byInsee = ref.communeAlias.get(query);
    if (byInsee && !results.some((r) => r.officialCode === byInsee))
      results.push(ref.byCode.get(`com:${byInsee}`)!);
  } else if (/^\d{2,4}$/.test(query)) {
    for (const [pc, codes] of ref.byPostcode)
      if (pc.startsWith(query)) for (const c of codes) results.push(ref.byCode.get(c)!);
    const dep = ref.byCode.get(`dep:${query}`);
    if (dep) results.unshift(dep);
  } else {
    const key = normalizeName(query);
    if (!key) return [];
    const scored: { t: Territory; score: number }[] = [];
    for (const entry of ref.searchKeys) {
      let score = -1;
      if (entry.key === key) score = 3;
      else if (entry.key.startsWith(key)) score = 2;
      else if (entry.key.includes(` ${key}`)) score = 1;
      else if (entry.key.includes(key)) score = 0;
      if (score >= 0) scored.push({ t: ref.byCode.get(entry.code)!, score });
    }
    const levelRank: Record<TerritoryLevel, number> = {
      country: 0,
      region: 1,
      department: 2,
      epci: 3,
      commune: 4,
    };
    scored.sort(
      (a, b) =>
        b.score - a.score ||
        (b.t.population ?? 0) - (a.t.population ?? 0) ||
        levelRank[a.t.level] - levelRank[b.t.level],
    );
    for (const s of scored) results.push(s.t);
  }
  return results
    .filter(wanted)
    .slice(0, limit)
    .map((t) => withLabel(t));
}

/** "Saint-Dizier (52)" for communes, "Haute-Marne (52)" for departments, the plain name otherwise. */
function withLabel(t: Territory) {
  const ref = loadReference();
  const dep = t.parents.find((p) => p.startsWith('dep:'));
  const label =
    t.level === 'commune' && dep
      ? `${t.name} (${dep.slice(4)})`
      : t.level === 'department'
        ? `${t.name} (${t.officialCode})`
        : t.level === 'epci' && dep
          ? `${t.name} (${ref.byCode.get(dep)?.name ?? ''})`
          : t.name;
  return {
    code: t.code,
    level: t.level,
    name: t.name,
    label,
    officialCode: t.officialCode,
    postcodes: t.postcodes,
    population: t.population,
  };
}
