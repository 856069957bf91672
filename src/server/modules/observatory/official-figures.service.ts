import { asc, eq, inArray, sql } from 'drizzle-orm';
import Papa from 'papaparse';
import type { Actor, Deps } from '../../context.ts';
import type { Db } from '../../db/client.ts';
import { invalidInput } from '../../lib/errors.ts';
import { canonicalTerritoryCode, getTerritory } from '../territories/territories.service.ts';
import { observatoryOfficialFigures } from './observatory.tables.ts';
import { figureRights, officialFigureAccess } from './official-figures.access.ts';

// Published reference figures (Flores, ESS Atlas, regional notes) imported from a CSV, shown beside the Sirene
// estimates. They are the only source of payroll. Bad rows are reported with their line; good rows land (upserted on
// territory + year + family + source), all in one transaction with the audit entry. Who may import and remove them:
// official-figures.access.ts.

export type OfficialFigureError = { line: number; field: string; reason: string };
const families = ['all', 'association', 'cooperative', 'mutual', 'foundation'];
const aliases: Record<string, string> = {
  territoire: 'territory',
  annee: 'year',
  année: 'year',
  famille: 'family',
  emplois: 'jobs',
  etp: 'fte',
  masse_salariale: 'payroll',
  etablissements: 'establishments',
  établissements: 'establishments',
  part_emploi_prive: 'private_jobs_share',
  url_source: 'source_url',
};

/** "30 500", "30500", "23 910,5", "780000000" → number; "" → null; anything else → NaN. */
function parseNumber(raw: string | undefined): number | null {
  const s = (raw ?? '').replace(/[\s\u00a0\u202f]/g, '').replace(',', '.');
  if (s === '') return null;
  return /^-?\d+(\.\d+)?$/.test(s) ? Number(s) : Number.NaN;
}

export type OfficialFiguresImport = {
  dryRun: boolean;
  /** Data rows in the file. */
  total: number;
  /** Rows without error (imported unless `dryRun`). */
  valid: number;
  imported: number;
  errors: OfficialFigureError[];
};

/** Reads a file's bytes as UTF-8, refusing anything else (a spreadsheet saved as Windows-1252, say). */
function utf8Text(file: string | Buffer) {
  if (typeof file === 'string') return file;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(file);
  } catch {
    throw invalidInput('Le fichier n’est pas en UTF-8 : enregistrez-le en « CSV UTF-8 »', {
      file: 'encodage autre que UTF-8',
    });
  }
}

/**
 * Imports published figures from a CSV (`,` or `;`, UTF-8, French or English column names), for a platform admin or
 * the coordinator of `networkId` (their only network when they coordinate one). With `dryRun`, only checks.
 */
