// Sirene headcount brackets (trancheEffectifs). Jobs estimated from brackets are ranges: low and high bounds,
// and a central value (the geometric mean of the bounds, as the bracket distribution is skewed to its low end).

export type HeadcountBracket = {
  code: string;
  low: number;
  high: number;
  label: { fr: string; en: string };
};

const b = (code: string, low: number, high: number, fr: string, en: string): HeadcountBracket => ({
  code,
  low,
  high,
  label: { fr, en },
});

export const headcountBrackets: HeadcountBracket[] = [
  b('NN', 0, 0, 'Aucun salarié', 'No employees'),
  b('00', 0, 0, '0 salarié au 31/12 (mais employeur dans l’année)', '0 at 31 Dec (employer during the year)'),
  b('01', 1, 2, '1 ou 2 salariés', '1–2 employees'),
  b('02', 3, 5, '3 à 5 salariés', '3–5 employees'),
  b('03', 6, 9, '6 à 9 salariés', '6–9 employees'),
  b('11', 10, 19, '10 à 19 salariés', '10–19 employees'),
  b('12', 20, 49, '20 à 49 salariés', '20–49 employees'),
  b('21', 50, 99, '50 à 99 salariés', '50–99 employees'),
  b('22', 100, 199, '100 à 199 salariés', '100–199 employees'),
  b('31', 200, 249, '200 à 249 salariés', '200–249 employees'),
  b('32', 250, 499, '250 à 499 salariés', '250–499 employees'),
  b('41', 500, 999, '500 à 999 salariés', '500–999 employees'),
  b('42', 1000, 1999, '1 000 à 1 999 salariés', '1,000–1,999 employees'),
  b('51', 2000, 4999, '2 000 à 4 999 salariés', '2,000–4,999 employees'),
  b('52', 5000, 9999, '5 000 à 9 999 salariés', '5,000–9,999 employees'),
  b('53', 10000, 20000, '10 000 salariés et plus', '10,000 employees or more'),
];

export const headcountBracketCodes = headcountBrackets.map((x) => x.code);
const byCode = new Map(headcountBrackets.map((x) => [x.code, x]));

export const findHeadcountBracket = (code: string | null | undefined) =>
  code ? byCode.get(code) : undefined;

/** Central estimate of the jobs in a bracket: geometric mean of its bounds (0 for none). */
export function centralJobs(bracket: HeadcountBracket): number {
  if (bracket.high === 0) return 0;
  return Math.sqrt(bracket.low * bracket.high);
}
