import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import type { OpenedSource } from './sirene-source.ts';

// The fast scan: DuckDB reads the stock files (CSV, gzip or Parquet) in parallel with a bounded memory budget
// (spilling to a temporary folder), keeps the rows of the scope in its own temporary tables, and hands them over
// in chunks. Nothing is written to our database during the scan: a file that fails here leaves it untouched.

/** DuckDB could not read a file (encoding, format): the file is refused. */
export class ScanError extends Error {}

export type ScanProgress = (fraction: number) => void;
export type Rejected = {
  file: 'legalUnits' | 'establishments';
  line: number | null;
  reason: string;
  text: string;
};

const quote = (s: string) => `'${s.replaceAll("'", "''")}'`;

function reader(src: OpenedSource, fileId: string): string {
  if (src.format === 'parquet') return `read_parquet(${quote(src.path)})`;
  const columns = src.header.map((c) => `${quote(c)}: 'VARCHAR'`).join(', ');
  return `read_csv(${quote(src.path)}, auto_detect = false, header = true, delim = ',', quote = '"', escape = '"',
    columns = {${columns}}, compression = ${src.format === 'gzip' ? "'gzip'" : "'none'"},
    store_rejects = true, ignore_errors = true, rejects_scan = 'scans_${fileId}', rejects_table = 'errors_${fileId}',
    max_line_size = 1048576)`;
}

export class SireneScanner {
  private constructor(
    private instance: DuckDBInstance,
    readonly conn: DuckDBConnection,
    /** Appenders get their own connection: appending on the one streaming a result would end that stream early. */
    private appendConn: DuckDBConnection,
    /** Reads kept rows while `conn` scans the next file. */
    private readerConn: DuckDBConnection,
    private spillDir: string,
  ) {}

  static async open(opts: { memoryLimit?: string; threads?: number } = {}) {
    const spillDir = mkdtempSync(join(tmpdir(), 'maillage-duckdb-'));
    const instance = await DuckDBInstance.create(':memory:', {
      threads: String(opts.threads ?? 2),
      memory_limit: opts.memoryLimit ?? '256MB',
      temp_directory: spillDir,
      preserve_insertion_order: 'false',
    });
    const conns = [await instance.connect(), await instance.connect(), await instance.connect()] as const;
    return new SireneScanner(instance, ...conns, spillDir);
  }

  /** Header of a Parquet file (CSV headers are read by sirene-source). */
  async parquetColumns(path: string): Promise<string[]> {
    const r = await this.conn.runAndReadAll(`DESCRIBE SELECT * FROM read_parquet(${quote(path)})`);
    return r.getRowObjects().map((o) => String(o.column_name));
  }

  /** Runs a statement while reporting DuckDB's own progress estimate. */
  private async withProgress(statement: string, onProgress?: ScanProgress) {
    onProgress?.(0);
    const timer = onProgress
      ? setInterval(() => {
          const p = this.conn.progress.percentage;
          if (p >= 0) onProgress(Math.min(p / 100, 1));
        }, 250)
      : undefined;
    try {
      await this.conn.run(statement);
      onProgress?.(1);
    } finally {
      if (timer) clearInterval(timer);
    }
  }

  /** Active establishments whose commune code starts with one of the departments (all of them when null). */
  async scanEstablishments(src: OpenedSource, departments: string[] | null, onProgress?: ScanProgress) {
    const scope = departments
      ? departments.map((d) => `starts_with(codeCommuneEtablissement, ${quote(d)})`).join(' OR ')
      : "coalesce(codeCommuneEtablissement, '') <> ''";
    await this.withProgress(
      `CREATE TABLE est AS SELECT siren, siret, statutDiffusionEtablissement AS diffusion,
         trancheEffectifsEtablissement AS bracket, etablissementSiege AS head_office,
         codeCommuneEtablissement AS commune, activitePrincipaleEtablissement AS naf,
         caractereEmployeurEtablissement AS employer,
         coalesce(nullif(denominationUsuelleEtablissement, ''), nullif(enseigne1Etablissement, '')) AS name
       FROM ${reader(src, 'est')}
       WHERE etatAdministratifEtablissement = 'A' AND (${scope})`,
      onProgress,
    );
    return this.count('est');
  }

  /** The legal units of the kept establishments (a semi-join: the rest of the file is not kept). */
  /**
   * Streams the legal units of the kept establishments (a semi-join: the rest of the file is never kept), in chunks,
   * while DuckDB is still reading the file; reports DuckDB's progress estimate meanwhile.
   */
  async *legalUnitRows(src: OpenedSource, onProgress?: ScanProgress): AsyncGenerator<unknown[][]> {
    onProgress?.(0);
    const timer = onProgress
      ? setInterval(() => {
          const p = this.conn.progress.percentage;
          if (p >= 0) onProgress(Math.min(p / 100, 1));
        }, 250)
      : undefined;
    try {
      yield* this.rows(`SELECT siren, statutDiffusionUniteLegale AS diffusion,
         categorieJuridiqueUniteLegale AS category, activitePrincipaleUniteLegale AS naf,
         economieSocialeSolidaireUniteLegale AS ess_flag, denominationUniteLegale AS name, sigleUniteLegale AS acronym
       FROM ${reader(src, 'ul')}
       WHERE siren IN (SELECT DISTINCT siren FROM est)`);
      onProgress?.(1);
    } catch (e) {
      throw new ScanError((e as Error).message);
    } finally {
      if (timer) clearInterval(timer);
    }
  }

