// npm run bench:observatory — the Sirene import at national scale on this machine.
// 1. Generates a national-shaped StockEtablissement (≥ 5 M rows, 3.11 header, ~40 % active, communes weighted by
//    population, all SIRETs valid) and its StockUniteLegale, in /tmp (kept between runs; BENCH_ROWS to change size).
// 2. Times DuckDB's CSV reader scanning the establishments file (the same read_csv options and region filter as the
//    import, keeping the rows of the region), the same file with DuckDB's default options, and the legal units file:
//    the reference rates (the import reads both files).
// 3. Times `importSireneStock` for Grand Est (region 44) into PostgreSQL (DATABASE_URL, a fresh database) and into the
//    embedded PGlite (a fresh folder in /tmp): rows of the national file per second, and peak RSS of that process.
// 4. Times the indicators API service (getIndicators) for the region, a department and a commune: p50/p95 of 50 calls.
// Each step runs in its own child process, so that peak RSS is the import's own.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const ROWS = Number(process.env.BENCH_ROWS ?? 5_000_000);
const DIR = process.env.BENCH_DIR ?? '/tmp/maillage-bench-observatory';
const PG = process.env.DATABASE_URL ?? 'postgres://root@127.0.0.1:5432/test';
const files = {
  establishments: `${DIR}/StockEtablissement_${ROWS}.csv`,
  legalUnits: `${DIR}/StockUniteLegale_${ROWS}.csv`,
};
const self = fileURLToPath(import.meta.url);

type StepResult = Record<string, number | string>;
function step(name: string, env: Record<string, string> = {}): StepResult {
  const out = execFileSync(process.execPath, ['bin/run-ts.js', self], {
    env: { ...process.env, BENCH_STEP: name, ...env },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 1 << 24,
  });
  return JSON.parse(out.trim().split('\n').at(-1)!);
}
const rssMb = () => Math.round(process.resourceUsage().maxRSS / 1024);
const print = (s: unknown) => console.log(JSON.stringify(s));

async function runStep(name: string) {
  const { importSireneStock } = await import('../src/server/modules/observatory/sirene-import.service.ts');
  const { parseScope } = await import('../src/server/modules/observatory/scope.ts');
  const { openDatabase } = await import('../src/server/db/client.ts');
  if (name === 'generate') {
    const { generateNationalFiles } = await import('./observatory.generate.ts');
    const t = performance.now();
    await generateNationalFiles(files, ROWS);
    return print({ seconds: (performance.now() - t) / 1000 });
  }
  if (name === 'duckdb-scan') {
    // Three references, each DuckDB reading a whole file: the establishments file with the import's reader options
    // and region filter (the same function the import's scan is built on), the same file with DuckDB's default
    // options (showing the first is not a slowed-down reference), and the legal units file (the import reads both).
    const { SireneScanner } = await import('../src/server/modules/observatory/sirene-scan.ts');
    const { openSource } = await import('../src/server/modules/observatory/sirene-source.ts');
    const deps = parseScope({ region: '44' }).departments!;
    const time = async (f: (s: Awaited<ReturnType<typeof SireneScanner.open>>) => Promise<unknown>) => {
      const scanner = await SireneScanner.open();
      const t = performance.now();
      const result = await f(scanner);
      const seconds = (performance.now() - t) / 1000;
      scanner.close();
      return { seconds, result };
    };
    const est = await openSource(files.establishments);
    const ul = await openSource(files.legalUnits);
    const quote = (s: string) => `'${s.replaceAll("'", "''")}'`;
    const scope = deps.map((d) => `starts_with(codeCommuneEtablissement, ${quote(d)})`).join(' OR ');
    const count = async (s: Awaited<ReturnType<typeof SireneScanner.open>>, query: string) =>
      Number((await s.conn.runAndReadAll(query)).getRows()[0][0]);
    const establishments = await time((s) => s.scanEstablishments(est, deps));
    const defaults = await time((s) =>
      count(
        s,
        `SELECT count(*) FROM read_csv(${quote(est.path)}) WHERE etatAdministratifEtablissement = 'A' AND (${scope})`,
      ),
    );
    const legalUnits = await time((s) =>
      count(s, `SELECT count(siren) FROM read_csv(${quote(ul.path)}, all_varchar = true)`),
    );
    return print({
      establishmentsSeconds: establishments.seconds,
      rowsPerSecond: Math.round(ROWS / establishments.seconds),
      inScope: Number(establishments.result),
      defaultOptionsSeconds: defaults.seconds,
      legalUnitsSeconds: legalUnits.seconds,
      legalUnitRows: Number(legalUnits.result),
      maxRssMb: rssMb(),
    });
  }
  const databaseUrl = name.endsWith('-pg') ? process.env.BENCH_DB_URL : undefined;
  const dataDir = `${DIR}/pglite`;
  if (name.startsWith('import')) {
    if (!databaseUrl) rmSync(dataDir, { recursive: true, force: true });
    mkdirSync(dataDir, { recursive: true });
    const db = await openDatabase({ databaseUrl, dataDir });
    // The scope is resolved before the clock starts: it loads the territories reference (~0.5 s, once per process,
    // whatever the size of the files), as the command line does before it calls the import.
    const scope = parseScope({ region: '44' });
    const t = performance.now();
    // Each task of the import (several run at once) from its first report to its end, in seconds from the start.
    const at = () => Math.round((performance.now() - t) / 100) / 10;
    const tasks = new Map<string, { from: number; to?: number }>();
    const r = await importSireneStock(
      { db: db.db, clock: () => new Date() },
      {
        ...files,
        month: '2026-10',
        scope,
        onProgress: (p) => {
          const task = tasks.get(p.label) ?? { from: at() };
          tasks.set(p.label, task);
          if (p.finished || (p.total !== undefined && p.total > 0 && p.done >= p.total)) task.to ??= at();
        },
      },
    );
    const phases = Object.fromEntries(
      [...tasks].map(([label, { from, to }]) => [label, `${from}–${to ?? '?'}`]),
    );
    const seconds = (performance.now() - t) / 1000;
    await db.close();
    return print({
      seconds,
      rowsPerSecond: Math.round(ROWS / seconds),
      kept: r.establishmentsKept,
      employers: r.employerEstablishments,
      legalUnits: r.legalUnitsKept,
      maxRssMb: rssMb(),
      phasesSeconds: JSON.stringify(phases),
    });
  }
  if (name.startsWith('queries')) {
    const { getIndicators } = await import('../src/server/modules/observatory/indicators.service.ts');
    const db = await openDatabase({ databaseUrl, dataDir });
    const result: StepResult = {};
    for (const territory of ['region:44', 'dep:54', 'com:54395']) {
      await getIndicators(db.db, { territory });
      const times: number[] = [];
      for (let i = 0; i < 50; i++) {
        const t = performance.now();
        await getIndicators(db.db, { territory });
        times.push(performance.now() - t);
      }
      times.sort((a, b) => a - b);
      result[`${territory} p50 ms`] = Math.round(times[24] * 10) / 10;
      result[`${territory} p95 ms`] = Math.round(times[47] * 10) / 10;
    }
    await db.close();
    return print(result);
  }
}

