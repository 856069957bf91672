import { communeAncestry } from '../territories/territories.service.ts';
import { type ClassificationSettings, classifyLegalUnit, isPublicUnit } from './classification.ts';
import { bracketTable } from './estimates.ts';
import { nafSectionOf } from './naf-sections.ts';
import type { Rejected, SireneScanner } from './sirene-scan.ts';
import { aggregateColumns, type bulkWriter, establishmentColumns, legalUnitColumns } from './sirene-write.ts';

// Moving the scanned rows into our database. DuckDB validates the rows (SIRET/SIREN keys) and builds the COPY CSV
// lines itself (hidden fields of P units dropped there); JS only looks up each distinct commune in the territories
// reference and classifies each distinct (category, NAF, flag) triple (classification.ts). The lines stream into one
// COPY per table (sirene-write.ts). The validated rows also stay in DuckDB (siren → family, employer → territories)
// for the aggregation.

export type LoadContext = {
  scanner: SireneScanner;
  write: ReturnType<typeof bulkWriter>;
  snapshotId: number;
  settings: ClassificationSettings;
  reject(r: Rejected, key: 'badSiret' | 'unknownCommune' | 'badSiren'): void;
  progress(label: string, done: number, total: number): void;
};

type Cell = string | null;

/**
 * Writes the legal units once DuckDB has kept them (`scanned`: SireneScanner.scanLegalUnits), classified per distinct
 * (category, NAF, flag) triple and with their SIREN key checked inside DuckDB.
 */
export async function loadLegalUnits(ctx: LoadContext, scanned: Promise<void>) {
  const { scanner, settings } = ctx;
  await scanned;
  await scanner.validateLegalUnits((category, naf, essFlag) => [
    classifyLegalUnit({ legalCategory: category, nafCode: naf, essFlag }, settings),
    isPublicUnit(category, settings),
  ]);
  for await (const chunk of scanner.rows('SELECT siren FROM ulv WHERE NOT siren_ok'))
    for (const [siren] of chunk as [Cell][])
      ctx.reject({ file: 'legalUnits', line: null, reason: 'SIREN invalide', text: `${siren}` }, 'badSiren');
  const kept = await scanner.count('(SELECT 1 FROM ulv WHERE siren_ok)');
  const written = await copyLines(
    ctx,
    'observatory_legal_units',
    legalUnitColumns,
    scanner.legalUnitLines(ctx.snapshotId),
  );
  if (written !== kept) throw new Error(`lecture incomplète des unités légales (${written} sur ${kept})`);
  return kept;
}

/** Streams CSV lines produced by DuckDB into one COPY; returns the number of rows. */
async function copyLines(
  ctx: LoadContext,
  table: string,
  columns: typeof legalUnitColumns,
  chunks: AsyncIterable<unknown[][]>,
  onBatch?: (done: number) => void,
) {
  const out = await ctx.write.open(table, columns);
  let done = 0;
  try {
    let lines: string[] = [];
    for await (const chunk of chunks) {
      for (const [line] of chunk as [string][]) lines.push(line);
      done += chunk.length;
      if (lines.length >= ctx.write.batchSize) {
        await out.write(lines.join(''));
        lines = [];
        onBatch?.(done);
      }
    }
    await out.write(lines.join(''));
    await out.end();
  } catch (e) {
    await out.abort();
    throw e;
  }
  return done;
}

/**
 * Validates and writes the establishments inside DuckDB (only distinct communes and NAF codes go through JS), on its
 * own connection, so that it can run while DuckDB scans the legal units file.
 */
export async function loadEstablishments(ctx: LoadContext) {
  const { scanner, snapshotId } = ctx;
  await scanner.validateEstablishments((commune) => {
    const a = communeAncestry(commune);
    return a ? [a.communeCode, a.epciCode, a.departmentCode, a.regionCode] : undefined;
  }, nafSectionOf);
  for await (const chunk of scanner.rows(
    'SELECT siret, commune, siret_ok FROM estv WHERE NOT siret_ok OR c_code IS NULL',
    'reader',
  ))
    for (const [siret, commune, siretOk] of chunk as [Cell, Cell, boolean][]) {
      const text = `${siret};${commune}`;
      if (!siretOk)
        ctx.reject({ file: 'establishments', line: null, reason: 'SIRET invalide', text }, 'badSiret');
      else
        ctx.reject(
          { file: 'establishments', line: null, reason: `commune inconnue (${commune})`, text },
          'unknownCommune',
        );
    }
  const kept = await scanner.count('(SELECT 1 FROM estv WHERE siret_ok AND c_code IS NOT NULL)', 'reader');
  const employers = await scanner.employersFromValidated();
  const done = await copyLines(
    ctx,
    'observatory_establishments',
    establishmentColumns,
    scanner.establishmentLines(snapshotId),
    (n) => ctx.progress('Écriture des établissements', n, kept),
  );
  ctx.progress('Écriture des établissements', done, kept);
  if (done !== kept) throw new Error(`lecture incomplète des établissements (${done} sur ${kept})`);
  return { kept, employers };
}

export async function loadAggregates(ctx: LoadContext) {
  let batch: unknown[][] = [];
  for await (const chunk of ctx.scanner.aggregates(bracketTable())) {
    for (const row of chunk) batch.push([ctx.snapshotId, ...row]);
    if (batch.length >= ctx.write.batchSize) {
      await ctx.write('observatory_aggregates', aggregateColumns, batch);
      batch = [];
    }
  }
  await ctx.write('observatory_aggregates', aggregateColumns, batch);
}
