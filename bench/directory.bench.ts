import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import type { DemoKind } from '../src/cli/demo/catalogue.ts';
import { generateOrganizations } from '../src/cli/demo/generate.ts';
import { createRng } from '../src/cli/demo/prng.ts';
import { type Db, openDatabase } from '../src/server/db/client.ts';
import { mergeFields, prepareOrganization } from '../src/server/modules/organizations/organizations.rules.ts';
import type { SearchParams } from '../src/server/modules/organizations/organizations.schemas.ts';
import { searchOrganizations } from '../src/server/modules/organizations/organizations.search.ts';
import { organizations } from '../src/server/modules/organizations/organizations.tables.ts';
import { loadReference } from '../src/server/modules/territories/territories.data.ts';
import { ms, percentile, table } from './stats.ts';

// Directory search latency on 100,000 organisations, on the embedded database (PGlite, on disk) and on PostgreSQL.
// Rows come from the demo generator over every French department (weighted by population), are derived by the
// directory's own rules (prepareOrganization) and bulk-inserted; queries go through searchOrganizations, the
// function behind GET /api/organizations, one at a time from one client, after a warm-up.
//   npm run bench:directory -- [--rows 100000] [--queries 300] [--budget 90 (s per mix)] [--only embedded|postgres]

const { values: args } = parseArgs({
  options: {
    rows: { type: 'string', default: '100000' },
    queries: { type: 'string', default: '300' },
    only: { type: 'string' },
    budget: { type: 'string', default: '90' },
  },
});
const ROWS = Number(args.rows);
const QUERIES = Number(args.queries);
/** Seconds allowed per query mix: a slow mix stops early rather than run for an hour (n says how many ran). */
const BUDGET_MS = Number(args.budget) * 1000;
const TARGET_P95 = { embedded: 50, postgres: 20 } as const;

/** National proportions, roughly: ESS families in France's ESS, then as many companies outside it. */
const mix: [DemoKind, number][] = [
  ['association', 0.38],
  ['cooperative', 0.08],
  ['mutual', 0.015],
  ['foundation', 0.02],
  ['esus', 0.005],
  ['company', 0.5],
];

function benchRows() {
  const departments = [...loadReference().byCode.values()]
    .filter((t) => t.level === 'department')
    .map((t) => t.officialCode);
  const started = performance.now();
  const rows = generateOrganizations({
    seed: 'maillage-bench-directory-1',
    groups: mix.map(([kind, share]) => ({ kind, count: Math.round(ROWS * share), within: departments })),
  });
  const prepared = rows.map((r) => {
    const p = prepareOrganization(mergeFields(undefined, r));
    if (!p.ok) throw new Error(`row refused: ${JSON.stringify(p.fields)}`);
    return { ...p.row, source: 'import', isDemo: true };
  });
  return { rows, prepared, generateMs: performance.now() - started };
}

type Query = SearchParams;

/** Deterministic query mixes: words people type (with typos), the same with a department, filters alone. */
function queries(rows: ReturnType<typeof benchRows>['rows']) {
  const rng = createRng('maillage-bench-queries-1');
  const words = [
    'jardins',
    'boulangerie',
    'transports',
    'foyer rural',
    'mutuelle',
    'fondation',
    'épicerie solidaire',
    'régie de quartier',
    'coopérative agricole',
    'menuiserie',
    'centre social',
    'musique',
    'garage',
    'boulangrie',
    'menuserie',
    'cooperative',
    'aide domicile',
    'recyclerie',
    'scop batiment',
    'theatre',
  ];
  const text: Query[] = [];
  const withDep: Query[] = [];
  const filters: Query[] = [];
  for (let i = 0; i < QUERIES; i++) {
    const row = rng.pick(rows);
    // Half the text queries are a generic word, half a surname or commune taken from a row.
    const q = rng.chance(0.5)
      ? rng.pick(words)
      : rng.chance(0.5)
        ? row.communeName
        : row.name.split(' ').slice(-1)[0];
    text.push({ q });
    withDep.push({ q: rng.pick(words), territory: `dep:${row.departmentCode}` });
    const f = rng.int(0, 2);
    filters.push(
      f === 0
        ? { territory: `dep:${row.departmentCode}` }
        : f === 1
          ? {
              territory: `dep:${row.departmentCode}`,
              family: [rng.pick(['association', 'cooperative', 'non_ess'] as const)],
            }
          : { territory: `com:${row.communeCode}`, nafSection: [rng.pick(['Q', 'F', 'S', 'C'])] },
    );
  }
  return { 'text query': text, 'text + department': withDep, 'filters only': filters };
}

async function insertAll(db: Db, prepared: ReturnType<typeof benchRows>['prepared']) {
  const started = performance.now();
  for (let i = 0; i < prepared.length; i += 1000)
    await db.insert(organizations).values(prepared.slice(i, i + 1000));
  const insertMs = performance.now() - started;
  // PGlite has no autovacuum: statistics exist only after an ANALYZE (PostgreSQL would run one by itself soon).
  await db.execute(sql`analyze organizations`);
  return insertMs;
}

