import Papa from 'papaparse';
import type { Actor, Deps } from '../../context.ts';
import type { Db } from '../../db/client.ts';
import { toCsv } from '../../lib/csv.ts';
import { invalidInput } from '../../lib/errors.ts';
import { detectDelimiter } from '../organizations/organizations.csv.ts';
import {
  AGE_BAND_LABELS,
  AGE_BANDS,
  type AgeBand,
  CONTRACT_LABELS,
  type Contract,
  type GtecData,
  type HeadcountLine,
  type PulseData,
} from './gtec.questionnaires.ts';
import { myAnswer, requireRespondent, saveDraft } from './gtec.respondent.ts';
import { foldText } from './rome.rules.ts';
import { romeLabels } from './rome.service.ts';

// The headcount as a CSV file, for a larger company: one line per occupation × age band × sex × contract, French
// column names (README). An upload keeps the good lines (they replace the draft's headcount) and lists the bad
// ones with their line number and reason. Also the template to download, and the company's own answers as CSV.

export const HEADCOUNT_COLUMNS = ['code_rome', 'tranche_age', 'sexe', 'contrat', 'effectif'] as const;

export function headcountTemplate(): string {
  return toCsv(
    [...HEADCOUNT_COLUMNS],
    [
      ['H2913', '50-54', 'H', 'CDI', 4],
      ['H2913', '25-29', 'F', 'CDD', 1],
      ['M1607', '55-59', 'F', 'CDI', 1],
    ],
  );
}

const MAX_REPORTED = 500;
const MAX_LINES = 20_000;

/** An age band as people write it: "20-24", "20 à 24 ans", "moins de 20", "<20", "65+", "65 et plus". */
export function parseAgeBand(raw: string): AgeBand | null {
  const s = raw.trim().toLowerCase().replace(/\s+/g, ' ');
  if (/^(<\s*20|moins de 20( ans)?|u20)$/.test(s)) return 'u20';
  if (/^(65\s*\+|65 (ans )?et plus|>=?\s*65)$/.test(s)) return '65+';
  const m = /^(\d{2})\s*(?:-|–|à|a|_)\s*(\d{2})( ans)?$/.exec(s);
  if (!m) return null;
  const band = `${m[1]}-${m[2]}` as AgeBand;
  return AGE_BANDS.includes(band) ? band : null;
}

const contractOf = (raw: string): Contract | null => {
  const s = foldText(raw);
  return (
    (
      {
        cdi: 'cdi',
        cdd: 'cdd',
        apprentissage: 'apprentissage',
        apprenti: 'apprentissage',
        interim: 'interim',
        autre: 'autre',
      } as const
    )[s as 'cdi'] ?? null
  );
};
const sexOf = (raw: string) =>
  (({ f: 'F', femme: 'F', h: 'M', m: 'M', homme: 'M' }) as const)[foldText(raw) as 'f'] ?? null;

export type CsvReport = {
  lines: number;
  kept: number;
  bad: number;
  errors: { line: number; reason: string }[];
  saved: boolean;
};

/** Reads a headcount file: good lines and the report of the bad ones (unknown codes checked against the referential). */
export async function parseHeadcountCsv(db: Db, file: Buffer | string) {
  const text = (typeof file === 'string' ? file : file.toString('utf8')).replace(/^\uFEFF/, '');
  if (!text.trim()) throw invalidInput('Fichier vide', { file: 'fichier vide' });
  const parsed = Papa.parse<string[]>(text, { delimiter: detectDelimiter(text), skipEmptyLines: 'greedy' });
  const [header = [], ...rows] = parsed.data;
  const columns = header.map((h) => foldText(h).replace(/ /g, '_'));
  const missing = HEADCOUNT_COLUMNS.filter((c) => !columns.includes(c));
  if (missing.length)
    throw invalidInput('Colonnes manquantes', {
      file: `colonnes manquantes : ${missing.join(', ')} (attendu : ${HEADCOUNT_COLUMNS.join(';')})`,
    });
  if (rows.length > MAX_LINES)
    throw invalidInput('Fichier trop long', { file: `${MAX_LINES} lignes au plus` });
  const at = (row: string[], c: string) => (row[columns.indexOf(c)] ?? '').trim();
  const labels = await romeLabels(
    db,
    rows.map((r) => at(r, 'code_rome').toUpperCase()),
  );
  const report: CsvReport = { lines: rows.length, kept: 0, bad: 0, errors: [], saved: false };
  const good: HeadcountLine[] = [];
  const seen = new Map<string, number>();
  rows.forEach((row, i) => {
    const line = i + 2;
    const reason = (() => {
      const rome = at(row, 'code_rome').toUpperCase();
      if (!/^[A-N]\d{4}$/.test(rome))
        return `code_rome : « ${rome} » n’est pas un code ROME (une lettre et 4 chiffres)`;
      if (!labels.has(rome)) return `code_rome : ${rome} est inconnu du référentiel ROME`;
      const ageBand = parseAgeBand(at(row, 'tranche_age'));
      if (!ageBand)
        return `tranche_age : « ${at(row, 'tranche_age')} » inconnue (moins de 20, 20-24, …, 60-64, 65 et plus)`;
      const sex = sexOf(at(row, 'sexe'));
      if (!sex) return `sexe : « ${at(row, 'sexe')} » (F ou H attendu)`;
      const contract = contractOf(at(row, 'contrat'));
      if (!contract) return `contrat : « ${at(row, 'contrat')} » (CDI, CDD, apprentissage, intérim ou autre)`;
      const raw = at(row, 'effectif').replace(/\s/g, '');
      if (/^-\d/.test(raw)) return `effectif : ${raw} est négatif`;
      if (!/^\d+$/.test(raw)) return `effectif : « ${raw} » n’est pas un nombre entier`;
      const count = Number(raw);
      if (count > 1_000_000) return 'effectif : 1 000 000 au plus';
      const key = `${rome}|${ageBand}|${sex}|${contract}`;
      const first = seen.get(key);
      if (first) return `ligne en double de la ligne ${first}`;
      seen.set(key, line);
      good.push({ rome, ageBand, sex, contract, count });
      return null;
    })();
    if (reason) {
      report.bad++;
      if (report.errors.length < MAX_REPORTED) report.errors.push({ line, reason });
    } else report.kept++;
  });
  return { good, report };
}

