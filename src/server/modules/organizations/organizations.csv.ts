import Papa from 'papaparse';
import { toCsv } from '../../lib/csv.ts';
import { invalidInput } from '../../lib/errors.ts';
import { normalizeName } from '../territories/territories.service.ts';
import type { EditableFields } from './organizations.rules.ts';

// The CSV form of the directory, as French Excel reads and writes it. Import accepts UTF-8 with or without BOM and
// `,` or `;` separators, with French or English headers (case, accents and punctuation ignored). Export writes
// UTF-8 with BOM and `;`, neutralising cells that a spreadsheet would run as a formula.

export type CsvField = keyof EditableFields;

/** Accepted headers per field: the first is the one the export writes. */
export const csvColumns: { field: CsvField; headers: string[] }[] = [
  { field: 'name', headers: ['Nom', 'name', 'raison sociale', 'dénomination', 'denominationUniteLegale'] },
  { field: 'acronym', headers: ['Sigle', 'acronym', 'sigleUniteLegale'] },
  { field: 'siret', headers: ['SIRET', 'siret du siège', 'head office siret'] },
  { field: 'siren', headers: ['SIREN'] },
  {
    field: 'legalCategory',
    headers: ['Catégorie juridique', 'legal category', 'legalCategory', 'categorieJuridiqueUniteLegale'],
  },
  { field: 'esus', headers: ['ESUS', 'agrément ESUS', 'esus approval'] },
  {
    field: 'nafCode',
    headers: ['Code NAF', 'naf', 'code APE', 'ape', 'naf code', 'nafCode', 'activitePrincipaleUniteLegale'],
  },
  {
    field: 'headcountBracket',
    headers: [
      'Tranche effectif',
      'tranche d’effectifs',
      'headcount',
      'headcount bracket',
      'headcountBracket',
      'trancheEffectifsUniteLegale',
    ],
  },
  { field: 'address', headers: ['Adresse', 'address'] },
  { field: 'postalCode', headers: ['Code postal', 'postal code', 'postcode', 'postalCode', 'CP'] },
  {
    field: 'communeCode',
    headers: ['Code commune', 'code INSEE', 'commune code', 'communeCode', 'code commune INSEE'],
  },
  { field: 'website', headers: ['Site web', 'site', 'website', 'url', 'site internet'] },
  { field: 'email', headers: ['Email', 'courriel', 'e-mail', 'mail'] },
  { field: 'phone', headers: ['Téléphone', 'phone', 'tel', 'telephone number'] },
  { field: 'description', headers: ['Description', 'présentation'] },
  { field: 'tags', headers: ['Étiquettes', 'tags', 'mots-clés', 'keywords'] },
];

const fieldByHeader = new Map<string, CsvField>();
for (const c of csvColumns) for (const h of c.headers) fieldByHeader.set(normalizeName(h), c.field);

/** Decodes an uploaded file; refuses anything that is not valid UTF-8 (e.g. Windows-1252) with the reason. */
export function decodeCsv(body: Buffer | string): string {
  if (typeof body === 'string') return body.replace(/^\uFEFF/, '');
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(body);
  } catch {
    throw invalidInput(
      'Le fichier n’est pas encodé en UTF-8 (probablement Windows-1252). Dans Excel, enregistrez-le au format « CSV UTF-8 (délimité par des virgules) ».',
      { file: 'encodage non UTF-8' },
    );
  }
}

/** `;` when the header line has more semicolons than commas (French Excel), `,` otherwise. */
export function detectDelimiter(text: string): ',' | ';' {
  const header = text.split(/\r?\n/, 1)[0] ?? '';
  const semicolons = header.split(';').length - 1;
  const commas = header.split(',').length - 1;
  return semicolons > commas ? ';' : ',';
}

export type ParsedCsv = {
  /** One entry per data row: its line number in the file (header = line 1) and its cells by field. */
  rows: { line: number; cells: Partial<Record<CsvField, string>> }[];
  ignoredColumns: string[];
};

/** Parses the file and maps its headers; refuses it (nothing written) when the name column is missing. */
export function parseOrganizationsCsv(text: string): ParsedCsv {
  const delimiter = detectDelimiter(text);
  const parsed = Papa.parse<string[]>(text, { delimiter, skipEmptyLines: false });
  const [header, ...records] = parsed.data;
  if (!header || header.every((h) => !h.trim())) {
    throw invalidInput('Le fichier est vide ou sans ligne d’en-tête', { file: 'en-tête manquant' });
  }
  const mapping = header.map((h) => fieldByHeader.get(normalizeName(h)));
  if (!mapping.includes('name')) {
    throw invalidInput(
      `Colonne obligatoire absente : le nom de l’organisation (en-têtes acceptés : ${csvColumns[0]!.headers.join(', ')}). Colonnes reconnues : ${csvColumns.map((c) => c.headers[0]).join(', ')}.`,
      { file: 'colonne « Nom » absente' },
    );
  }
  const ignoredColumns = header.filter((h, i) => h.trim() && !mapping[i]);
  // Line numbers follow the physical lines, so that a cell spanning several lines does not shift later rows.
  const rows: ParsedCsv['rows'] = [];
  let line = 2 + (header.join('').match(/\n/g)?.length ?? 0);
  for (const record of records) {
    const start = line;
    line += 1 + record.join('').split('\n').length - 1;
    if (record.every((c) => !c.trim())) continue;
    const cells: Partial<Record<CsvField, string>> = {};
    record.forEach((value, i) => {
      const field = mapping[i];
      if (field && value.trim() !== '') cells[field] = value.trim();
    });
    rows.push({ line: start, cells });
  }
  return { rows, ignoredColumns };
}

/** An example row of the import template, in the order of `csvColumns` (labelled as an example to replace). */
const templateExample: Partial<Record<CsvField, string>> = {
  name: 'Exemple : Les Jardins de Cocagne (à remplacer)',
  acronym: 'JDC',
  siret: '',
  legalCategory: 'Association déclarée',
  esus: 'non',
  nafCode: '01.13Z',
  headcountBracket: '11',
  address: '1 rue de l’Exemple',
  postalCode: '54000',
  communeCode: '54395',
  website: 'https://exemple.org',
  email: 'contact@exemple.org',
  phone: '03 83 00 00 00',
  description: 'Maraîchage biologique et insertion (ligne d’exemple : remplacez-la par vos organisations).',
  tags: 'insertion, alimentation',
};

/** The import template: the French headers (English ones are accepted too) and one example row. */
export function importTemplateCsv(): string {
  return toCsv(
    csvColumns.map((c) => c.headers[0]!),
    [csvColumns.map((c) => templateExample[c.field] ?? '')],
  );
}