async function measure(db: Db, mixes: ReturnType<typeof queries>) {
  const results: { scenario: string; times: number[]; hits: number; slowest: string }[] = [];
  for (const [scenario, list] of Object.entries(mixes)) {
    for (const q of list.slice(0, 5)) await searchOrganizations(db, { ...q, pageSize: 20 });
    const times: number[] = [];
    const timed: { q: Query; ms: number }[] = [];
    let hits = 0;
    const mixStarted = performance.now();
    for (const q of list) {
      if (performance.now() - mixStarted > BUDGET_MS) break;
      const t0 = performance.now();
      const page = await searchOrganizations(db, { ...q, pageSize: 20 });
      times.push(performance.now() - t0);
      timed.push({ q, ms: times[times.length - 1] });
      if (page.items.length > 0) hits++;
    }
    const slowest = timed
      .sort((a, b) => b.ms - a.ms)
      .slice(0, 3)
      .map((t) => `${JSON.stringify(t.q)} ${ms(t.ms)} ms`)
      .join('; ');
    results.push({ scenario, times, hits, slowest });
  }
  return results;
}

async function withPostgres<T>(fn: (url: string) => Promise<T>): Promise<T> {
  const base = process.env.DATABASE_URL || 'postgres://root@127.0.0.1:5432/test';
  const name = `maillage_bench_${process.pid}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name}`);
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(base);
  url.pathname = `/${name}`;
  try {
    return await fn(url.toString());
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}

async function main() {
  const loadAtStart = loadavg()
    .map((x) => x.toFixed(1))
    .join(' ');
  console.log(`Generating ${ROWS.toLocaleString('en')} organisations…`);
  const data = benchRows();
  const mixes = queries(data.rows);
  console.log(`  generated and derived in ${(data.generateMs / 1000).toFixed(1)} s`);
  const lines: string[][] = [];
  const notes: string[] = [];
  const run = async (kind: 'embedded' | 'postgres', open: () => ReturnType<typeof openDatabase>) => {
    const database = await open();
    try {
      console.log(`${kind}: inserting…`);
      const insertMs = await insertAll(database.db, data.prepared);
      notes.push(
        `${kind}: bulk insert of ${ROWS.toLocaleString('en')} rows ${(insertMs / 1000).toFixed(1)} s`,
      );
      console.log(`${kind}: querying…`);
      for (const r of await measure(database.db, mixes)) {
        const p95 = percentile(r.times, 95);
        lines.push([
          kind,
          r.scenario,
          String(r.times.length),
          `${Math.round((100 * r.hits) / r.times.length)} %`,
          ms(percentile(r.times, 50)),
          ms(p95),
          ms(percentile(r.times, 99)),
          ms(Math.max(...r.times)),
          `${p95 < TARGET_P95[kind] ? 'met' : 'MISSED'} (< ${TARGET_P95[kind]})`,
        ]);
        // Printed as it comes, so that a long run interrupted later still leaves its figures.
        console.log(`  ${lines[lines.length - 1].join(' | ')}\n    slowest: ${r.slowest}`);
      }
    } finally {
      await database.close();
    }
  };

  if (args.only !== 'postgres') {
    const dir = mkdtempSync(join(tmpdir(), 'maillage-bench-'));
    try {
      await run('embedded', () => openDatabase({ dataDir: dir }));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  if (args.only !== 'embedded') {
    try {
      await withPostgres((url) =>
        run('postgres', () => openDatabase({ databaseUrl: url, dataDir: 'unused' })),
      );
    } catch (err) {
      notes.push(`postgres: not measured (${(err as Error).message})`);
    }
  }

  console.log(`\nDirectory search latency, ms (${ROWS.toLocaleString('en')} organisations, page of 20)\n`);
  console.log(
    table(['database', 'queries', 'n', 'with results', 'p50', 'p95', 'p99', 'max', 'p95 target'], lines),
  );
  console.log(
    [
      '',
      'How: searchOrganizations() (the function behind GET /api/organizations, its total count included)',
      'called one query at a time from one client, after 5 warm-up queries per mix; wall time per call;',
      `each mix stops after ${BUDGET_MS / 1000} s (n = queries run).`,
      'Text queries mix generic words, typos, commune names and surnames; "filters only" is a department, a',
      'department + family, or a commune + NAF section. Tables analysed after the bulk insert.',
      `Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, Node ${process.version}; load average`,
      `${loadAtStart} at the start, ${loadavg()
        .map((x) => x.toFixed(1))
        .join(' ')} at the end (1, 5, 15 min).`,
      ...notes,
    ].join('\n'),
  );
}

await main();
