import { createReadStream, createWriteStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import { and, eq, inArray } from 'drizzle-orm';
import type { Deps } from '../../context.ts';
import { invalidInput } from '../../lib/errors.ts';
import { isValidSiren, isValidSiret } from '../company-identity/siret.ts';
import { communeAncestry } from '../territories/territories.service.ts';
import {
  type ClassificationSettings,
  classificationSettings,
  classifyLegalUnit,
  isPublicUnit,
} from './classification.ts';
import { bracketTable } from './estimates.ts';
import { nafSectionOf } from './naf-sections.ts';
import { observatorySnapshots } from './observatory.tables.ts';
import type { Scope } from './scope.ts';
import { checkHeader, type SireneFileKind } from './sirene-format.ts';
import { type Rejected, SireneScanner } from './sirene-scan.ts';
import { type OpenedSource, openSource, SourceError } from './sirene-source.ts';
import {
  aggregateColumns,
  BATCH,
  bulkWriter,
  deleteSnapshotData,
  establishmentColumns,
  legalUnitColumns,
} from './sirene-write.ts';

export type ImportPhase =
  | 'download'
  | 'scan-establishments'
  | 'scan-legal-units'
  | 'write'
  | 'aggregate'
  | 'swap';
/** `done`/`total` are rows (bytes for downloads); `total` is an estimate during scans. */
export type ImportProgress = { phase: ImportPhase; done: number; total?: number; label: string };

export type ImportSireneInput = {
  legalUnits: string;
  establishments: string;
  /** "2026-10" */
  month: string;
  scope: Scope;
  settings?: Partial<ClassificationSettings>;
  /** Where bad rows are written (CSV: file;line;siret;reason;text). */
  reportPath?: string;
  isDemo?: boolean;
  onProgress?: (p: ImportProgress) => void;
};

export type ImportSireneResult = {
  snapshotId: number;
  month: string;
  scope: string;
  formatVersion: string;
  establishmentsKept: number;
  legalUnitsKept: number;
  employerEstablishments: number;
  rejected: { malformed: number; badSiret: number; unknownCommune: number; badSiren: number };
  replacedSnapshot: boolean;
  reportPath?: string;
  seconds: number;
};

const MAX_REPORTED = 10_000;

async function openChecked(
  kind: SireneFileKind,
  input: string,
  scanner: SireneScanner,
  onProgress?: ImportSireneInput['onProgress'],
) {
  const label = kind === 'legalUnits' ? 'unités légales' : 'établissements';
  let src: OpenedSource;
  try {
    src = await openSource(input, (done, total) =>
      onProgress?.({ phase: 'download', done, total, label: `Téléchargement ${label}` }),
    );
    if (src.format === 'parquet') src.header = await scanner.parquetColumns(src.path);
  } catch (e) {
    if (e instanceof SourceError)
      throw invalidInput(`Fichier des ${label} refusé : ${e.message}`, { [kind]: e.message });
    throw e;
  }
  try {
    return { src, version: checkHeader(kind, src.header) };
  } catch (e) {
    await src.cleanup();
    const message = (e as Error).message;
    throw invalidInput(`Fichier des ${label} refusé : ${message}`, { [kind]: message });
  }
}

/** Finds the line numbers of rows rejected after the scan (bad SIRET, unknown commune): one plain pass, only then. */
async function locateLines(src: OpenedSource, items: Rejected[]) {
  if (items.length === 0 || src.format === 'parquet') return;
  const wanted = new Map(items.map((i) => [i.text.split(';')[0], i]));
  const col = src.header.indexOf('siret');
  const stream = createReadStream(src.path);
  const lines = createInterface({
    input: src.format === 'gzip' ? stream.pipe(createGunzip()) : stream,
    crlfDelay: Number.POSITIVE_INFINITY,
  });
  let n = 0;
  for await (const line of lines) {
    n++;
    const item = wanted.get(line.split(',', col + 1)[col]);
    if (item && item.line === null) item.line = n;
  }
}

/**
 * Imports one month of the Sirene stock for a scope (see the methodology page): scans both files with DuckDB,
 * validates and classifies the kept rows, writes them under a new snapshot, pre-aggregates, then swaps it in for the
 * month in one transaction. A refused file, a failure or a kill before the swap leaves the previous data as it was.
 */
export async function importSireneStock(
  deps: Pick<Deps, 'db' | 'clock'>,
  input: ImportSireneInput,
): Promise<ImportSireneResult> {
  const started = Date.now();
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(input.month))
    throw invalidInput(`Mois de l'instantané invalide : ${input.month} (attendu AAAA-MM)`, {
      snapshot: 'format AAAA-MM',
    });
  const settings = classificationSettings(input.settings);
  const progress = input.onProgress;
  const scanner = await SireneScanner.open();
  const opened: OpenedSource[] = [];
  const { db } = deps;
  try {
    const est = await openChecked('establishments', input.establishments, scanner, progress);
    opened.push(est.src);
    const ul = await openChecked('legalUnits', input.legalUnits, scanner, progress);
    opened.push(ul.src);

    const estimate = (s: OpenedSource) => Math.round(s.bytes / s.bytesPerRow);
    const scanStep = (phase: ImportPhase, s: OpenedSource, label: string) => (f: number) =>
      progress?.({ phase, done: Math.round(f * estimate(s)), total: estimate(s), label });
    try {
      await scanner.scanEstablishments(
        est.src,
        input.scope.departments,
        scanStep('scan-establishments', est.src, 'Lecture des établissements'),
      );
      await scanner.scanLegalUnits(
        ul.src,
        scanStep('scan-legal-units', ul.src, 'Lecture des unités légales'),
      );
    } catch (e) {
      const message = (e as Error).message.split('\n')[0];
      throw invalidInput(`Fichier Sirene illisible (encodage ou format) : ${message}`, { file: message });
    }
    const malformedEst = await scanner.rejected('establishments', est.src);
    const malformedUl = await scanner.rejected('legalUnits', ul.src);
    const rejected: Rejected[] = [...malformedEst.items, ...malformedUl.items];
    const counts = {
      malformed: malformedEst.count + malformedUl.count,
      badSiret: 0,
      unknownCommune: 0,
      badSiren: 0,
    };
    const reject = (r: Rejected, key: 'badSiret' | 'unknownCommune' | 'badSiren') => {
      counts[key]++;
      if (rejected.length < MAX_REPORTED) rejected.push(r);
    };

    // Nothing was written so far. Forget the half-written snapshots of killed runs, then write a new one.
    const stale = await db
      .select({ id: observatorySnapshots.id })
      .from(observatorySnapshots)
      .where(eq(observatorySnapshots.status, 'loading'));
    await deleteSnapshotData(
      db,
      stale.map((s) => s.id),
    );
    const [snapshot] = await db
      .insert(observatorySnapshots)
      .values({
        month: input.month,
        scope: input.scope.label,
        settings: JSON.stringify(settings),
        sourceLegalUnits: input.legalUnits,
        sourceEstablishments: input.establishments,
        formatVersion: est.version,
        isDemo: input.isDemo ?? false,
      })
      .returning({ id: observatorySnapshots.id });
    const snapshotId = snapshot.id;

    const write = bulkWriter(db);
    const classified = await scanner.classifiedTables();
    const ulTotal = await scanner.count('ul');
    let done = 0;
    let batch: unknown[][] = [];
    let legalUnitsKept = 0;
    for await (const chunk of scanner.rows(
      'SELECT siren, diffusion, category, naf, ess_flag, name, acronym FROM ul',
    )) {
      for (const [siren, diffusion, category, naf, essFlag, name, acronym] of chunk as (string | null)[][]) {
        done++;
        if (!siren || !isValidSiren(siren)) {
          reject({ file: 'legalUnits', line: null, reason: 'SIREN invalide', text: `${siren}` }, 'badSiren');
          continue;
        }
        // Partly-hidden units (P) and natural persons (category 1xxx): no name is stored.
        const hidden = diffusion === 'P' || (category ?? '').startsWith('1');
        const family = classifyLegalUnit({ legalCategory: category, nafCode: naf, essFlag }, settings);
        const isPublic = isPublicUnit(category, settings);
        classified.legalUnits.row([siren, family, isPublic]);
        legalUnitsKept++;
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
        if (batch.length >= BATCH) {
          await write('observatory_legal_units', legalUnitColumns, batch);
          batch = [];
          progress?.({ phase: 'write', done, total: ulTotal, label: 'Écriture des unités légales' });
        }
      }
    }
    await write('observatory_legal_units', legalUnitColumns, batch);
    classified.legalUnits.close();

    const estTotal = await scanner.count('est');
    done = 0;
    batch = [];
    let kept = 0;
    let employers = 0;
    const query =
      'SELECT siret, siren, diffusion, bracket, head_office, commune, naf, employer, name FROM est';
    for await (const chunk of scanner.rows(query)) {
      for (const [siret, siren, diffusion, bracket, headOffice, commune, naf, employer, name] of chunk as (
        | string
        | null
      )[][]) {
        done++;
        if (!siret || !siren || !isValidSiret(siret) || !siret.startsWith(siren)) {
          reject(
            { file: 'establishments', line: null, reason: 'SIRET invalide', text: `${siret};${commune}` },
            'badSiret',
          );
          continue;
        }
        const place = commune ? communeAncestry(commune) : undefined;
        if (!place) {
          const reason = `commune inconnue (${commune})`;
          reject(
            { file: 'establishments', line: null, reason, text: `${siret};${commune}` },
            'unknownCommune',
          );
          continue;
        }
        const isEmployer = employer === 'O' || (Boolean(bracket) && bracket !== 'NN');
        const section = nafSectionOf(naf);
        kept++;
        if (isEmployer) {
          employers++;
          classified.employers.row([
            siren,
            place.communeCode,
            place.epciCode,
            place.departmentCode,
            place.regionCode,
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
        if (batch.length >= BATCH) {
          await write('observatory_establishments', establishmentColumns, batch);
          batch = [];
          progress?.({ phase: 'write', done, total: estTotal, label: 'Écriture des établissements' });
        }
      }
    }
    await write('observatory_establishments', establishmentColumns, batch);
    classified.employers.close();
    progress?.({ phase: 'write', done, total: estTotal, label: 'Écriture des établissements' });

    progress?.({ phase: 'aggregate', done: 0, total: 1, label: 'Agrégation par territoire' });
    batch = [];
    for await (const chunk of scanner.aggregates(bracketTable())) {
      for (const row of chunk) batch.push([snapshotId, ...row]);
      if (batch.length >= BATCH) {
        await write('observatory_aggregates', aggregateColumns, batch);
        batch = [];
      }
    }
    await write('observatory_aggregates', aggregateColumns, batch);
    progress?.({ phase: 'aggregate', done: 1, total: 1, label: 'Agrégation par territoire' });

    const estRejected = rejected.filter((r) => r.file === 'establishments' && r.line === null);
    await locateLines(est.src, estRejected);
    if (input.reportPath) await writeReport(input.reportPath, rejected);

    const stats = {
      establishmentsInScope: estTotal,
      establishmentsKept: kept,
      legalUnitsKept,
      employers,
      rejected: counts,
    };
    progress?.({ phase: 'swap', done: 0, total: 1, label: 'Bascule de l’instantané' });
    const replaced = await db.transaction(async (tx) => {
      const previous = await tx
        .select({ id: observatorySnapshots.id })
        .from(observatorySnapshots)
        .where(and(eq(observatorySnapshots.month, input.month), eq(observatorySnapshots.status, 'ready')));
      await deleteSnapshotData(
        tx as never,
        previous.map((p) => p.id),
      );
      await tx
        .update(observatorySnapshots)
        .set({ status: 'ready', readyAt: deps.clock(), stats: JSON.stringify(stats) })
        .where(inArray(observatorySnapshots.id, [snapshotId]));
      return previous.length > 0;
    });
    return {
      snapshotId,
      month: input.month,
      scope: input.scope.label,
      formatVersion: est.version,
      establishmentsKept: kept,
      legalUnitsKept,
      employerEstablishments: employers,
      rejected: counts,
      replacedSnapshot: replaced,
      reportPath: input.reportPath,
      seconds: (Date.now() - started) / 1000,
    };
  } finally {
    scanner.close();
    for (const s of opened) await s.cleanup();
  }
}

async function writeReport(path: string, rows: Rejected[]) {
  const out = createWriteStream(path);
  const cell = (s: string) => (/[;"\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s);
  out.write('fichier;ligne;motif;contenu\n');
  for (const r of rows)
    out.write(
      `${r.file === 'establishments' ? 'etablissements' : 'unites_legales'};${r.line ?? ''};${cell(r.reason)};${cell(r.text.replaceAll('\n', ' '))}\n`,
    );
  await new Promise<void>((resolve, reject) => out.end((e?: Error | null) => (e ? reject(e) : resolve())));
}