  async count(table: string, on: 'main' | 'reader' = 'main'): Promise<number> {
    const r = await (on === 'reader' ? this.readerConn : this.conn).runAndReadAll(
      `SELECT count(*)::INTEGER AS n FROM ${table}`,
    );
    return Number(r.getRows()[0][0]);
  }

  /** Malformed lines DuckDB skipped, with their line numbers (1 = the header line). */
  async rejected(file: 'legalUnits' | 'establishments', src: OpenedSource, limit = 10_000) {
    if (src.format === 'parquet') return { count: 0, items: [] as Rejected[] };
    const t = file === 'establishments' ? 'errors_est' : 'errors_ul';
    const count = await this.count(`(SELECT DISTINCT line FROM ${t})`);
    const r = await this.conn.runAndReadAll(
      `SELECT line::BIGINT AS line, any_value(error_type) AS type, any_value(csv_line) AS text
       FROM ${t} GROUP BY line ORDER BY line LIMIT ${limit}`,
    );
    const items = r.getRows().map(([line, type, text]) => ({
      file,
      line: Number(line),
      reason: `ligne mal formée (${String(type).toLowerCase()})`,
      text: String(text ?? '').slice(0, 300),
    }));
    return { count, items };
  }

  /** Streams a query's rows in chunks of ~2,048 (DuckDB's vector size). */
  async *rows(query: string, on: 'main' | 'reader' = 'main'): AsyncGenerator<unknown[][]> {
    const result = await (on === 'reader' ? this.readerConn : this.conn).stream(query);
    for (;;) {
      const chunk = await result.fetchChunk();
      if (!chunk || chunk.rowCount === 0) return;
      yield chunk.getRows() as unknown[][];
    }
  }

  /** Tables receiving the rows as validated and classified in JS (siren → family; establishment → territories). */
  async classifiedTables() {
    await this.conn.run(`CREATE TABLE ulc (siren VARCHAR, family VARCHAR, is_public BOOLEAN);
      CREATE TABLE estc (siren VARCHAR, commune VARCHAR, epci VARCHAR, dep VARCHAR, region VARCHAR, section VARCHAR,
        bracket VARCHAR);`);
    const append = async (table: string) => {
      const appender = await this.appendConn.createAppender(table);
      return {
        row(values: (string | boolean | null)[]) {
          for (const v of values) {
            if (v === null) appender.appendNull();
            else if (typeof v === 'boolean') appender.appendBoolean(v);
            else appender.appendVarchar(v);
          }
          appender.endRow();
        },
        close: () => appender.closeSync(),
      };
    };
    return { legalUnits: await append('ulc'), employers: await append('estc') };
  }

  /**
   * Employer establishments summed per territory level and cell: ESS families by NAF section × size class, the rest
   * as `private` / `public` totals. `brackets` rows: (code, low, central, high, size class).
   */
  async *aggregates(brackets: [string, number, number, number, string][]): AsyncGenerator<unknown[][]> {
    const values = brackets.map(([c, l, m, h, z]) => `('${c}', ${l}, ${m}, ${h}, '${z}')`).join(', ');
    yield* this.rows(`WITH b(code, low, central, high, size) AS (VALUES ${values}),
      e AS (
        SELECT e.*, coalesce(u.family, 'non_ess') AS fam, coalesce(u.is_public, false) AS pub,
          b.low, b.central, b.high, b.size
        FROM estc e LEFT JOIN ulc u USING (siren) JOIN b ON b.code = coalesce(nullif(e.bracket, ''), '?')),
      g AS (
        SELECT unnest(['fr', 'region:' || region, 'dep:' || dep, 'epci:' || epci, 'com:' || commune]) AS territory,
          CASE WHEN fam <> 'non_ess' THEN fam WHEN pub THEN 'public' ELSE 'private' END AS grp,
          CASE WHEN fam <> 'non_ess' THEN coalesce(section, '?') ELSE '*' END AS sec,
          CASE WHEN fam <> 'non_ess' THEN size ELSE '*' END AS sz, low, central, high
        FROM e)
      SELECT territory, grp, sec, sz, count(*)::INTEGER, sum(low)::DOUBLE, sum(central)::DOUBLE, sum(high)::DOUBLE,
        max(central)::DOUBLE
      FROM g WHERE territory IS NOT NULL GROUP BY ALL`);
  }

  close() {
    this.appendConn.closeSync();
    this.readerConn.closeSync();
    this.conn.closeSync();
    this.instance.closeSync();
    rmSync(this.spillDir, { recursive: true, force: true });
  }
}
