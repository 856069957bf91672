import { once } from 'node:events';
import { createReadStream, openAsBlob } from 'node:fs';
import { rm } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { and, eq, lt, sql } from 'drizzle-orm';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { Db } from '../../db/client.ts';
import { observatorySnapshots } from './observatory.tables.ts';

// Bulk writes: COPY … FROM CSV text, through PGlite's /dev/blob on the embedded database (one COPY per batch) and
// through pg-copy-streams (COPY FROM STDIN, one COPY per table for `open`) on PostgreSQL.

export type Column = [name: string, type: 'text' | 'int' | 'boolean' | 'real'];
type RawClient = {
  query(text: string, values?: unknown[], options?: { blob?: Blob }): Promise<unknown>;
  waitReady?: Promise<void>;
  connect?: () => Promise<pg.PoolClient>;
};

const csvValue = (v: unknown) => {
  if (v === null || v === undefined) return '';
  const s = String(v);
  return /[",\n\r]/.test(s) || s === '' ? `"${s.replaceAll('"', '""')}"` : s;
};

export function bulkWriter(db: Db) {
  const client = (db as unknown as { $client: RawClient }).$client;
  const embedded = 'waitReady' in client;
  const write = async (table: string, columns: Column[], rows: unknown[][]) => {
    if (rows.length === 0) return;
    const names = columns.map(([n]) => n).join(', ');
    const text = `${rows.map((r) => r.map(csvValue).join(',')).join('\n')}\n`;
    if (embedded) {
      await client.query(`COPY ${table} (${names}) FROM '/dev/blob' WITH (FORMAT csv)`, [], {
        blob: new Blob([text]),
      });
      return;
    }
    const conn = await client.connect!();
    try {
      const stream = conn.query(copyFrom(`COPY ${table} (${names}) FROM STDIN WITH (FORMAT csv)`));
      await pipeline(Readable.from([text]), stream);
    } finally {
      conn.release();
    }
  };
  /**
   * Sends CSV files (written by DuckDB, see SireneScanner.csvParts) into a table: one COPY FROM STDIN for all of them
   * on PostgreSQL, the bytes piped from the file; one COPY through /dev/blob per file on the embedded database, the
   * file read lazily as a Blob. Each file is deleted once sent. Returns the rows the database reports stored.
   */
  const copyFiles = async (table: string, columns: Column[], parts: AsyncIterable<{ path: string }>) => {
    const names = columns.map(([n]) => n).join(', ');
    const statement = (source: string) => `COPY ${table} (${names}) FROM ${source} WITH (FORMAT csv)`;
    const files = parts[Symbol.asyncIterator]();
    // Asks for part n + 1 (DuckDB writes it) before sending part n.
    let next = files.next();
    if (embedded) {
      let stored = 0;
      try {
        for (let r = await next; !r.done; r = await next) {
          next = files.next();
          const result = (await client.query(statement("'/dev/blob'"), [], {
            blob: await openAsBlob(r.value.path),
          })) as { affectedRows?: number };
          stored += result.affectedRows ?? 0;
          await rm(r.value.path, { force: true });
        }
      } catch (e) {
        await next.catch(() => {});
        throw e;
      }
      return stored;
    }
    let conn: pg.PoolClient;
    try {
      conn = await client.connect!();
    } catch (e) {
      await next.catch(() => {});
      throw e;
    }
    try {
      const stream = conn.query(copyFrom(statement('STDIN')));
      const done = new Promise<void>((resolve, reject) => {
        stream.on('finish', resolve);
        stream.on('error', reject);
      });
      done.catch(() => {});
      for (let r = await next; !r.done; r = await next) {
        next = files.next();
        for await (const chunk of createReadStream(r.value.path, { highWaterMark: 1 << 20 }))
          if (!stream.write(chunk)) await Promise.race([once(stream, 'drain'), done]);
        await rm(r.value.path, { force: true });
      }
      stream.end();
      await done;
      conn.release();
      return stream.rowCount;
    } catch (e) {
      // Drains the part DuckDB may be writing before the caller closes it.
      await next.catch(() => {});
      conn.release(e as Error);
      throw e;
    }
  };
  // Smaller batches on the embedded database keep its WebAssembly heap (and the process's peak memory) down.
  return Object.assign(write, {
    batchSize: embedded ? 5_000 : 20_000,
    /** Rows per CSV file sent by copyFiles: small files keep the embedded database's WebAssembly heap down. */
    partRows: embedded ? 25_000 : 50_000,
    copyFiles,
  });
}

export const legalUnitColumns: Column[] = [
  ['snapshot_id', 'int'],
  ['siren', 'text'],
  ['name', 'text'],
  ['legal_category', 'text'],
  ['naf_code', 'text'],
  ['ess_flag', 'text'],
  ['family', 'text'],
  ['is_public', 'boolean'],
  ['diffusion', 'text'],
];

export const establishmentColumns: Column[] = [
  ['snapshot_id', 'int'],
  ['siret', 'text'],
  ['siren', 'text'],
  ['name', 'text'],
  ['commune_code', 'text'],
  ['epci_code', 'text'],
  ['department_code', 'text'],
  ['region_code', 'text'],
  ['naf_code', 'text'],
  ['naf_section', 'text'],
  ['headcount_bracket', 'text'],
  ['is_employer', 'boolean'],
  ['is_head_office', 'boolean'],
];

export const aggregateColumns: Column[] = [
  ['snapshot_id', 'int'],
  ['territory_code', 'text'],
  ['family', 'text'],
  ['naf_section', 'text'],
  ['size_class', 'text'],
  ['establishments', 'int'],
  ['jobs_low', 'real'],
  ['jobs_central', 'real'],
  ['jobs_high', 'real'],
  ['max_jobs', 'real'],
];

export const secretCellColumns: Column[] = [
  ['snapshot_id', 'int'],
  ['territory_code', 'text'],
  ['dimension', 'text'],
  ['category', 'text'],
  ['reason', 'text'],
];

/** Removes the rows of snapshots (data first, then the snapshot rows). */
export async function deleteSnapshotData(db: Db, ids: number[]) {
  if (ids.length === 0) return;
  const list = sql.raw(ids.map(Number).join(','));
  await db.execute(sql`DELETE FROM observatory_secret_cells WHERE snapshot_id IN (${list})`);
  await db.execute(sql`DELETE FROM observatory_aggregates WHERE snapshot_id IN (${list})`);
  await db.execute(sql`DELETE FROM observatory_establishments WHERE snapshot_id IN (${list})`);
  await db.execute(sql`DELETE FROM observatory_legal_units WHERE snapshot_id IN (${list})`);
  await db.execute(sql`DELETE FROM observatory_snapshots WHERE id IN (${list})`);
}

/**
 * Removes the half-written (`loading`) snapshots of imports that were stopped before they swapped their month in,
 * started before `startedBefore`; returns how many. At start: on the embedded database every one is stale (the data
 * folder's lock keeps other processes out); on PostgreSQL another process may be importing, so only old ones go.
 */
export async function removeStaleLoadingSnapshots(db: Db, startedBefore: Date): Promise<number> {
  const stale = await db
    .select({ id: observatorySnapshots.id })
    .from(observatorySnapshots)
    .where(
      and(eq(observatorySnapshots.status, 'loading'), lt(observatorySnapshots.createdAt, startedBefore)),
    );
  await deleteSnapshotData(
    db,
    stale.map((s) => s.id),
  );
  return stale.length;
}
