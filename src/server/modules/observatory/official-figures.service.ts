import { asc, desc, eq, sql } from 'drizzle-orm';
import Papa from 'papaparse';
import type { Deps } from '../../context.ts';
import { invalidInput } from '../../lib/errors.ts';
import { canonicalTerritoryCode } from '../territories/territories.service.ts';
import { observatoryOfficialFigures } from './observatory.tables.ts';

// Published reference figures (Flores, ESS Atlas, regional notes) imported from a CSV, shown beside the Sirene
// estimates. They are the only source of payroll. Bad rows are reported with their line; good rows land (upserted on
// territory + year + family + source).

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

export async function importOfficialFigures(
  deps: Pick<Deps, 'db'>,
  csv: string,
  opts: { isDemo?: boolean } = {},
): Promise<{ imported: number; errors: OfficialFigureError[] }> {
  const text = csv.replace(/^\uFEFF/, '');
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
  const errors: OfficialFigureError[] = [];
  let imported = 0;
  for (const [i, row] of parsed.data.entries()) {
    const line = i + 2;
    const problems: OfficialFigureError[] = [];
    const territory = canonicalTerritoryCode(row.territory ?? '');
    if (!territory)
      problems.push({ line, field: 'territory', reason: `territoire inconnu : ${row.territory ?? ''}` });
    const year = Number(row.year);
    if (!Number.isInteger(year) || year < 1990 || year > 2100)
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
    if (problems.length) {
      errors.push(...problems);
      continue;
    }
    const values = {
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
      isDemo: opts.isDemo ?? false,
    };
    await deps.db
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
    imported++;
  }
  return { imported, errors };
}

/** The published figures for a territory, latest year first. */
export async function officialFiguresFor(db: Deps['db'], territoryCode: string) {
  const rows = await db
    .select()
    .from(observatoryOfficialFigures)
    .where(eq(observatoryOfficialFigures.territoryCode, territoryCode))
    .orderBy(desc(observatoryOfficialFigures.year), asc(observatoryOfficialFigures.family));
  return rows.map((r) => ({
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
  }));
}