if (process.env.BENCH_STEP) {
  await runStep(process.env.BENCH_STEP);
} else {
  mkdirSync(DIR, { recursive: true });
  console.log(`Observatory benchmark — ${ROWS.toLocaleString('en')} establishment rows, files in ${DIR}`);
  if (!existsSync(files.establishments)) console.log('generate', step('generate'));
  const size = (p: string) => `${Math.round(statSync(p).size / 1e6)} MB`;
  console.log(`files: establishments ${size(files.establishments)}, legal units ${size(files.legalUnits)}`);
  // Runs interleave the references and the imports, REPEAT times each (default 3), and report medians: on a shared
  // machine, a single run can be off by a factor of two.
  const REPEAT = Number(process.env.BENCH_REPEAT ?? 3);
  const median = (xs: number[]) => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const scans: StepResult[] = [];
  const pg = await import('pg');
  const name = `maillage_bench_${Date.now()}`;
  const admin = new pg.default.Client({ connectionString: PG });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(PG);
  url.pathname = `/${name}`;
  try {
    const imports: StepResult[] = [];
    for (let i = 0; i < REPEAT; i++) {
      scans.push(step('duckdb-scan'));
      console.log('DuckDB references', scans.at(-1));
      // Each import into an empty database (a re-run of the month would also delete the previous one).
      if (i > 0) {
        await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await admin.query(`CREATE DATABASE ${name}`);
      }
      imports.push(step('import-pg', { BENCH_DB_URL: url.toString() }));
      console.log('import region 44 into PostgreSQL', imports.at(-1));
    }
    const importLite = step('import-pglite');
    console.log('import region 44 into PGlite', importLite);
    console.log('indicator queries on PostgreSQL', step('queries-pg', { BENCH_DB_URL: url.toString() }));
    console.log('indicator queries on PGlite', step('queries-pglite'));
    const est = median(scans.map((s) => Number(s.establishmentsSeconds)));
    const both = median(scans.map((s) => Number(s.establishmentsSeconds) + Number(s.legalUnitsSeconds)));
    const imported = median(imports.map((r) => Number(r.seconds)));
    const rssPg = Math.max(...imports.map((r) => Number(r.maxRssMb)));
    console.log(`medians of ${REPEAT} runs: DuckDB establishments file ${est.toFixed(2)} s (${Math.round(ROWS / est).toLocaleString('en')} rows/s), \
both files ${both.toFixed(2)} s; import into PostgreSQL ${imported.toFixed(2)} s (${Math.round(ROWS / imported).toLocaleString('en')} establishment rows/s)`);
    console.log(
      `import rate / DuckDB scan rate (target ≥ 0.5): ${(est / imported).toFixed(2)} against the establishments file alone, \
${(both / imported).toFixed(2)} against both files the import reads; peak RSS ${rssPg} MB on PostgreSQL, ${importLite.maxRssMb} MB on PGlite (target < 1024)`,
    );
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}
