import iconv from 'iconv-lite';
import Papa from 'papaparse';
import { toCsv } from '../../lib/csv.ts';
import { invalidInput } from '../../lib/errors.ts';
import { compactIdentifier } from '../company-identity/siret.ts';
import { detectDelimiter } from '../organizations/organizations.csv.ts';
import { normalizeName } from '../territories/territories.service.ts';

// The CSV of past memberships: one row per organisation and year, as French Excel writes it (UTF-8 with or without
// BOM, or Windows-1252; `;` or `,`), French column names (English accepted; case, accents, punctuation ignored).

export type HistoryField = 'siret' | 'siren' | 'name' | 'year' | 'plan' | 'amount' | 'paid';
export const historyColumns: { field: HistoryField; headers: string[] }[] = [
  { field: 'siret', headers: ['siret'] },
  { field: 'siren', headers: ['siren'] },
  { field: 'name', headers: ['nom', 'name', 'organisation', 'organization', 'raison sociale'] },
  { field: 'year', headers: ['année', 'annee', 'year', 'exercice'] },
  { field: 'plan', headers: ['formule', 'plan'] },
  { field: 'amount', headers: ['montant', 'amount', 'cotisation'] },
  { field: 'paid', headers: ['payé', 'paid', 'réglé'] },
];
const fieldByHeader = new Map<string, HistoryField>();
for (const c of historyColumns) for (const h of c.headers) fieldByHeader.set(normalizeName(h), c.field);

/** UTF-8 (with or without BOM) when the bytes are valid UTF-8, else Windows-1252 (Excel's "CSV (séparateur : point-virgule)"). */
export function decodeHistoryCsv(body: Buffer | string): string {
  if (typeof body === 'string') return body.replace(/^\uFEFF/, '');
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch {
    return iconv.decode(body, 'win1252');
  }
}

export type HistoryRow = {
  line: number;
  siret?: string;
  siren?: string;
  name?: string;
  year?: number;
  plan?: string;
  amountCents?: number;
  paid: boolean;
};
export type RowProblem = { line: number; reason: string };

/** "1 234,56 €", "150", "150.5" → cents; undefined when it is not an amount. */
export function parseEuros(text: string): number | undefined {
  const s = text.replace(/[\s\u00a0\u202f€]/g, '').replace(/^eur/i, '');
  if (!/^\d+([.,]\d{1,2})?$/.test(s)) return undefined;
  const [whole, decimals = ''] = s.split(/[.,]/);
  return Number(whole) * 100 + Number(decimals.padEnd(2, '0'));
}

const yes = new Set(['oui', 'o', 'yes', 'y', 'vrai', 'true', '1', 'x']);
const no = new Set(['non', 'n', 'no', 'faux', 'false', '0']);

/** Parses the file: the rows it could read and the lines it could not, each with its number and a French reason. */
export function parseHistoryCsv(
  text: string,
  currentYear: number,
): { rows: HistoryRow[]; problems: RowProblem[] } {
  const parsed = Papa.parse<string[]>(text, { delimiter: detectDelimiter(text), skipEmptyLines: false });
  const [header, ...records] = parsed.data;
  if (!header || header.every((h) => !h.trim()))
    throw invalidInput('Le fichier est vide ou sans ligne d’en-tête', { file: 'en-tête manquant' });
  const mapping = header.map((h) => fieldByHeader.get(normalizeName(h)));
  if (!mapping.includes('year'))
    throw invalidInput('Colonne « année » absente (en-têtes acceptés : année, year, exercice).', {
      file: 'colonne « année » absente',
    });
  if (!mapping.some((f) => f === 'siret' || f === 'siren' || f === 'name'))
    throw invalidInput(
      'Il faut une colonne « siret », « siren » ou « nom » pour reconnaître l’organisation.',
      {
        file: 'colonne siret, siren ou nom absente',
      },
    );
  const rows: HistoryRow[] = [];
  const problems: RowProblem[] = [];
  let line = 2 + (header.join('').match(/\n/g)?.length ?? 0);
  for (const record of records) {
    const start = line;
    line += record.join('').split('\n').length;
    if (record.every((c) => !c.trim())) continue;
    const cells: Partial<Record<HistoryField, string>> = {};
    record.forEach((v, i) => {
      const f = mapping[i];
      if (f && v.trim()) cells[f] = v.trim();
    });
    const fail = (reason: string) => problems.push({ line: start, reason });
    const row: HistoryRow = { line: start, paid: true };
    if (cells.siret) row.siret = compactIdentifier(cells.siret);
    if (cells.siren) row.siren = compactIdentifier(cells.siren);
    if (cells.name) row.name = cells.name.slice(0, 300);
    if (!row.siret && !row.siren && !row.name) {
      fail('ni SIRET, ni SIREN, ni nom : impossible de reconnaître l’organisation');
      continue;
    }
    if (row.siret && !/^\d{14}$/.test(row.siret)) {
      fail(`SIRET invalide « ${cells.siret} » : 14 chiffres attendus`);
      continue;
    }
    if (row.siren && !/^\d{9}$/.test(row.siren)) {
      fail(`SIREN invalide « ${cells.siren} » : 9 chiffres attendus`);
      continue;
    }
    const year = Number(cells.year);
    if (!cells.year || !/^\d{4}$/.test(cells.year) || year < 1900 || year >= currentYear) {
      fail(
        cells.year
          ? `année invalide « ${cells.year} » : une année passée sur 4 chiffres (avant ${currentYear}) ; l’année en cours se gère dans Maillage`
          : 'année manquante',
      );
      continue;
    }
    row.year = year;
    if (cells.plan) row.plan = cells.plan;
    if (cells.amount) {
      const cents = parseEuros(cells.amount);
      if (cents === undefined || cents > 100_000_000) {
        fail(`montant invalide « ${cells.amount} » : un montant en euros, par exemple 150,00`);
        continue;
      }
      row.amountCents = cents;
    }
    if (cells.paid) {
      const v = normalizeName(cells.paid);
      if (yes.has(v)) row.paid = true;
      else if (no.has(v)) row.paid = false;
      else {
        fail(`« payé » vaut oui ou non (lu : « ${cells.paid} »)`);
        continue;
      }
    }
    rows.push(row);
  }
  return { rows, problems };
}

/** The template: French column names and two example rows, to replace. */
export function historyTemplateCsv(): string {
  return toCsv(
    ['siret', 'siren', 'nom', 'année', 'formule', 'montant', 'payé'],
    [
      ['', '', 'Exemple : Menuiserie Dupont (à remplacer)', '2003', '', '150,00', 'oui'],
      ['00000000000017', '', 'Exemple : Garage du Centre (à remplacer)', '2004', '', '150,00', 'non'],
    ],
  );
}
