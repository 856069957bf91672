import { once } from 'node:events';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { sql } from 'drizzle-orm';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { Db } from '../../db/client.ts';

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
/** Receives CSV lines for one table; `end` completes the COPY. */
export type CopyStream = { write(text: string): Promise<void>; end(): Promise<void>; abort(): Promise<void> };

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
   * One COPY for a whole table on PostgreSQL (the server parses while we build the next lines); batches of COPY
   * through /dev/blob on the embedded database.
   */
  const open = async (table: string, columns: Column[]): Promise<CopyStream> => {
    const names = columns.map(([n]) => n).join(', ');
    if (embedded) {
      const copy = (text: string) =>
        client.query(`COPY ${table} (${names}) FROM '/dev/blob' WITH (FORMAT csv)`, [], {
          blob: new Blob([text]),
        });
      return {
        write: async (text) => void (text && (await copy(text))),
        end: async () => {},
        abort: async () => {},
      };
    }
    const conn = await client.connect!();
    const stream = conn.query(copyFrom(`COPY ${table} (${names}) FROM STDIN WITH (FORMAT csv)`));
    let failure: Error | undefined;
    const failed = new Promise<never>((_, reject) =>
      stream.on('error', (e: Error) => {
        failure = e;
        reject(e);
      }),
    );
    failed.catch(() => {});
    let released = false;
    const release = (e?: Error) => {
      if (released) return;
      released = true;
      conn.release(e);
    };
    return {
      async write(text) {
        if (failure) throw failure;
        if (!text || stream.write(text)) return;
        await Promise.race([once(stream, 'drain'), failed]);
      },
      async end() {
        try {
          await Promise.race([new Promise<void>((resolve) => stream.end(resolve)), failed]);
          if (failure) throw failure;
          release();
        } catch (e) {
          release(e as Error);
          throw e;
        }
      },
      async abort() {
        if (!failure) stream.destroy(new Error('COPY interrompu'));
        release(failure ?? new Error('COPY interrompu'));
      },
    };
  };
  // Smaller batches on the embedded database keep its WebAssembly heap (and the process's peak memory) down.
  return Object.assign(write, { batchSize: embedded ? 5_000 : 20_000, open });
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