export async function importOfficialFigures(
  deps: Pick<Deps, 'db'>,
  actor: Actor | null,
  file: string | Buffer,
  opts: { isDemo?: boolean; dryRun?: boolean; networkId?: string; requestId?: string } = {},
): Promise<OfficialFiguresImport> {
  const access = await officialFigureAccess(deps.db, actor);
  const networkId = await access.networkForImport(opts.networkId);
  const text = utf8Text(file).replace(/^\uFEFF/, '');
  const firstLine = text.split('\n', 1)[0];
  const parsed = Papa.parse<Record<string, string>>(text, {
    header: true,
    skipEmptyLines: 'greedy',
    delimiter: firstLine.includes(';') ? ';' : ',',
    transformHeader: (h) => {
      const k = h.trim().toLowerCase();
      return aliases[k] ?? k;
    },
  });
  const header = parsed.meta.fields ?? [];
  const missing = ['territory', 'year', 'source'].filter((c) => !header.includes(c));
  if (missing.length)
    throw invalidInput(`Colonnes manquantes : ${missing.join(', ')}`, {
      file: `colonnes manquantes : ${missing.join(', ')}`,
    });
  const checked = parsed.data.map((row, i) => checkRow(row, i + 2));
  const toRows = async (db: Db) => {
    const taken = await takenByOthers(db, checked, access.mayChange);
    const errors: OfficialFigureError[] = [];
    const rows: (typeof observatoryOfficialFigures.$inferInsert)[] = [];
    for (const [i, c] of checked.entries()) {
      if (c.values && taken.has(figureKey(c.values)))
        errors.push({
          line: i + 2,
          field: 'source',
          reason:
            'chiffre déjà enregistré par un autre réseau (même territoire, année, famille et source) : ses coordinateurs ou un administrateur peuvent le remplacer',
        });
      else if (c.values) rows.push({ ...c.values, isDemo: opts.isDemo ?? false, networkId });
      else errors.push(...c.errors);
    }
    return { rows, errors };
  };
  const total = parsed.data.length;
  if (opts.dryRun) {
    const { rows, errors } = await toRows(deps.db);
    return { dryRun: true, total, valid: rows.length, imported: 0, errors };
  }
  return deps.db.transaction(async (tx) => {
    const { rows, errors } = await toRows(tx as never);
    const result = { dryRun: false, total, valid: rows.length, imported: rows.length, errors };
    if (rows.length === 0) return result;
    for (const values of rows)
      await tx
        .insert(observatoryOfficialFigures)
        .values(values)
        .onConflictDoUpdate({
          target: [
            observatoryOfficialFigures.territoryCode,
            observatoryOfficialFigures.year,
            observatoryOfficialFigures.family,
            observatoryOfficialFigures.source,
          ],
          set: { ...values, createdAt: sql`now()` },
        });
    await access.audit(tx as never, {
      action: 'observatory.official-figures.import',
      entityId: null,
      networkId,
      after: {
        imported: rows.length,
        rejected: errors.length,
        territories: [...new Set(rows.map((r) => r.territoryCode))],
      },
      requestId: opts.requestId,
    });
    return result;
  });
}

type FigureKey = Pick<
  typeof observatoryOfficialFigures.$inferInsert,
  'territoryCode' | 'year' | 'family' | 'source'
>;
const figureKey = (f: FigureKey) => JSON.stringify([f.territoryCode, f.year, f.family, f.source]);

/**
 * Keys of the rows that would replace a figure another network imported (the actor may not change it): such a row
 * is refused like a bad one, so that re-importing cannot take a figure over. Read in the writing transaction.
 */
async function takenByOthers(db: Db, checked: RowCheck[], mayChange: (networkId: string | null) => boolean) {
  const territories = [...new Set(checked.flatMap((c) => (c.values ? [c.values.territoryCode] : [])))];
  if (territories.length === 0) return new Set<string>();
  const existing = await db
    .select()
    .from(observatoryOfficialFigures)
    .where(inArray(observatoryOfficialFigures.territoryCode, territories))
    .for('update');
  return new Set(existing.filter((f) => !mayChange(f.networkId)).map(figureKey));
}

type RowCheck = {
  errors: OfficialFigureError[];
  values?: Omit<typeof observatoryOfficialFigures.$inferInsert, 'isDemo' | 'networkId'>;
};

