import { sql } from 'drizzle-orm';
import iconv from 'iconv-lite';
import Papa from 'papaparse';
import type { Deps } from '../../context.ts';
import { invalidInput } from '../../lib/errors.ts';
import { legalCategoryLabels } from './company-identity.tables.ts';

// INSEE's nomenclature of legal categories, niveau III (4-digit codes), as a CSV exported from INSEE's spreadsheet:
// `;` or `,`, UTF-8 with or without BOM or Windows-1252, columns "Code" and "Libellé" (case and accents ignored).
// The spreadsheet may carry title lines above its header: the header is the first line naming both columns.

export type LegalCategoriesReport = {
  dryRun: boolean;
  /** Data lines read (blank lines not counted). */
  total: number;
  valid: number;
  /** Codes that had no label yet / whose label was replaced (or would be, in a dry run). */
  created: number;
  updated: number;
  errors: { line: number; reason: string }[];
};

const fold = (s: string) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
const codeHeaders = new Set(['code', 'code cj', 'categorie juridique', 'code categorie juridique']);
const labelHeaders = new Set(['libelle', 'intitule', 'libelle cj', 'libelle categorie juridique']);
/** How far down the header may be (title lines of the spreadsheet above it). */
const HEADER_SEARCH_LINES = 20;

/** UTF-8 (with or without BOM) when the bytes are valid UTF-8, else Windows-1252 (Excel's plain "CSV"). */
export function decodeNomenclature(body: Buffer | string): string {
  if (typeof body === 'string') return body.replace(/^\uFEFF/, '');
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch {
    return iconv.decode(body, 'win1252');
  }
}

export type NomenclatureRow = { line: number; code: string; label: string };

/** Reads the file: the good lines, and each bad one with its line number (header = its own line) and reason. */
export function parseLegalCategories(text: string): {
  rows: NomenclatureRow[];
  errors: { line: number; reason: string }[];
} {
  const firstLines = text.split(/\r?\n/, HEADER_SEARCH_LINES);
  const count = (line: string, sep: string) => line.split(sep).length - 1;
  const delimiter = firstLines.some((l) => count(l, ';') > count(l, ',')) ? ';' : ',';
  const records = Papa.parse<string[]>(text, { delimiter, skipEmptyLines: false }).data;
  // Physical line of each record, so that a label spanning several lines does not shift the next ones.
  const lines: number[] = [];
  let next = 1;
  for (const record of records) {
    lines.push(next);
    next += record.join('').split('\n').length;
  }
  const headerIndex = records
    .slice(0, HEADER_SEARCH_LINES)
    .findIndex((r) => r.some((h) => codeHeaders.has(fold(h))) && r.some((h) => labelHeaders.has(fold(h))));
  if (headerIndex < 0)
    throw invalidInput(
      'En-tête introuvable : le fichier doit avoir une colonne « Code » et une colonne « Libellé » (la nomenclature des catégories juridiques de l’INSEE, niveau III).',
      { file: 'colonnes « Code » et « Libellé » absentes' },
    );
  const header = records[headerIndex]!.map(fold);
  const codeAt = header.findIndex((h) => codeHeaders.has(h));
  const labelAt = header.findIndex((h) => labelHeaders.has(h));
  const rows: NomenclatureRow[] = [];
  const errors: { line: number; reason: string }[] = [];
  const seen = new Map<string, number>();
  records.slice(headerIndex + 1).forEach((record, i) => {
    const line = lines[headerIndex + 1 + i]!;
    if (record.every((c) => !c.trim())) return;
    const code = (record[codeAt] ?? '').trim();
    const label = (record[labelAt] ?? '').replace(/\s+/g, ' ').trim();
    if (!/^\d{4}$/.test(code))
      errors.push({ line, reason: `code « ${code} » : il faut un code de catégorie juridique à 4 chiffres` });
    else if (!label) errors.push({ line, reason: `libellé vide pour le code ${code}` });
    else if (label.length > 300)
      errors.push({ line, reason: `libellé de plus de 300 caractères (code ${code})` });
    else if (seen.has(code))
      errors.push({ line, reason: `code ${code} déjà présent ligne ${seen.get(code)}` });
    else {
      seen.set(code, line);
      rows.push({ line, code, label });
    }
  });
  return { rows, errors };
}

/**
 * Imports INSEE's labels: the good lines are stored (a code already known gets its new label), the bad ones are
 * reported. Codes absent from the file keep their label. Nothing is written in a dry run.
 */
export async function importLegalCategories(
  deps: Pick<Deps, 'db' | 'clock'>,
  file: Buffer | string,
  opts: { dryRun: boolean },
): Promise<LegalCategoriesReport> {
  const { rows, errors } = parseLegalCategories(decodeNomenclature(file));
  const known = new Set(
    (await deps.db.select({ code: legalCategoryLabels.code }).from(legalCategoryLabels)).map((r) => r.code),
  );
  const updated = rows.filter((r) => known.has(r.code)).length;
  const report: LegalCategoriesReport = {
    dryRun: opts.dryRun,
    total: rows.length + errors.length,
    valid: rows.length,
    created: rows.length - updated,
    updated,
    errors,
  };
  if (opts.dryRun || rows.length === 0) return report;
  const now = deps.clock();
  await deps.db.transaction(async (tx) => {
    for (let i = 0; i < rows.length; i += 500) {
      await tx
        .insert(legalCategoryLabels)
        .values(rows.slice(i, i + 500).map((r) => ({ code: r.code, label: r.label, importedAt: now })))
        .onConflictDoUpdate({
          target: legalCategoryLabels.code,
          set: { label: sql`excluded.label`, importedAt: sql`excluded.imported_at` },
        });
    }
  });
  return report;
}
