import { join } from 'node:path';
import { type DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { ownTempDir, removeTemp } from '../../lib/temp-files.ts';
import type { AggregateRow } from './secrecy-plan.ts';
import { keepLegalUnits, PrefilterError } from './sirene-prefilter.ts';
import type { OpenedSource } from './sirene-source.ts';

// The fast scan: DuckDB reads the stock files (CSV, gzip or Parquet) in parallel with a bounded memory budget
// (spilling to a temporary folder), keeps and validates the rows of the scope in its own tables, and writes them as
// CSV files for COPY. Nothing is written to our database during the scan: a file that fails here leaves it untouched.

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

// SQL for the SIREN/SIRET keys (company-identity/siret.ts: Luhn, La Poste's establishments by a digit sum divisible by 5).
// Unrolled integer arithmetic on the code as a number (`digits` below: null unless it is exactly n digits): per row,
// a few dozen integer operations instead of building and folding lists.
const digits = (n: number, col: string) =>
  `CASE WHEN regexp_full_match(${col}, '[0-9]{${n}}') THEN ${col}::UBIGINT END`;
const digitAt = (col: string, i: number) => `(${col} // ${10n ** BigInt(i)} % 10)`;
const digitSum = (n: number, col: string) => Array.from({ length: n }, (_, i) => digitAt(col, i)).join(' + ');
/** Luhn key of an n-digit code: every second digit from the right doubled (minus 9 when above 9). */
const luhn = (n: number, col: string) =>
  `(${Array.from({ length: n }, (_, i) => {
    const d = digitAt(col, i);
    return i % 2 === 1 ? `(2 * ${d} - 9 * (${d} // 5))` : d;
  }).join(' + ')}) % 10 = 0`;

function reader(src: OpenedSource, fileId: string): string {
  if (src.format === 'parquet') return `read_parquet(${quote(src.path)})`;
  const columns = src.header.map((c) => `${quote(c)}: 'VARCHAR'`).join(', ');
  return `read_csv(${quote(src.path)}, auto_detect = false, header = true, delim = ',', quote = '"', escape = '"',
    columns = {${columns}}, compression = ${src.format === 'gzip' ? "'gzip'" : "'none'"},
    store_rejects = true, ignore_errors = true, rejects_scan = 'scans_${fileId}', rejects_table = 'errors_${fileId}',
    max_line_size = 1048576)`;
}

/**
 * DuckDB connections, each running one statement at a time: `main` scans the files, `reader` writes the kept
 * establishments while `main` scans the legal units, `aggregates` sums and writes the aggregates while `main` writes
 * the legal units, and `plan` reads the aggregates for the secrecy plan meanwhile.
 */
export type Connection = 'main' | 'reader' | 'aggregates' | 'plan';

export class SireneScanner {
  private constructor(
    private instance: DuckDBInstance,
    private conns: Record<Connection, DuckDBConnection>,
    private spillDir: string,
    private threads: number,
  ) {}

  /** Line numbers in the original legal units file, when it was cut down (scanLegalUnits). */
  private legalUnitLines: Int32Array | null = null;

  get conn() {
    return this.conns.main;
  }

  static async open(opts: { memoryLimit?: string; threads?: number } = {}) {
    const spillDir = ownTempDir('duckdb');
    const threads = opts.threads ?? 2;
    const instance = await DuckDBInstance.create(':memory:', {
      threads: String(threads),
      memory_limit: opts.memoryLimit ?? '256MB',
      temp_directory: spillDir,
      preserve_insertion_order: 'false',
    });
    const conns = {
      main: await instance.connect(),
      reader: await instance.connect(),
      aggregates: await instance.connect(),
      plan: await instance.connect(),
    };
    return new SireneScanner(instance, conns, spillDir, threads);
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
  private establishmentsQuery(src: OpenedSource, departments: string[] | null) {
    const scope = departments
      ? departments.map((d) => `starts_with(codeCommuneEtablissement, ${quote(d)})`).join(' OR ')
      : "coalesce(codeCommuneEtablissement, '') <> ''";
    return `SELECT siren, siret, statutDiffusionEtablissement AS diffusion,
         trancheEffectifsEtablissement AS bracket, etablissementSiege AS head_office,
         codeCommuneEtablissement AS commune, activitePrincipaleEtablissement AS naf,
         caractereEmployeurEtablissement AS employer,
         coalesce(nullif(denominationUsuelleEtablissement, ''), nullif(enseigne1Etablissement, '')) AS name
       FROM ${reader(src, 'est')}
       WHERE etatAdministratifEtablissement = 'A' AND (${scope})`;
  }

  /** Keeps the establishments of the scope in table `est` (the benchmark's reference is this same scan). */
  async scanEstablishments(src: OpenedSource, departments: string[] | null, onProgress?: ScanProgress) {
    await this.withProgress(`CREATE TABLE est AS ${this.establishmentsQuery(src, departments)}`, onProgress);
    return this.count('est');
  }

  /**
   * Validates the establishments the scan kept (table `est`) into table `estv`, on the reader connection while the
   * main one scans the legal units: SIRET key and SIREN prefix (`siret_ok`), commune as written in the file →
   * current commune, EPCI, department and region (`places`: every code the territories reference knows, former codes
   * included; `c_code` null when unknown), NAF division → section (`divisions`), and `duplicate` for the second and
   * later rows of a SIRET.
   */
  async validateEstablishments(lookups: { places: (string | null)[][]; divisions: [string, string][] }) {
    const c = this.conns.reader;
    await c.run(`CREATE TABLE places (raw VARCHAR, commune VARCHAR, epci VARCHAR, dep VARCHAR, region VARCHAR);
      CREATE TABLE divisions (division VARCHAR, section VARCHAR);`);
    await this.append('places', lookups.places);
    await this.append('divisions', lookups.divisions);
    await c.run(`CREATE TABLE estv AS
      SELECT e.* EXCLUDE (n), p.commune AS c_code, p.epci, p.dep, p.region, d.section,
        coalesce(e.siren <> '' AND starts_with(e.siret, e.siren)
          AND CASE WHEN starts_with(e.siret, '356000000') THEN (${digitSum(14, 'e.n')}) % 5 = 0
            ELSE ${luhn(14, 'e.n')} END, false) AS siret_ok,
        coalesce(e.employer = 'O', false) OR coalesce(e.bracket, '') NOT IN ('', 'NN') AS is_employer,
        false AS duplicate
      FROM (SELECT *, ${digits(14, 'siret')} AS n FROM est) e
        LEFT JOIN places p ON p.raw = upper(e.commune) LEFT JOIN divisions d ON d.division = left(e.naf, 2)`);
    // Duplicated SIRETs are an anomaly of the file: ranked (one kept, the others rejected) only when there are some.
    if (await this.count('(SELECT siret FROM estv GROUP BY siret HAVING count(*) > 1)', 'reader'))
      await c.run(`CREATE OR REPLACE TABLE estv AS SELECT * REPLACE (row_number() OVER (PARTITION BY siret
        ORDER BY commune, naf, bracket, name) > 1 AS duplicate) FROM estv`);
  }

  private async append(table: string, rows: (string | null)[][]) {
    const appender = await this.conns.reader.createAppender(table);
    for (const row of rows) {
      for (const v of row) v === null ? appender.appendNull() : appender.appendVarchar(v);
      appender.endRow();
    }
    appender.closeSync();
  }

  /**
   * Keeps the legal units of the kept establishments in table `ul` (a semi-join: the rest of the file is never kept),
   * reporting progress meanwhile. A CSV file (plain or gzip) is first cut down to the records of those units
   * (sirene-prefilter.ts), which DuckDB then parses, unless `cutDown` is false (a national import wants nearly every
   * unit: nothing to cut, and the SIREN set would be tens of millions); Parquet is read directly. Throws ScanError
   * when the file cannot be read.
   */
  async scanLegalUnits(src: OpenedSource, onProgress?: ScanProgress, opts: { cutDown?: boolean } = {}) {
    let source = src;
    if (src.format !== 'parquet' && opts.cutDown !== false) {
      // While JavaScript reads the file, one DuckDB thread (validating and writing the establishments) leaves the
      // database and JavaScript the other core (measured: 0.3 s less than two threads on the benchmark's import).
      await this.conn.run('SET threads = 1');
      const sirens = await this.conn.runAndReadAll(
        `SELECT coalesce(to_json(list(DISTINCT siren)), '[]')::VARCHAR FROM est WHERE siren IS NOT NULL`,
      );
      const kept = await keepLegalUnits(
        src,
        JSON.parse(String(sirens.getRows()[0][0])) as string[],
        join(this.spillDir, 'legal-units.csv'),
        (f) => onProgress?.(f * 0.9),
      ).catch((e) => {
        throw e instanceof PrefilterError ? new ScanError(e.message) : e;
      });
      this.legalUnitLines = kept.lineOf;
      await this.conn.run(`SET threads = ${this.threads}`);
      source = { ...src, path: kept.path, format: 'csv' };
    }
    await this.withProgress(
      `CREATE OR REPLACE TABLE ul AS SELECT siren, statutDiffusionUniteLegale AS diffusion,
         categorieJuridiqueUniteLegale AS category, activitePrincipaleUniteLegale AS naf,
         economieSocialeSolidaireUniteLegale AS ess_flag, denominationUniteLegale AS name, sigleUniteLegale AS acronym
       FROM ${reader(source, 'ul')}
       WHERE siren IN (SELECT DISTINCT siren FROM est)`,
      src.format === 'parquet' ? onProgress : undefined,
    ).catch((e) => {
      throw new ScanError((e as Error).message);
    });
    onProgress?.(1);
  }

  async count(table: string, on: Connection = 'main'): Promise<number> {
    const r = await this.conns[on].runAndReadAll(`SELECT count(*)::INTEGER AS n FROM ${table}`);
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
    // Lines of the cut-down legal units file are mapped back to the original file's.
    const original = (n: number) =>
      file === 'legalUnits' && this.legalUnitLines ? (this.legalUnitLines[n - 1] ?? n) : n;
    const items = r.getRows().map(([line, type, text]) => ({
      file,
      line: original(Number(line)),
      reason: `ligne mal formée (${String(type).toLowerCase()})`,
      text: String(text ?? '').slice(0, 300),
    }));
    return { count, items };
  }

  /** Streams a query's rows in chunks of ~2,048 (DuckDB's vector size). */
  async *rows(query: string, on: Connection = 'main'): AsyncGenerator<unknown[][]> {
    const result = await this.conns[on].stream(query);
    for (;;) {
      const chunk = await result.fetchChunk();
      if (!chunk || chunk.rowCount === 0) return;
      yield chunk.getRows() as unknown[][];
    }
  }

  /** Copies the employers among the valid rows of `estv` into `estc` (for the aggregates); returns their count. */
  async employersFromValidated() {
    await this.conns.reader.run(`INSERT INTO estc SELECT siren, c_code, epci, dep, region, section, bracket
      FROM estv WHERE siret_ok AND NOT duplicate AND c_code IS NOT NULL AND is_employer`);
    return this.count('(SELECT 1 FROM estc)', 'reader');
  }

  /** Kept rows of `estv` as COPY CSV files (columns of sirene-write's establishmentColumns), from the reader. */
  establishmentParts(snapshotId: number, rowsPerPart: number) {
    return this.csvParts(
      `${Number(snapshotId)}, siret, siren, CASE WHEN diffusion = 'P' THEN NULL ELSE name END, c_code, epci, dep,
        region, nullif(naf, ''), section, nullif(bracket, ''), is_employer, head_office = 'true'`,
      'estv',
      'siret_ok AND NOT duplicate AND c_code IS NOT NULL',
      rowsPerPart,
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
    const duplicates = await this.count('(SELECT siren FROM ul GROUP BY siren HAVING count(*) > 1)');
    const duplicate = duplicates
      ? 'row_number() OVER (PARTITION BY u.siren ORDER BY u.category, u.naf, u.name) > 1'
      : 'false';
    await c.run(`CREATE OR REPLACE TABLE ulv AS
      SELECT u.* EXCLUDE (n), k.family, k.is_public, coalesce(${luhn(9, 'u.n')}, false) AS siren_ok,
        ${duplicate} AS duplicate
      FROM (SELECT *, ${digits(9, 'siren')} AS n FROM ul) u LEFT JOIN ulclass k ON k.category IS NOT DISTINCT FROM u.category
        AND k.naf IS NOT DISTINCT FROM u.naf AND k.ess_flag IS NOT DISTINCT FROM u.ess_flag;
      INSERT INTO ulc SELECT siren, family, is_public FROM ulv WHERE siren_ok AND NOT duplicate;`);
  }

  /** Valid rows of `ulv` as COPY CSV files; partly-hidden units (P) and natural persons (1xxx) without a name. */
  legalUnitParts(snapshotId: number, rowsPerPart: number) {
    return this.csvParts(
      `${Number(snapshotId)}, siren, CASE WHEN diffusion = 'P' OR starts_with(coalesce(category, ''), '1') THEN NULL
          ELSE coalesce(nullif(name, ''), nullif(acronym, '')) END,
        nullif(category, ''), nullif(naf, ''), nullif(ess_flag, ''), family, is_public,
        CASE WHEN diffusion = 'P' THEN 'P' ELSE 'O' END`,
      'ulv',
      'siren_ok AND NOT duplicate',
      rowsPerPart,
      'main',
    );
  }

  /**
   * Writes the selected rows of a table as CSV files for COPY … FROM (no header; null = empty cell, empty string =
   * ""), `rowsPerPart` rows of the table at a time, in the scan's temporary folder. DuckDB writes part n + 1 while the
   * caller sends part n; the caller deletes each part once sent, so the disk holds at most two.
   */
  async *csvParts(select: string, table: string, where: string, rowsPerPart: number, on: Connection) {
    const conn = this.conns[on];
    const size = await this.count(table, on);
    for (let from = 0, part = 0; from < size; from += rowsPerPart, part++) {
      const path = join(this.spillDir, `${table}-${part}.csv`);
      const r = await conn.run(`COPY (SELECT ${select} FROM ${table}
        WHERE ${where} AND rowid >= ${from} AND rowid < ${from + rowsPerPart}) TO ${quote(path)} (FORMAT csv, HEADER false)`);
      yield { path, rows: Number(r.rowsChanged) };
    }
  }

  /** Tables of the validated rows for the aggregates (siren → family; employer establishment → territories). */
  async classifiedTables() {
    await this.conn.run(`CREATE TABLE ulc (siren VARCHAR, family VARCHAR, is_public BOOLEAN);
      CREATE TABLE estc (siren VARCHAR, commune VARCHAR, epci VARCHAR, dep VARCHAR, region VARCHAR, section VARCHAR,
        bracket VARCHAR);`);
  }

  /**
   * Employer establishments summed per territory level and cell, into table `agg`: ESS families by NAF section × size
   * class, the rest as `private` / `public` totals. `brackets` rows: (code, low, central, high, size class).
   */
  async sumAggregates(brackets: [string, number, number, number, string][]) {
    const values = brackets.map(([c, l, m, h, z]) => `('${c}', ${l}, ${m}, ${h}, '${z}')`).join(', ');
    await this.conns.aggregates.run(`CREATE TABLE agg AS WITH b(code, low, central, high, size) AS (VALUES ${values}),
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
      SELECT territory, grp AS family, sec AS naf_section, sz AS size_class, count(*)::INTEGER AS establishments,
        sum(low)::DOUBLE AS jobs_low, sum(central)::DOUBLE AS jobs_central, sum(high)::DOUBLE AS jobs_high,
        max(central)::DOUBLE AS max_jobs
      FROM g WHERE territory IS NOT NULL GROUP BY ALL`);
  }

  /** The rows of `agg` as COPY CSV files (columns of sirene-write's aggregateColumns). */
  aggregateParts(snapshotId: number, rowsPerPart: number) {
    return this.csvParts(`${Number(snapshotId)}, *`, 'agg', 'true', rowsPerPart, 'aggregates');
  }

  /**
   * The rows of `agg` for the secrecy plan (secrecy-plan.ts), handed over as one JSON text: converting tens of
   * thousands of result rows value by value costs ten times more.
   */
  async aggregateRows(): Promise<AggregateRow[]> {
    const r =
      await this.conns.plan.runAndReadAll(`SELECT coalesce(json_group_array(json_array(territory, family,
      naf_section, size_class, establishments, jobs_central, max_jobs)), '[]')::VARCHAR FROM agg`);
    return JSON.parse(String(r.getRows()[0][0])) as AggregateRow[];
  }

  close() {
    for (const c of Object.values(this.conns)) c.closeSync();
    this.instance.closeSync();
    removeTemp(this.spillDir);
  }
}
