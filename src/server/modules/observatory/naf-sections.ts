// The 21 sections of the NAF rév. 2 (INSEE), with the 2-digit divisions each covers.

export type NafSection = { code: string; label: string; from: number; to: number };

const s = (code: string, from: number, to: number, label: string): NafSection => ({ code, from, to, label });

export const nafSections: NafSection[] = [
  s('A', 1, 3, 'Agriculture, sylviculture et pêche'),
  s('B', 5, 9, 'Industries extractives'),
  s('C', 10, 33, 'Industrie manufacturière'),
  s('D', 35, 35, "Production et distribution d'électricité, de gaz, de vapeur et d'air conditionné"),
  s('E', 36, 39, "Production et distribution d'eau ; assainissement, gestion des déchets et dépollution"),
  s('F', 41, 43, 'Construction'),
  s('G', 45, 47, "Commerce ; réparation d'automobiles et de motocycles"),
  s('H', 49, 53, 'Transports et entreposage'),
  s('I', 55, 56, 'Hébergement et restauration'),
  s('J', 58, 63, 'Information et communication'),
  s('K', 64, 66, "Activités financières et d'assurance"),
  s('L', 68, 68, 'Activités immobilières'),
  s('M', 69, 75, 'Activités spécialisées, scientifiques et techniques'),
  s('N', 77, 82, 'Activités de services administratifs et de soutien'),
  s('O', 84, 84, 'Administration publique'),
  s('P', 85, 85, 'Enseignement'),
  s('Q', 86, 88, 'Santé humaine et action sociale'),
  s('R', 90, 93, 'Arts, spectacles et activités récréatives'),
  s('S', 94, 96, 'Autres activités de services'),
  s('T', 97, 98, 'Activités des ménages en tant qu’employeurs ; activités indifférenciées des ménages'),
  s('U', 99, 99, 'Activités extra-territoriales'),
];

const byDivision = new Map<number, string>();
for (const x of nafSections) for (let d = x.from; d <= x.to; d++) byDivision.set(d, x.code);
const labels = new Map(nafSections.map((x) => [x.code, x.label]));

/** "88.99B" → "Q"; null for an empty or unknown code. */
export function nafSectionOf(nafCode: string | null | undefined): string | null {
  if (!nafCode || nafCode.length < 2) return null;
  return byDivision.get(Number(nafCode.slice(0, 2))) ?? null;
}

export const nafSectionLabel = (code: string) => labels.get(code) ?? 'Activité non renseignée';
