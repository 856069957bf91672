// npm run bench:observatory — the Sirene import at national scale on this machine.
// 1. Generates a national-shaped StockEtablissement (≥ 5 M rows, 3.11 header, ~40 % active, communes weighted by
//    population, all SIRETs valid) and its StockUniteLegale, in /tmp (kept between runs; BENCH_ROWS to change size).
// 2. Times DuckDB's CSV reader scanning the establishments file (the same read_csv options and region filter as the
//    import, counting instead of keeping rows): the reference rate.
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
    const { SireneScanner } = await import('../src/server/modules/observatory/sirene-scan.ts');
    const { openSource } = await import('../src/server/modules/observatory/sirene-source.ts');
    const scanner = await SireneScanner.open();
    const src = await openSource(files.establishments);
    const deps = parseScope({ region: '44' }).departments!;
    const t = performance.now();
    const inScope = await scanner.scanEstablishments(src, deps);
    const seconds = (performance.now() - t) / 1000;
    scanner.close();
    return print({ seconds, rowsPerSecond: Math.round(ROWS / seconds), inScope, maxRssMb: rssMb() });
  }
  const databaseUrl = name.endsWith('-pg') ? process.env.BENCH_DB_URL : undefined;
  const dataDir = `${DIR}/pglite`;
  if (name.startsWith('import')) {
    if (!databaseUrl) rmSync(dataDir, { recursive: true, force: true });
    mkdirSync(dataDir, { recursive: true });
    const db = await openDatabase({ databaseUrl, dataDir });
    const t = performance.now();
    const phases: Record<string, number> = {};
    let current = '';
    let since = t;
    const r = await importSireneStock(
      { db: db.db, clock: () => new Date() },
      {
        ...files,
        month: '2026-10',
        scope: parseScope({ region: '44' }),
        onProgress: (p) => {
          if (p.label === current) return;
          const now = performance.now();
          phases[current || 'start'] = Math.round((now - since) / 100) / 10;
          current = p.label;
          since = now;
        },
      },
    );
    phases[current] = Math.round((performance.now() - since) / 100) / 10;
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
  const scan = step('duckdb-scan');
  console.log('DuckDB scan of the establishments file (reference)', scan);
  const pg = await import('pg');
  const name = `maillage_bench_${Date.now()}`;
  const admin = new pg.default.Client({ connectionString: PG });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(PG);
  url.pathname = `/${name}`;
  try {
    const importPg = step('import-pg', { BENCH_DB_URL: url.toString() });
    console.log('import region 44 into PostgreSQL', importPg);
    const importLite = step('import-pglite');
    console.log('import region 44 into PGlite', importLite);
    console.log('indicator queries on PostgreSQL', step('queries-pg', { BENCH_DB_URL: url.toString() }));
    console.log('indicator queries on PGlite', step('queries-pglite'));
    const ratio = Number(importPg.rowsPerSecond) / Number(scan.rowsPerSecond);
    console.log(
      `import rate / DuckDB scan rate: PostgreSQL ${ratio.toFixed(2)} (target ≥ 0.5); peak RSS ${importPg.maxRssMb} MB (target < 1024)`,
    );
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}
