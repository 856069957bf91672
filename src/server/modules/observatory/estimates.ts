import { centralJobs, headcountBrackets } from '../company-identity/headcount.ts';

// Jobs estimated from Sirene headcount brackets (see the methodology page): each employer establishment counts for
// the low bound, the high bound and the central value (geometric mean, company-identity) of its bracket; an employer
// establishment without a bracket counts as 1–2 employees. Size classes group the brackets.

export const sizeClasses = [
  { code: '0', label: '0 salarié au 31/12' },
  { code: '1-9', label: '1 à 9 salariés' },
  { code: '10-49', label: '10 à 49 salariés' },
  { code: '50-249', label: '50 à 249 salariés' },
  { code: '250+', label: '250 salariés et plus' },
  { code: '?', label: 'Effectif non renseigné' },
] as const;

export function sizeClassOf(bracket: string | null | undefined): string {
  if (!bracket || bracket === '?') return '?';
  if (bracket === 'NN' || bracket === '00') return '0';
  const n = Number(bracket);
  if (n <= 3) return '1-9';
  if (n <= 12) return '10-49';
  if (n <= 31) return '50-249';
  return '250+';
}

/** Rows (bracket code, low, central, high, size class) for the aggregation, with '?' for a missing bracket. */
export function bracketTable(): [string, number, number, number, string][] {
  const rows = headcountBrackets.map(
    (b) =>
      [b.code, b.low, centralJobs(b), b.high, sizeClassOf(b.code)] as [
        string,
        number,
        number,
        number,
        string,
      ],
  );
  const one = headcountBrackets.find((b) => b.code === '01')!;
  rows.push(['?', one.low, centralJobs(one), one.high, '?']);
  return rows;
}

/** Rounds a count of jobs the way the published notes do ("30 500"): the estimate is no more precise than that. */
export const roundJobs = (n: number) =>
  n >= 10_000 ? Math.round(n / 100) * 100 : n >= 1_000 ? Math.round(n / 10) * 10 : n;