/** The values of one CSV row, or what is wrong with it (field by field). */
function checkRow(row: Record<string, string>, line: number): RowCheck {
  const problems: OfficialFigureError[] = [];
  const territory = canonicalTerritoryCode(row.territory ?? '');
  if (!territory)
    problems.push({ line, field: 'territory', reason: `territoire inconnu : ${row.territory ?? ''}` });
  // An empty year is a figure whose source does not give its reference year; a badly written one is an error.
  const yearText = (row.year ?? '').trim();
  const year = yearText === '' ? null : Number(yearText);
  if (year !== null && (!Number.isInteger(year) || year < 1990 || year > 2100))
    problems.push({ line, field: 'year', reason: `année invalide : ${row.year ?? ''}` });
  const family = (row.family ?? '').trim() || 'all';
  if (!families.includes(family))
    problems.push({
      line,
      field: 'family',
      reason: `famille inconnue : ${family} (${families.join(', ')})`,
    });
  const numbers: Record<string, number | null> = {};
  for (const f of ['jobs', 'fte', 'payroll', 'establishments', 'private_jobs_share']) {
    const v = parseNumber(row[f]);
    if (Number.isNaN(v) || (v !== null && v < 0))
      problems.push({ line, field: f, reason: `nombre invalide : ${row[f]}` });
    numbers[f] = Number.isNaN(v) ? null : v;
  }
  if (['jobs', 'fte', 'payroll', 'establishments'].every((f) => numbers[f] === null))
    problems.push({
      line,
      field: 'jobs',
      reason: 'aucun chiffre (emplois, ETP, masse salariale ou établissements)',
    });
  const source = (row.source ?? '').trim();
  if (!source) problems.push({ line, field: 'source', reason: 'source obligatoire' });
  const sourceUrl = (row.source_url ?? '').trim() || null;
  if (sourceUrl && !/^https?:\/\/\S+$/.test(sourceUrl))
    problems.push({ line, field: 'source_url', reason: `adresse invalide : ${sourceUrl}` });
  if (problems.length) return { errors: problems };
  return {
    errors: [],
    values: {
      territoryCode: territory!,
      year,
      family,
      jobs: numbers.jobs,
      fte: numbers.fte,
      payroll: numbers.payroll,
      establishments: numbers.establishments,
      privateJobsShare: numbers.private_jobs_share,
      source,
      sourceUrl,
    },
  };
}

/** Latest year first; figures whose year is not specified after the dated ones. */
const latestYearFirst = sql`${observatoryOfficialFigures.year} DESC NULLS LAST`;

/** Every published figure, by territory then latest year first, with who may remove it. */
export async function listOfficialFigures(db: Deps['db'], actor: Actor | null) {
  const { mayChange } = await figureRights(db, actor);
  const rows = await db
    .select()
    .from(observatoryOfficialFigures)
    .orderBy(
      asc(observatoryOfficialFigures.territoryCode),
      latestYearFirst,
      asc(observatoryOfficialFigures.family),
      asc(observatoryOfficialFigures.source),
    );
  return rows.map((r) => ({
    id: r.id,
    territory: { code: r.territoryCode, name: getTerritory(r.territoryCode)?.name ?? r.territoryCode },
    ...figureOf(r),
    canRemove: mayChange(r.networkId),
  }));
}

/** Removes one published figure (platform admin, or a coordinator of the network that imported it). */
export async function removeOfficialFigure(
  deps: Pick<Deps, 'db'>,
  actor: Actor | null,
  id: string,
  requestId?: string,
) {
  const access = await officialFigureAccess(deps.db, actor);
  await deps.db.transaction(async (tx) => {
    const [figure] = await tx
      .select()
      .from(observatoryOfficialFigures)
      .where(eq(observatoryOfficialFigures.id, id))
      .for('update');
    access.requireRemove(figure);
    await tx.delete(observatoryOfficialFigures).where(eq(observatoryOfficialFigures.id, id));
    await access.audit(tx as never, {
      action: 'observatory.official-figures.remove',
      entityId: id,
      networkId: figure.networkId,
      before: { territory: figure.territoryCode, ...figureOf(figure) },
      requestId,
    });
  });
}

function figureOf(r: typeof observatoryOfficialFigures.$inferSelect) {
  return {
    year: r.year,
    family: r.family,
    jobs: r.jobs,
    fte: r.fte,
    payroll: r.payroll,
    establishments: r.establishments,
    privateJobsShare: r.privateJobsShare,
    source: r.source,
    sourceUrl: r.sourceUrl,
    isDemo: r.isDemo,
  };
}

/** The published figures for a territory, latest year first. */
export async function officialFiguresFor(db: Deps['db'], territoryCode: string) {
  const rows = await db
    .select()
    .from(observatoryOfficialFigures)
    .where(eq(observatoryOfficialFigures.territoryCode, territoryCode))
    .orderBy(latestYearFirst, asc(observatoryOfficialFigures.family), asc(observatoryOfficialFigures.source));
  return rows.map(figureOf);
}