/** Uploads the headcount: the good lines replace the draft's headcount; the bad ones are reported. */
export async function uploadHeadcount(
  deps: Pick<Deps, 'db' | 'config' | 'clock'>,
  actor: Actor | null,
  waveId: string,
  token: string | undefined,
  file: Buffer | string,
): Promise<CsvReport> {
  const who = await requireRespondent(deps, actor, waveId, token);
  if (who.kind !== 'gtec')
    throw invalidInput('Questionnaire sans effectifs', { file: 'cette enquête ne demande pas d’effectifs' });
  const { good, report } = await parseHeadcountCsv(deps.db, file);
  if (good.length) {
    await saveDraft(deps, actor, waveId, token, { headcount: good });
    report.saved = true;
  }
  return report;
}

const bool = (b: boolean | undefined) => (b ? 'oui' : 'non');

/** The company's own answers as CSV (French Excel): one line per answer line, its section first. */
export async function myAnswerCsv(
  deps: Pick<Deps, 'db' | 'config' | 'clock'>,
  actor: Actor | null,
  waveId: string,
  token?: string,
) {
  const mine = await myAnswer(deps, actor, waveId, token);
  const data = (mine.answer?.data ?? {}) as GtecData & { pulse?: PulseData };
  const label = (code: string | null | undefined) => (code ? (mine.romeLabels[code] ?? '') : '');
  const header = [
    'rubrique',
    'code_rome',
    'metier',
    'tranche_age',
    'sexe',
    'contrat',
    'nombre',
    'difficile_a_pourvoir',
    'saisonnier',
    'texte',
  ];
  const rows: (string | number | null)[][] = [];
  for (const l of data.headcount ?? [])
    rows.push([
      'effectif',
      l.rome,
      label(l.rome),
      AGE_BAND_LABELS[l.ageBand],
      l.sex === 'F' ? 'F' : 'H',
      CONTRACT_LABELS[l.contract],
      l.count,
      null,
      null,
      null,
    ]);
  for (const l of data.retirements ?? []) {
    rows.push(['départs à 5 ans', l.rome, label(l.rome), null, null, null, l.within5, null, null, null]);
    rows.push(['départs à 10 ans', l.rome, label(l.rome), null, null, null, l.within10, null, null, null]);
  }
  for (const l of data.recruitment ?? [])
    rows.push([
      'recrutements à 12 mois',
      l.rome,
      label(l.rome),
      null,
      null,
      null,
      l.count,
      bool(l.hardToFill),
      bool(l.seasonal),
      null,
    ]);
  for (const l of data.skills ?? []) {
    rows.push(['compétence manquante', l.rome, label(l.rome), null, null, null, null, null, null, l.gap]);
    if (l.training)
      rows.push([
        'besoin de formation',
        l.rome,
        label(l.rome),
        null,
        null,
        null,
        null,
        null,
        null,
        l.training,
      ]);
  }
  if (data.capacity) {
    rows.push([
      'capacité d’accueil de stagiaires',
      null,
      null,
      null,
      null,
      null,
      data.capacity.internships,
      null,
      null,
      null,
    ]);
    rows.push([
      'capacité d’accueil d’apprentis',
      null,
      null,
      null,
      null,
      null,
      data.capacity.apprenticeships,
      null,
      null,
      null,
    ]);
  }
  if (data.pulse)
    for (const [k, v] of Object.entries(data.pulse))
      rows.push([
        `flash : ${k}`,
        null,
        null,
        null,
        null,
        null,
        typeof v === 'number' ? v : null,
        null,
        null,
        typeof v === 'number' ? null : Array.isArray(v) ? v.join(', ') : String(v),
      ]);
  return { filename: `reponses-${mine.wave.id.slice(0, 8)}.csv`, csv: toCsv(header, rows) };
}
