import { nafSections, nafSectionLabel as sectionLabel } from '../company-identity/naf.ts';

// The 21 sections of the NAF rév. 2 come from company-identity; the observatory only needs a fast code → section
// lookup (millions of rows) and a label for the "unknown activity" cell.

export { nafSections };

const byDivision = new Map<number, string>();
for (const s of nafSections) for (let d = s.divisions[0]; d <= s.divisions[1]; d++) byDivision.set(d, s.code);

/** NAF divisions ("01" … "99") with their section, for bulk lookups. */
export const nafDivisions = (): [string, string][] =>
  [...byDivision].map(([d, section]) => [String(d).padStart(2, '0'), section]);

/** "88.99B" → "Q"; null for an empty or unknown code. */
export function nafSectionOf(nafCode: string | null | undefined): string | null {
  if (!nafCode || nafCode.length < 2) return null;
  return byDivision.get(Number(nafCode.slice(0, 2))) ?? null;
}

export const nafSectionLabel = (code: string) => sectionLabel(code) ?? 'Activité non renseignée';
