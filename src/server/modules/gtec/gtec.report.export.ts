import type { Actor, Deps } from '../../context.ts';
import { toCsv } from '../../lib/csv.ts';
import { buildXlsx } from '../../lib/xlsx.ts';
import { AGE_BAND_LABELS, type AgeBand } from './gtec.questionnaires.ts';
import type { ReportCell } from './gtec.report.model.ts';
import { waveReport } from './gtec.report.ts';

// The report as one long table (table, row, column, value, note) for a spreadsheet: a hidden cell is written
// "secret", never its value. CSV through lib/csv.ts (a label starting with = stays text), XLSX through lib/xlsx.ts.

const SIZE_LABELS: Record<string, string> = {
  '1-9': 'moins de 10 salariés',
  '10-49': '10 à 49 salariés',
  '50-249': '50 à 249 salariés',
  '250+': '250 salariés et plus',
};
const HEADER = ['tableau', 'ligne', 'colonne', 'valeur', 'note'];

type Row = (string | number | null)[];
const row = (table: string, line: string, column: string, c: ReportCell | number | null): Row =>
  typeof c === 'number' || c === null
    ? [table, line, column, c, c === null ? 'non calculable (secret statistique)' : '']
    : [table, line, column, c.value, c.reason ?? ''];

/** The report of a wave as rows (header first); the provisional state is said in the first row. */
export async function reportRows(deps: Pick<Deps, 'db' | 'clock'>, actor: Actor | null, waveId: string) {
  const r = await waveReport(deps, actor, waveId);
  const rows: Row[] = [
    [
      'enquête',
      r.wave.title,
      r.provisional ? 'provisoire (enquête en cours)' : 'définitif',
      r.respondents,
      'entreprises répondantes',
    ],
  ];
  for (const p of r.pyramid) {
    const band = AGE_BAND_LABELS[p.band as AgeBand];
    rows.push(
      row('pyramide des âges', band, 'femmes', p.female),
      row('pyramide des âges', band, 'hommes', p.male),
    );
  }
  const scope = (s: { scope: string; code: string; label: string }) =>
    s.scope === 'size' ? (SIZE_LABELS[s.code] ?? s.code) : s.label;
  for (const s of r.ageShares)
    rows.push(
      row('âges', scope(s), 'effectif', s.total),
      row('âges', scope(s), '50 ans et plus', s.over50),
      row('âges', scope(s), 'part des 50 ans et plus (%)', s.share50),
      row('âges', scope(s), '55 ans et plus', s.over55),
      row('âges', scope(s), 'part des 55 ans et plus (%)', s.share55),
    );
  for (const d of r.retirements)
    rows.push(
      row('départs à la retraite', d.label, 'd’ici 5 ans', d.inFive),
      row('départs à la retraite', d.label, 'd’ici 10 ans', d.inTen),
    );
  for (const d of r.recruitment)
    rows.push(
      row('besoins de recrutement à 12 mois', d.label, 'recrutements', d.count),
      row('besoins de recrutement à 12 mois', d.label, 'difficiles à pourvoir', d.hardToFill),
      row('besoins de recrutement à 12 mois', d.label, 'part difficile à pourvoir (%)', d.hardShare),
    );
  for (const s of r.skills)
    rows.push(row('besoins de compétences', s.label, 'entreprises citant un besoin', s.companies));
  for (const c of r.capacity)
    rows.push(
      row('capacité d’accueil', scope(c), 'stagiaires', c.internships),
      row('capacité d’accueil', scope(c), 'apprentis', c.apprenticeships),
    );
  return {
    rows,
    filename: `rapport-gtec-${r.wave.opensOn.slice(0, 4)}${r.provisional ? '-provisoire' : ''}`,
  };
}

export async function reportCsv(deps: Pick<Deps, 'db' | 'clock'>, actor: Actor | null, waveId: string) {
  const { rows, filename } = await reportRows(deps, actor, waveId);
  return { body: toCsv(HEADER, rows), filename: `${filename}.csv` };
}

export async function reportXlsx(deps: Pick<Deps, 'db' | 'clock'>, actor: Actor | null, waveId: string) {
  const { rows, filename } = await reportRows(deps, actor, waveId);
  return { body: buildXlsx('Rapport GTEC', [HEADER, ...rows]), filename: `${filename}.xlsx` };
}
