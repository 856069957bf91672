import type { TaskProgress } from '../../lib/progress.ts';
import { type ClassificationSettings, classifyLegalUnit, isPublicUnit } from './classification.ts';
import { bracketTable } from './estimates.ts';
import { marginsOfAggregates, planSecrecy, scopeNesting } from './secrecy-plan.ts';
import type { Rejected, SireneScanner } from './sirene-scan.ts';
import {
  aggregateColumns,
  type bulkWriter,
  type Column,
  establishmentColumns,
  legalUnitColumns,
  secretCellColumns,
} from './sirene-write.ts';

// Moving the scanned rows into our database. DuckDB validates the rows (SIRET/SIREN keys, communes and NAF sections
// joined during the scan) and writes the COPY files itself (hidden fields of P units dropped there); JS only
// classifies each distinct (category, NAF, flag) triple of the legal units (classification.ts) and pipes the files
// into the database (sirene-write.ts). The validated rows also stay in DuckDB (siren → family, employer →
// territories) for the aggregation.

export type LoadContext = {
  scanner: SireneScanner;
  write: ReturnType<typeof bulkWriter>;
  snapshotId: number;
  /** The snapshot's scope label ("region:44"), for the secrecy plan. */
  scope: string;
  /** Refreshes the planner's statistics of the aggregates table. */
  analyzeAggregates(): Promise<void>;
  settings: ClassificationSettings;
  reject(r: Rejected, key: 'badSiret' | 'unknownCommune' | 'badSiren' | 'duplicate'): void;
  progress(p: TaskProgress & { phase?: 'write' | 'aggregate' }): void;
};

type Cell = string | null;

/**
 * Once DuckDB has kept the legal units (`scanned`: SireneScanner.scanLegalUnits): classifies them per distinct
 * (category, NAF, flag) triple, reports the bad ones, then writes them (main connection) while the aggregates are
 * summed and written (aggregates connection). Needs the employers kept by reportEstablishments.
 */
export async function loadLegalUnits(ctx: LoadContext, scanned: Promise<void>) {
  const { scanner, settings } = ctx;
  await scanned;
  await scanner.validateLegalUnits((category, naf, essFlag) => [
    classifyLegalUnit({ legalCategory: category, nafCode: naf, essFlag }, settings),
    isPublicUnit(category, settings),
  ]);
  for await (const chunk of scanner.rows('SELECT siren, siren_ok FROM ulv WHERE NOT siren_ok OR duplicate'))
    for (const [siren, ok] of chunk as [Cell, boolean][]) {
      const text = `${siren}`;
      if (!ok) ctx.reject({ file: 'legalUnits', line: null, reason: 'SIREN invalide', text }, 'badSiren');
      else ctx.reject({ file: 'legalUnits', line: null, reason: 'SIREN en double', text }, 'duplicate');
    }
  const label = 'Écriture des unités légales et des agrégats, secret statistique';
  ctx.progress({ phase: 'aggregate', label, done: 0 });
  const [legalUnits, aggregates] = await Promise.allSettled([
    copyParts(
      ctx,
      'observatory_legal_units',
      legalUnitColumns,
      scanner.legalUnitParts(ctx.snapshotId, ctx.write.partRows),
    ),
    writeAggregates(ctx),
  ]);
  if (legalUnits.status === 'rejected') throw legalUnits.reason;
  if (aggregates.status === 'rejected') throw aggregates.reason;
  ctx.progress({ phase: 'aggregate', label, done: legalUnits.value, finished: true });
  return legalUnits.value;
}

/**
 * Sums the aggregates, then writes them while the statistical secrecy of every cell the snapshot publishes is decided
 * from them (secrecy-plan.ts) and the hidden cells are written.
 */
async function writeAggregates(ctx: LoadContext) {
  await ctx.scanner.sumAggregates(bracketTable());
  const secrecy = async () => {
    const { territories, nestings } = scopeNesting(ctx.scope);
    const rows = await ctx.scanner.aggregateRows();
    const margins = marginsOfAggregates(rows);
    const plan = planSecrecy(margins, territories, nestings);
    for (let i = 0; i < plan.hidden.length; i += ctx.write.batchSize)
      await ctx.write(
        'observatory_secret_cells',
        secretCellColumns,
        plan.hidden
          .slice(i, i + ctx.write.batchSize)
          .map((h) => [ctx.snapshotId, h.territory, h.dimension, h.category, h.reason]),
      );
  };
  const write = async () => {
    await copyParts(
      ctx,
      'observatory_aggregates',
      aggregateColumns,
      ctx.scanner.aggregateParts(ctx.snapshotId, ctx.write.partRows),
    );
    // The planner's statistics of the one imported table queries read, while the plan is still being decided.
    await ctx.analyzeAggregates();
  };
  const [parts, cells] = await Promise.allSettled([write(), secrecy()]);
  if (parts.status === 'rejected') throw parts.reason;
  if (cells.status === 'rejected') throw cells.reason;
}

/**
 * Sends the CSV parts DuckDB writes into one table; returns the rows stored, after checking that the database stored
 * exactly the rows DuckDB wrote.
 */
async function copyParts(
  ctx: LoadContext,
  table: string,
  columns: Column[],
  parts: AsyncIterable<{ path: string; rows: number }>,
  onPart?: (done: number) => void,
) {
  let sent = 0;
  const counted = async function* () {
    for await (const part of parts) {
      yield part;
      sent += part.rows;
      onPart?.(sent);
    }
  };
  const stored = await ctx.write.copyFiles(table, columns, counted());
  if (stored !== sent) throw new Error(`écriture incomplète dans ${table} (${stored} lignes sur ${sent})`);
  return stored;
}

/**
 * Reports the establishments the scan rejected (SireneScanner.scanValidEstablishments) and keeps the employers for
 * the aggregates; returns the counts. Runs on the reader connection, while the main one scans the legal units.
 */
export async function reportEstablishments(ctx: LoadContext) {
  const { scanner } = ctx;
  for await (const chunk of scanner.rows(
    'SELECT siret, commune, siret_ok, duplicate FROM estv WHERE NOT siret_ok OR duplicate OR c_code IS NULL',
    'reader',
  ))
    for (const [siret, commune, siretOk, duplicate] of chunk as [Cell, Cell, boolean, boolean][]) {
      const text = `${siret};${commune}`;
      if (!siretOk)
        ctx.reject({ file: 'establishments', line: null, reason: 'SIRET invalide', text }, 'badSiret');
      else if (duplicate)
        ctx.reject({ file: 'establishments', line: null, reason: 'SIRET en double', text }, 'duplicate');
      else
        ctx.reject(
          { file: 'establishments', line: null, reason: `commune inconnue (${commune})`, text },
          'unknownCommune',
        );
    }
  const kept = await scanner.count(
    '(SELECT 1 FROM estv WHERE siret_ok AND NOT duplicate AND c_code IS NOT NULL)',
    'reader',
  );
  const employers = await scanner.employersFromValidated();
  return { kept, employers };
}

/** Writes the kept establishments (reader connection). */
export async function writeEstablishments(ctx: LoadContext, kept: number) {
  const label = 'Écriture des établissements';
  const done = await copyParts(
    ctx,
    'observatory_establishments',
    establishmentColumns,
    ctx.scanner.establishmentParts(ctx.snapshotId, ctx.write.partRows),
    (n) => ctx.progress({ label, done: n, total: kept }),
  );
  if (done !== kept) throw new Error(`lecture incomplète des établissements (${done} sur ${kept})`);
}
