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

// SQL for COPY CSV cells (null → empty cell; quoted when needed) and for the SIREN/SIRET keys
// (company-identity/siret.ts: Luhn, La Poste's establishments by a digit sum divisible by 5).
const csv = (
  x: string,
) => `CASE WHEN (${x}) IS NULL THEN '' WHEN (${x}) = '' OR regexp_matches(${x}, '[",\\n\\r]')
  THEN '"' || replace(${x}, '"', '""') || '"' ELSE ${x} END`;
const bool = (x: string) => `CASE WHEN coalesce(${x}, false) THEN 'true' ELSE 'false' END`;
const digit = (col: string, i: string) => `(ascii(${col}[${i}]) - 48)`;
const digitSum = (n: number, col: string) =>
  `list_sum(list_transform(range(${n}), i -> ${digit(col, 'i + 1')}))`;
const luhn = (n: number, col: string) => {
  const d = digit(col, `${n} - i`);
  return `list_sum(list_transform(range(${n}), i -> CASE WHEN i % 2 = 1
    THEN CASE WHEN ${d} * 2 > 9 THEN ${d} * 2 - 9 ELSE ${d} * 2 END ELSE ${d} END)) % 10 = 0`;
};

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
    const conns = [await instance.connect(), await instance.connect()] as const;
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

  /**
   * Keeps the legal units of the kept establishments in table `ul` (a semi-join: the rest of the file is never kept),
   * reporting DuckDB's progress estimate meanwhile. Throws ScanError when the file cannot be read.
   */
  async scanLegalUnits(src: OpenedSource, onProgress?: ScanProgress) {
    await this.withProgress(
      `CREATE OR REPLACE TABLE ul AS SELECT siren, statutDiffusionUniteLegale AS diffusion,
         categorieJuridiqueUniteLegale AS category, activitePrincipaleUniteLegale AS naf,
         economieSocialeSolidaireUniteLegale AS ess_flag, denominationUniteLegale AS name, sigleUniteLegale AS acronym
       FROM ${reader(src, 'ul')}
       WHERE siren IN (SELECT DISTINCT siren FROM est)`,
      onProgress,
    ).catch((e) => {
      throw new ScanError((e as Error).message);
    });
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

  /**
   * Validates the kept establishments inside DuckDB (SIRET key, SIREN prefix) against `places` (commune as in the
   * file → commune, EPCI, department, region, looked up in JS for each distinct commune) and `sections` (NAF code →
   * section): table `estv`, with `ok` false for rejected rows. Runs on the reader connection.
   */
  async validateEstablishments(
    placeOf: (commune: string) => (string | null)[] | undefined,
    sectionOf: (naf: string) => string | null,
  ) {
    const c = this.readerConn;
    await c.run(`CREATE OR REPLACE TABLE places (raw VARCHAR, commune VARCHAR, epci VARCHAR, dep VARCHAR,
        region VARCHAR);
      CREATE OR REPLACE TABLE sections (naf VARCHAR, section VARCHAR);`);
    const fill = async (table: string, query: string, map: (v: string) => (string | null)[] | undefined) => {
      const distinct = await c.runAndReadAll(query);
      const appender = await c.createAppender(table);
      for (const [v] of distinct.getRows() as [string][]) {
        const values = map(v);
        if (!values) continue;
        appender.appendVarchar(v);
        for (const x of values) x === null ? appender.appendNull() : appender.appendVarchar(x);
        appender.endRow();
      }
      appender.closeSync();
    };
    await fill('places', 'SELECT DISTINCT commune FROM est WHERE commune IS NOT NULL', placeOf);
    await fill('sections', 'SELECT DISTINCT naf FROM est WHERE naf IS NOT NULL', (n) => [sectionOf(n)]);
    await c.run(`CREATE OR REPLACE TABLE estv AS
      SELECT e.*, p.commune AS c_code, p.epci, p.dep, p.region, s.section,
        coalesce(regexp_full_match(e.siret, '[0-9]{14}') AND e.siren <> '' AND starts_with(e.siret, e.siren)
          AND CASE WHEN starts_with(e.siret, '356000000') THEN ${digitSum(14, 'e.siret')} % 5 = 0
            ELSE ${luhn(14, 'e.siret')} END, false) AS siret_ok,
        coalesce(e.employer = 'O', false) OR coalesce(e.bracket, '') NOT IN ('', 'NN') AS is_employer
      FROM est e LEFT JOIN places p ON p.raw = e.commune LEFT JOIN sections s ON s.naf = e.naf`);
  }

  /** Copies the employers among the valid rows of `estv` into `estc` (for the aggregates); returns their count. */
  async employersFromValidated() {
    await this.readerConn.run(`INSERT INTO estc SELECT siren, c_code, epci, dep, region, section, bracket
      FROM estv WHERE siret_ok AND c_code IS NOT NULL AND is_employer`);
    return this.count('(SELECT 1 FROM estc)', 'reader');
  }

  /** Kept rows of `estv` as COPY CSV lines (snapshot id first), one VARCHAR per row, in chunks. */
  establishmentLines(snapshotId: number) {
    return this.csvLines(
      snapshotId,
      [
        csv('siret'),
        csv('siren'),
        csv("CASE WHEN diffusion = 'P' THEN NULL ELSE name END"),
        csv('c_code'),
        csv('epci'),
        csv('dep'),
        csv('region'),
        csv("nullif(naf, '')"),
        csv('section'),
        csv("nullif(bracket, '')"),
        bool('is_employer'),
        bool("head_office = 'true'"),
      ],
      'estv WHERE siret_ok AND c_code IS NOT NULL',
      'reader',
    );
  }

  /**
   * Classifies the legal units of `ul` (`classify` is called once per distinct category, NAF code and ESS flag) and
   * checks their SIREN key: table `ulv`, `siren_ok` false for rejected rows; the valid ones go to `ulc`.
   */
  async validateLegalUnits(
    classify: (category: string | null, naf: string | null, essFlag: string | null) => [string, boolean],
  ) {
    const c = this.conn;
    await c.run(`CREATE OR REPLACE TABLE ulclass (category VARCHAR, naf VARCHAR, ess_flag VARCHAR, family VARCHAR,
      is_public BOOLEAN)`);
    const distinct = await c.runAndReadAll('SELECT DISTINCT category, naf, ess_flag FROM ul');
    const appender = await c.createAppender('ulclass');
    for (const row of distinct.getRows() as (string | null)[][]) {
      for (const v of row) v === null ? appender.appendNull() : appender.appendVarchar(v);
      const [family, isPublic] = classify(row[0], row[1], row[2]);
      appender.appendVarchar(family);
      appender.appendBoolean(isPublic);
      appender.endRow();
    }
    appender.closeSync();
    await c.run(`CREATE OR REPLACE TABLE ulv AS
      SELECT u.*, k.family, k.is_public,
        coalesce(regexp_full_match(u.siren, '[0-9]{9}') AND ${luhn(9, 'u.siren')}, false) AS siren_ok
      FROM ul u LEFT JOIN ulclass k ON k.category IS NOT DISTINCT FROM u.category
        AND k.naf IS NOT DISTINCT FROM u.naf AND k.ess_flag IS NOT DISTINCT FROM u.ess_flag;
      INSERT INTO ulc SELECT siren, family, is_public FROM ulv WHERE siren_ok;`);
  }

  /** Valid rows of `ulv` as COPY CSV lines; partly-hidden units (P) and natural persons (1xxx) without a name. */
  legalUnitLines(snapshotId: number) {
    return this.csvLines(
      snapshotId,
      [
        csv('siren'),
        csv(`CASE WHEN diffusion = 'P' OR starts_with(coalesce(category, ''), '1') THEN NULL
          ELSE coalesce(nullif(name, ''), nullif(acronym, '')) END`),
        csv("nullif(category, '')"),
        csv("nullif(naf, '')"),
        csv("nullif(ess_flag, '')"),
        csv('family'),
        bool('is_public'),
        "CASE WHEN diffusion = 'P' THEN 'P' ELSE 'O' END",
      ],
      'ulv WHERE siren_ok',
      'main',
    );
  }

  private csvLines(snapshotId: number, cells: string[], from: string, on: 'main' | 'reader') {
    const line = [`'${Number(snapshotId)}'`, ...cells].join(" || ',' || ");
    return this.rows(`SELECT ${line} || chr(10) FROM ${from}`, on);
  }

  /** Tables of the validated rows for the aggregates (siren → family; employer establishment → territories). */
  async classifiedTables() {
    await this.conn.run(`CREATE TABLE ulc (siren VARCHAR, family VARCHAR, is_public BOOLEAN);
      CREATE TABLE estc (siren VARCHAR, commune VARCHAR, epci VARCHAR, dep VARCHAR, region VARCHAR, section VARCHAR,
        bracket VARCHAR);`);
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
    this.readerConn.closeSync();
    this.conn.closeSync();
    this.instance.closeSync();
    rmSync(this.spillDir, { recursive: true, force: true });
  }
}
