import { normalizeName } from '../territories/territories.service.ts';
import { nafSubclassLines } from './naf-rev2.data.ts';

// NAF rév. 2: 21 sections (A–U) → 88 divisions → … → 732 sub-classes ("88.99B"). The section of a sub-class follows
// from its division (first two digits), through the official division ranges below.

export type NafSection = { code: string; label: string; divisions: [number, number] };

export const nafSections: NafSection[] = [
  { code: 'A', label: 'Agriculture, sylviculture et pêche', divisions: [1, 3] },
  { code: 'B', label: 'Industries extractives', divisions: [5, 9] },
  { code: 'C', label: 'Industrie manufacturière', divisions: [10, 33] },
  {
    code: 'D',
    label: "Production et distribution d'électricité, de gaz, de vapeur et d'air conditionné",
    divisions: [35, 35],
  },
  {
    code: 'E',
    label: "Production et distribution d'eau ; assainissement, gestion des déchets et dépollution",
    divisions: [36, 39],
  },
  { code: 'F', label: 'Construction', divisions: [41, 43] },
  { code: 'G', label: "Commerce ; réparation d'automobiles et de motocycles", divisions: [45, 47] },
  { code: 'H', label: 'Transports et entreposage', divisions: [49, 53] },
  { code: 'I', label: 'Hébergement et restauration', divisions: [55, 56] },
  { code: 'J', label: 'Information et communication', divisions: [58, 63] },
  { code: 'K', label: "Activités financières et d'assurance", divisions: [64, 66] },
  { code: 'L', label: 'Activités immobilières', divisions: [68, 68] },
  { code: 'M', label: 'Activités spécialisées, scientifiques et techniques', divisions: [69, 75] },
  { code: 'N', label: 'Activités de services administratifs et de soutien', divisions: [77, 82] },
  { code: 'O', label: 'Administration publique', divisions: [84, 84] },
  { code: 'P', label: 'Enseignement', divisions: [85, 85] },
  { code: 'Q', label: 'Santé humaine et action sociale', divisions: [86, 88] },
  { code: 'R', label: 'Arts, spectacles et activités récréatives', divisions: [90, 93] },
  { code: 'S', label: 'Autres activités de services', divisions: [94, 96] },
  {
    code: 'T',
    label:
      "Activités des ménages en tant qu'employeurs ; activités indifférenciées des ménages en tant que producteurs de biens et services pour usage propre",
    divisions: [97, 98],
  },
  { code: 'U', label: 'Activités extra-territoriales', divisions: [99, 99] },
];

export const nafSectionCodes = nafSections.map((s) => s.code);

export type NafSubclass = { code: string; label: string; section: string };

function sectionOfDivision(division: number): string | undefined {
  return nafSections.find((s) => division >= s.divisions[0] && division <= s.divisions[1])?.code;
}

export const nafSubclasses: NafSubclass[] = nafSubclassLines.split('\n').map((line) => {
  const [code, label] = line.split('|') as [string, string];
  return { code, label, section: sectionOfDivision(Number(code.slice(0, 2)))! };
});

const byCode = new Map(nafSubclasses.map((n) => [n.code, n]));
const searchKeys = nafSubclasses.map((n) => ({ n, key: normalizeName(`${n.code} ${n.label}`) }));

/**
 * The canonical form of a NAF code ("8899B", "88.99b", " 88.99B " → "88.99B"), or undefined when it is not one of
 * the 732 sub-classes.
 */
export function canonicalNafCode(input: string): string | undefined {
  const compact = input.trim().toUpperCase().replace(/[\s.]/g, '');
  if (!/^\d{4}[A-Z]$/.test(compact)) return undefined;
  const code = `${compact.slice(0, 2)}.${compact.slice(2)}`;
  return byCode.has(code) ? code : undefined;
}

export const findNaf = (code: string | null | undefined) =>
  code ? byCode.get(canonicalNafCode(code) ?? '') : undefined;

export const nafSectionLabel = (code: string | null | undefined) =>
  code ? nafSections.find((s) => s.code === code)?.label : undefined;

/** Search sub-classes by code prefix ("88.9", "889") or words of the label, accent-insensitive. */
export function searchNaf(q: string | undefined, limit = 50): NafSubclass[] {
  const query = (q ?? '').trim();
  if (!query) return nafSubclasses.slice(0, limit);
  const compact = query.toUpperCase().replace(/[\s.]/g, '');
  if (/^\d{1,4}[A-Z]?$/.test(compact)) {
    return nafSubclasses.filter((n) => n.code.replace('.', '').startsWith(compact)).slice(0, limit);
  }
  const words = normalizeName(query).split(' ').filter(Boolean);
  return searchKeys
    .filter(({ key }) => words.every((w) => key.includes(w)))
    .map(({ n }) => n)
    .slice(0, limit);
}
