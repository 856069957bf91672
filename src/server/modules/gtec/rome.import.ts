import { readdir, readFile, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import Papa from 'papaparse';
import type { Actor, Deps } from '../../context.ts';
import type { Db } from '../../db/client.ts';
import { forbidden, invalidInput } from '../../lib/errors.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { download } from '../observatory/sirene-source.ts';
import { detectDelimiter } from '../organizations/organizations.csv.ts';
import { romeAppellations, romeCodes, romeDomains, romeImports } from './gtec.tables.ts';
import {
  type Cells,
  foldText,
  normaliseColumn,
  parseAppellationLine,
  parseCodeLine,
  parseDomainLine,
  type RomeFileKind,
  requiredColumns,
  romeFileOf,
} from './rome.rules.ts';

// Importing France Travail's ROME referential from its three official CSV files (codes, appellations, domains),
// given as a folder, files or URLs. Every line is checked; bad lines are reported with their number and the good
// ones kept; then, unless it is a dry run, the new version replaces the previous one in one transaction (the
// referential is one version at a time: a questionnaire answer keeps the codes it was given with).

const MAX_REPORTED = 200;
const BATCH = 500;

export type RomeFileReport = {
  kind: RomeFileKind;
  name: string;
  lines: number;
  kept: number;
  bad: number;
  errors: { line: number; reason: string }[];
};
export type RomeImportReport = {
  version: string;
  dryRun: boolean;
  files: RomeFileReport[];
  codes: number;
  appellations: number;
  domains: number;
};

type Input = { sources: string[]; dryRun?: boolean; excerpt?: boolean };
type Located = { kind: RomeFileKind; version: string; name: string; path: string; temp: boolean };

/** The excerpt shipped in the repository (demo and tests). */
export const ROME_EXCERPT_DIR = join(import.meta.dirname, 'rome-excerpt');

async function locate(source: string): Promise<Located[]> {
  if (/^https?:\/\//i.test(source)) {
    const name = decodeURIComponent(new URL(source).pathname.split('/').pop() ?? '');
    const file = romeFileOf(name);
    if (!file) throw invalidInput(`Fichier non reconnu : ${name}`, { file: unknownName(name) });
    const path = await download(source).catch((e: Error) => {
      throw invalidInput(`Fichier refusé : ${e.message}`, { file: e.message });
    });
    return [{ ...file, name, path, temp: true }];
  }
  const info = await stat(source).catch(() => {
    throw invalidInput(`Fichier introuvable : ${source}`, {
      file: `fichier ou dossier introuvable : ${source}`,
    });
  });
  if (info.isDirectory()) {
    const names = (await readdir(source)).filter((n) => romeFileOf(n)).sort();
    return names.map((name) => ({ ...romeFileOf(name)!, name, path: join(source, name), temp: false }));
  }
  const name = source.split(/[/\\]/).pop() ?? source;
  const file = romeFileOf(name);
  if (!file) throw invalidInput(`Fichier non reconnu : ${name}`, { file: unknownName(name) });
  return [{ ...file, name, path: source, temp: false }];
}

const unknownName = (name: string) =>
  `« ${name} » n’est pas un fichier du ROME (unix_referentiel_code_rome_v…_utf8.csv, unix_referentiel_appellation_v…_utf8.csv, unix_cr_gd_dp_v…_utf8.csv)`;

/** The file's lines as cells by (normalised) column name, or a refusal naming the missing columns. */
async function readLines(file: Located): Promise<{ line: number; cells: Cells }[]> {
  const text = (await readFile(file.path, 'utf8')).replace(/^\uFEFF/, '');
  const parsed = Papa.parse<string[]>(text, { delimiter: detectDelimiter(text), skipEmptyLines: 'greedy' });
  const [header = [], ...rows] = parsed.data;
  const columns = header.map(normaliseColumn);
  const missing = requiredColumns[file.kind].filter((c) => !columns.includes(c));
  if (missing.length)
    throw invalidInput(`Fichier refusé : ${file.name}`, {
      [file.name]: `colonnes manquantes : ${missing.join(', ')}`,
    });
  return rows.map((row, i) => ({
    line: i + 2,
    cells: Object.fromEntries(columns.map((c, j) => [c, row[j] ?? ''])),
  }));
}

function fileReport(file: Located): RomeFileReport {
  return { kind: file.kind, name: file.name, lines: 0, kept: 0, bad: 0, errors: [] };
}
function refuse(report: RomeFileReport, line: number, reason: string) {
  report.bad++;
  if (report.errors.length < MAX_REPORTED) report.errors.push({ line, reason });
}

/** Imports (or, with `dryRun`, only checks) the ROME referential; the platform admin or the command line. */
export async function importRome(
  deps: Pick<Deps, 'db'>,
  actor: Actor | null,
  input: Input,
): Promise<RomeImportReport> {
  if (!actor?.isPlatformAdmin) throw forbidden('Réservé à l’administration de la plateforme');
  if (input.sources.length === 0)
    throw invalidInput('Aucun fichier', { file: 'donnez un dossier, des fichiers ou des adresses' });
  const located: Located[] = [];
  try {
    for (const s of input.sources) located.push(...(await locate(s)));
    const byKind = new Map(located.map((f) => [f.kind, f]));
    const missing = (['codes', 'appellations', 'domains'] as const).filter((k) => !byKind.has(k));
    if (missing.length)
      throw invalidInput('Fichiers du ROME incomplets', {
        file: `il manque : ${missing.map((k) => ({ codes: 'les codes ROME', appellations: 'les appellations', domains: 'les domaines' })[k]).join(', ')}`,
      });
    const versions = [...new Set(located.map((f) => f.version))];
    if (versions.length > 1)
      throw invalidInput('Versions mélangées', {
        file: `les fichiers sont de versions différentes : ${versions.join(', ')}`,
      });

    const codesFile = byKind.get('codes')!;
    const codesReport = fileReport(codesFile);
    const codes = new Map<string, { code: string; label: string; ogr: string | null }>();
    for (const { line, cells } of await readLines(codesFile)) {
      codesReport.lines++;
      const r = parseCodeLine(cells);
      if ('error' in r) refuse(codesReport, line, r.error);
      else if (codes.has(r.code)) refuse(codesReport, line, `code ROME en double : ${r.code}`);
      else {
        codes.set(r.code, r);
        codesReport.kept++;
      }
    }
    const appFile = byKind.get('appellations')!;
    const appReport = fileReport(appFile);
    const known = new Set(codes.keys());
    const apps = new Map<
      string,
      { code: string; label: string; shortLabel: string | null; romeCode: string }
    >();
    for (const { line, cells } of await readLines(appFile)) {
      appReport.lines++;
      const r = parseAppellationLine(cells, known);
      if ('error' in r) refuse(appReport, line, r.error);
      else if (apps.has(r.code)) refuse(appReport, line, `appellation en double : ${r.code}`);
      else {
        apps.set(r.code, r);
        appReport.kept++;
      }
    }
    const domFile = byKind.get('domains')!;
    const domReport = fileReport(domFile);
    const domains = new Map<
      string,
      { code: string; label: string; level: string; parentCode: string | null }
    >();
    for (const { line, cells } of await readLines(domFile)) {
      domReport.lines++;
      const r = parseDomainLine(cells);
      if (r === 'code') domReport.kept++;
      else if ('error' in r) refuse(domReport, line, r.error);
      else {
        domains.set(r.code, r);
        domReport.kept++;
      }
    }
    const report: RomeImportReport = {
      version: input.excerpt ? `${versions[0]} (extrait)` : versions[0],
      dryRun: Boolean(input.dryRun),
      files: [codesReport, appReport, domReport],
      codes: codes.size,
      appellations: apps.size,
      domains: domains.size,
    };
    if (codes.size === 0)
      throw invalidInput('Aucun code ROME valide', { [codesFile.name]: 'aucune ligne valide' });
    if (input.dryRun) return report;
    await deps.db.transaction(async (trx) => {
      const tx = trx as unknown as Db;
      await tx.delete(romeAppellations);
      await tx.delete(romeCodes);
      await tx.delete(romeDomains);
      for (const part of chunks([...domains.values()])) await tx.insert(romeDomains).values(part);
      for (const part of chunks([...codes.values()]))
        await tx.insert(romeCodes).values(part.map((c) => ({ ...c, domainCode: c.code.slice(0, 3) })));
      for (const part of chunks([...apps.values()]))
        await tx.insert(romeAppellations).values(part.map((a) => ({ ...a, folded: foldText(a.label) })));
      const [row] = await tx
        .insert(romeImports)
        .values({
          version: report.version,
          source: input.sources.join(' '),
          codes: codes.size,
          appellations: apps.size,
          domains: domains.size,
          isExcerpt: Boolean(input.excerpt),
        })
        .returning({ id: romeImports.id });
      await recordAudit(tx, actor, {
        action: 'gtec.rome-import',
        entityType: 'rome_import',
        entityId: row.id,
        after: { version: report.version, codes: codes.size, appellations: apps.size, domains: domains.size },
      });
    });
    return report;
  } finally {
    for (const f of located) if (f.temp) await rm(f.path, { force: true });
  }
}

function* chunks<T>(rows: T[]): Generator<T[]> {
  for (let i = 0; i < rows.length; i += BATCH) yield rows.slice(i, i + BATCH);
}

/** Imports the excerpt shipped in the repository, labelled as such (demo and tests). */
export const importRomeExcerpt = (deps: Pick<Deps, 'db'>, actor: Actor) =>
  importRome(deps, actor, { sources: [ROME_EXCERPT_DIR], excerpt: true });
