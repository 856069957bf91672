import { isValidSiren, isValidSiret } from '../company-identity/siret.ts';
import { communeAncestry } from '../territories/territories.service.ts';
import { type ClassificationSettings, classifyLegalUnit, isPublicUnit } from './classification.ts';
import { bracketTable } from './estimates.ts';
import { nafSectionOf } from './naf-sections.ts';
import type { Rejected, SireneScanner } from './sirene-scan.ts';
import { aggregateColumns, type bulkWriter, establishmentColumns, legalUnitColumns } from './sirene-write.ts';

// Moving the scanned rows into our database: validation (SIRET/SIREN keys, commune through the territories
// reference), classification (classification.ts), hidden fields of P units dropped, then batches written. The
// validated rows are also appended to DuckDB (siren → family, employer → territories) for the aggregation.

export type LoadContext = {
  scanner: SireneScanner;
  write: ReturnType<typeof bulkWriter>;
  snapshotId: number;
  settings: ClassificationSettings;
  classified: Awaited<ReturnType<SireneScanner['classifiedTables']>>;
  reject(r: Rejected, key: 'badSiret' | 'unknownCommune' | 'badSiren'): void;
  progress(label: string, done: number, total: number): void;
};

type Cell = string | null;

/** Writes the legal units as DuckDB finds them in the file (`rows`: SireneScanner.legalUnitRows). */
export async function loadLegalUnits(ctx: LoadContext, rows: AsyncIterable<unknown[][]>) {
  const { snapshotId, settings } = ctx;
  let kept = 0;
  let batch: unknown[][] = [];
  for await (const chunk of rows) {
    for (const [siren, diffusion, category, naf, essFlag, name, acronym] of chunk as Cell[][]) {
      if (!siren || !isValidSiren(siren)) {
        ctx.reject(
          { file: 'legalUnits', line: null, reason: 'SIREN invalide', text: `${siren}` },
          'badSiren',
        );
        continue;
      }
      // Partly-hidden units (P) and natural persons (category 1xxx): no name is stored.
      const hidden = diffusion === 'P' || (category ?? '').startsWith('1');
      const family = classifyLegalUnit({ legalCategory: category, nafCode: naf, essFlag }, settings);
      const isPublic = isPublicUnit(category, settings);
      ctx.classified.legalUnits.row([siren, family, isPublic]);
      kept++;
      batch.push([
        snapshotId,
        siren,
        hidden ? null : name || acronym || null,
        category || null,
        naf || null,
        essFlag || null,
        family,
        isPublic,
        diffusion === 'P' ? 'P' : 'O',
      ]);
      if (batch.length >= ctx.write.batchSize) {
        await ctx.write('observatory_legal_units', legalUnitColumns, batch);
        batch = [];
      }
    }
  }
  await ctx.write('observatory_legal_units', legalUnitColumns, batch);
  ctx.classified.legalUnits.close();
  return kept;
}

/** Reads `est` on its own connection, so that it can run while DuckDB scans the legal units file. */
export async function loadEstablishments(ctx: LoadContext) {
  const { scanner, snapshotId } = ctx;
  const total = await scanner.count('est', 'reader');
  let done = 0;
  let kept = 0;
  let employers = 0;
  let batch: unknown[][] = [];
  const query = 'SELECT siret, siren, diffusion, bracket, head_office, commune, naf, employer, name FROM est';
  for await (const chunk of scanner.rows(query, 'reader')) {
    for (const [
      siret,
      siren,
      diffusion,
      bracket,
      headOffice,
      commune,
      naf,
      employer,
      name,
    ] of chunk as Cell[][]) {
      done++;
      if (!siret || !siren || !isValidSiret(siret) || !siret.startsWith(siren)) {
        const text = `${siret};${commune}`;
        ctx.reject({ file: 'establishments', line: null, reason: 'SIRET invalide', text }, 'badSiret');
        continue;
      }
      const place = commune ? communeAncestry(commune) : undefined;
      if (!place) {
        const r = { file: 'establishments' as const, line: null, reason: `commune inconnue (${commune})` };
        ctx.reject({ ...r, text: `${siret};${commune}` }, 'unknownCommune');
        continue;
      }
      const isEmployer = employer === 'O' || (Boolean(bracket) && bracket !== 'NN');
      const section = nafSectionOf(naf);
      kept++;
      if (isEmployer) {
        employers++;
        const { communeCode, epciCode, departmentCode, regionCode } = place;
        ctx.classified.employers.row([
          siren,
          communeCode,
          epciCode,
          departmentCode,
          regionCode,
          section,
          bracket,
        ]);
      }
      batch.push([
        snapshotId,
        siret,
        siren,
        diffusion === 'P' ? null : name,
        place.communeCode,
        place.epciCode,
        place.departmentCode,
        place.regionCode,
        naf || null,
        section,
        bracket || null,
        isEmployer,
        headOffice === 'true',
      ]);
      if (batch.length >= ctx.write.batchSize) {
        await ctx.write('observatory_establishments', establishmentColumns, batch);
        batch = [];
        ctx.progress('Écriture des établissements', done, total);
      }
    }
  }
  await ctx.write('observatory_establishments', establishmentColumns, batch);
  ctx.classified.employers.close();
  ctx.progress('Écriture des établissements', done, total);
  if (done !== total) throw new Error(`lecture incomplète des établissements (${done} sur ${total})`);
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
