import { createReadStream, createWriteStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import { and, eq, inArray } from 'drizzle-orm';
import type { Deps } from '../../context.ts';
import { refreshStatistics } from '../../db/maintenance.ts';
import { invalidInput } from '../../lib/errors.ts';
import type { TaskProgress } from '../../lib/progress.ts';
import { communeCodeRows } from '../territories/territories.service.ts';
import { type ClassificationSettings, classificationSettings } from './classification.ts';
import { nafDivisions } from './naf-sections.ts';
import { observatoryAggregates, observatorySnapshots } from './observatory.tables.ts';
import type { Scope } from './scope.ts';
import { checkHeader, type SireneFileKind } from './sirene-format.ts';
import {
  type LoadContext,
  loadLegalUnits,
  reportEstablishments,
  writeEstablishments,
} from './sirene-load.ts';
import { type Rejected, ScanError, SireneScanner } from './sirene-scan.ts';
import { type OpenedSource, openSource, SourceError } from './sirene-source.ts';
import { bulkWriter, deleteSnapshotData } from './sirene-write.ts';

export type ImportPhase =
  | 'download'
  | 'scan-establishments'
  | 'scan-legal-units'
  | 'write'
  | 'aggregate'
  | 'report'
  | 'swap';
/**
 * One task of the import (its label tells it apart: several run at once): `done`/`total` rows (bytes for downloads,
 * an estimate during scans), or a step with no total that says when it is `finished`.
 */
export type ImportProgress = TaskProgress & { phase: ImportPhase };

export type ImportSireneInput = {
  legalUnits: string;
  establishments: string;
  /** "2026-10" */
  month: string;
  scope: Scope;
  settings?: Partial<ClassificationSettings>;
  /** Where bad rows are written, when there are any (CSV: fichier;ligne;motif;contenu). */
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
  rejected: {
    malformed: number;
    badSiret: number;
    unknownCommune: number;
    badSiren: number;
    duplicate: number;
  };
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
    src = await openSource(input, (step, done, total) =>
      onProgress?.({
        phase: 'download',
        done,
        total,
        unit: 'bytes',
        label: `${step === 'download' ? 'Téléchargement' : 'Décompression'} des ${label}`,
      }),
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

/**
 * Finds the line numbers of rows rejected after the scan (bad SIRET, unknown commune, duplicate): one plain pass, only
 * then. A duplicate is reported at the second and later occurrences of its SIRET, the other reasons at the first.
 */
async function locateLines(src: OpenedSource, items: Rejected[]) {
  if (items.length === 0 || src.format === 'parquet') return;
  const wanted = new Map<string, { first?: Rejected; later: Rejected[]; seen: number }>();
  for (const i of items) {
    const key = i.text.split(';')[0];
    const entry = wanted.get(key) ?? { later: [], seen: 0 };
    if (i.reason === 'SIRET en double') entry.later.push(i);
    else entry.first = i;
    wanted.set(key, entry);
  }
  const col = src.header.indexOf('siret');
  const stream = createReadStream(src.path);
  const lines = createInterface({
    input: src.format === 'gzip' ? stream.pipe(createGunzip()) : stream,
    crlfDelay: Number.POSITIVE_INFINITY,
  });
  let n = 0;
  for await (const line of lines) {
    n++;
    const entry = wanted.get(line.split(',', col + 1)[col]);
    if (!entry) continue;
    entry.seen++;
    const item = entry.seen === 1 ? entry.first : entry.later[entry.seen - 2];
    if (item && item.line === null) item.line = n;
  }
}

/**
 * Imports one month of the Sirene stock for a scope (see the methodology page), under a new snapshot swapped in for
 * the month in one transaction at the end; a refused file, a failure or a kill before the swap leaves the previous
 * data as it was. On 2 cores, the steps overlap so that both stay busy:
 * 1. DuckDB scans the establishments file (2 threads), keeping the rows of the scope;
 * 2. the legal units file is cut down to the records of the kept SIRENs (sirene-prefilter.ts, one core) and DuckDB
 *    parses what is left, while DuckDB validates the kept establishments and they are written (the other core);
 * 3. the legal units are classified and written while the aggregates are summed, written, analysed, and their
 *    statistical secrecy decided (secrecy-plan.ts);
 * 4. the swap.
 * DuckDB writes the COPY files and the database reads them (sirene-write.ts): rows never pass through JavaScript
 * values.
 */
export async function importSireneStock(
  deps: Pick<Deps, 'db' | 'clock'>,
  input: ImportSireneInput,
): Promise<ImportSireneResult> {
  const started = Date.now();
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(input.month))
    throw invalidInput(`Mois de l’instantané invalide : ${input.month} (attendu AAAA-MM)`, {
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
      progress?.({ phase, done: Math.round(f * estimate(s)), total: estimate(s), estimated: true, label });
    const unreadable = (e: unknown) => {
      const message = (e as Error).message.split('\n')[0];
      return invalidInput(`Fichier Sirene illisible (encodage ou format) : ${message}`, { file: message });
    };
    await scanner
      .scanEstablishments(
        est.src,
        input.scope.departments,
        scanStep('scan-establishments', est.src, 'Lecture des établissements'),
      )
      .catch((e) => {
        throw unreadable(e);
      });
    const malformedEst = await scanner.rejected('establishments', est.src);
    const rejected: Rejected[] = [...malformedEst.items];
    const counts = {
      malformed: malformedEst.count,
      badSiret: 0,
      unknownCommune: 0,
      badSiren: 0,
      duplicate: 0,
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
    await scanner.classifiedTables();
    const ctx: LoadContext = {
      scanner,
      write: bulkWriter(db),
      snapshotId,
      scope: input.scope.label,
      analyzeAggregates: () => refreshStatistics(db, [observatoryAggregates]),
      settings,
      reject(r, key) {
        counts[key]++;
        if (rejected.length < MAX_REPORTED) rejected.push(r);
      },
      progress: (p) => progress?.({ phase: 'write', ...p }),
    };
    // The legal units are read (main connection) while the establishments already kept are validated, reported and
    // written (reader connection): on 2 cores, both stay busy. Every DuckDB statement settles before DuckDB closes.
    const ulScan = scanner
      .scanLegalUnits(ul.src, scanStep('scan-legal-units', ul.src, 'Lecture des unités légales'), {
        cutDown: input.scope.departments !== null,
      })
      .catch((e) => {
        throw e instanceof ScanError ? unreadable(e) : e;
      });
    ulScan.catch(() => {});
    try {
      await scanner.validateEstablishments({
        places: communeCodeRows(input.scope.departments),
        divisions: nafDivisions(),
      });
      const { kept, employers } = await reportEstablishments(ctx);
      const [estWrite, ulDone] = await Promise.allSettled([
        writeEstablishments(ctx, kept),
        loadLegalUnits(ctx, ulScan),
      ]);
      if (estWrite.status === 'rejected') throw estWrite.reason;
      if (ulDone.status === 'rejected') throw ulDone.reason;
      const legalUnitsKept = ulDone.value;
      const malformedUl = await scanner.rejected('legalUnits', ul.src);
      counts.malformed += malformedUl.count;
      rejected.push(...malformedUl.items);

      const reportPath = input.reportPath && rejected.length > 0 ? input.reportPath : undefined;
      if (reportPath) {
        const label = 'Rapport des lignes écartées';
        progress?.({ phase: 'report', done: 0, label });
        await locateLines(
          est.src,
          rejected.filter((r) => r.file === 'establishments' && r.line === null),
        );
        await writeReport(reportPath, rejected);
        progress?.({ phase: 'report', done: rejected.length, label, finished: true });
      }

      const stats = {
        establishmentsInScope: await scanner.count('estv'),
        establishmentsKept: kept,
        legalUnitsKept,
        employers,
        rejected: counts,
      };
      const swapLabel = 'Bascule de l’instantané';
      progress?.({ phase: 'swap', done: 0, label: swapLabel });
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
          .set({
            status: 'ready',
            readyAt: deps.clock(),
            secrecyPlannedAt: deps.clock(),
            stats: JSON.stringify(stats),
          })
          .where(inArray(observatorySnapshots.id, [snapshotId]));
        return previous.length > 0;
      });
      progress?.({ phase: 'swap', done: 0, label: swapLabel, finished: true });
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
        reportPath,
        seconds: (Date.now() - started) / 1000,
      };
    } catch (e) {
      await ulScan.catch(() => {});
      // Whatever failed, the snapshot is not swapped in: remove what it wrote (a kill is handled by the next run).
      await deleteSnapshotData(db, [snapshotId]).catch(() => {});
      throw e;
    }
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
