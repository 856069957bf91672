// Benchmark: the public events listing and ICS feed of the demo Mois de l'ESS (~182 events + a recurring afterwork),
// over real HTTP on loopback, with autocannon (50 connections, 10 s per scenario after a 2 s warm-up).
//
//   npm run bench:events                 both databases (PostgreSQL at DATABASE_URL or
//                                        postgres://root@127.0.0.1:5432/test, and embedded PGlite on disk)
//   npm run bench:events -- embedded     one of them (or: postgres)
//   npm run bench:events -- postgres --workers 2
//                                        PostgreSQL with one server process, then with 2 processes sharing the
//                                        port (node's cluster, as `maillage start --workers 2`), side by side
//
// The server runs in a child process (so that the load generator does not share its event loop), on a fresh
// database seeded with the demo programme generator (src/server/modules/events/events.demo.ts) through the events
// services, on port BENCH_PORT or 4600. The public listing and feeds are served from a short-lived in-process cache
// (events.cache.ts: 30 s, cleared by every write); the table also gives the uncached service time (cache cleared
// before each of 50 calls), which is what the first visitor after a write waits for.

import { fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import pg from 'pg';
import { ms, percentile, table } from './stats.ts';

const port = Number(process.env.BENCH_PORT ?? 4600);
const pgUrl = process.env.DATABASE_URL || 'postgres://root@127.0.0.1:5432/test';
const DURATION = Number(process.env.BENCH_SECONDS ?? 10);
const WARMUP = Number(process.env.BENCH_WARMUP_SECONDS ?? 3);
type Kind = 'embedded' | 'postgres';
type Ready = { slug: string; events: number; uncached: Record<string, number[]> };

async function serve(kind: Kind, workers: number) {
  const { startBenchServer, startBenchWorker } = await import('./events-listing.server.ts');
  if (process.env.BENCH_WORKER) return startBenchWorker(port);
  const ready = await startBenchServer(kind, port, workers);
  process.send?.({ ready });
}

async function freshPostgres() {
  const name = `maillage_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: pgUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(pgUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: pgUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

async function load(url: string, seconds: number) {
  return autocannon({ url, connections: 50, duration: seconds, pipelining: 1 });
}

async function run(kind: Kind, workers = 1) {
  let dataDir: string | undefined;
  let pgDb: Awaited<ReturnType<typeof freshPostgres>> | undefined;
  if (kind === 'embedded') dataDir = mkdtempSync(join(tmpdir(), 'maillage-bench-events-'));
  else pgDb = await freshPostgres();
  const child = fork(
    fileURLToPath(new URL('../bin/run-ts.js', import.meta.url)),
    [fileURLToPath(import.meta.url), '--serve', kind, String(workers)],
    {
      env: {
        ...process.env,
        BENCH_DATA_DIR: dataDir ?? '',
        BENCH_DATABASE_URL: pgDb?.url ?? '',
        BENCH_SECRET: randomBytes(32).toString('hex'),
      },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      // BENCH_PROFILE_DIR=<folder>: the server process writes a CPU profile there (node --cpu-prof) when it stops.
      execArgv: process.env.BENCH_PROFILE_DIR
        ? [...process.execArgv, '--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE_DIR}`]
        : process.execArgv,
    },
  );
  try {
    const ready = await new Promise<Ready>((resolve, reject) => {
      child.on('message', (m: { ready?: Ready }) => m.ready && resolve(m.ready));
      child.on('exit', (code) => reject(new Error(`server exited (${code})`)));
    });
    const base = `http://127.0.0.1:${port}`;
    const scenarios: [string, string][] = [
      ['listing, unfiltered (page of 50)', `/api/events?campaign=${ready.slug}`],
      ['listing, department 57', `/api/events?campaign=${ready.slug}&territory=dep:57`],
      ['campaign ICS feed', `/api/events.ics?campaign=${ready.slug}`],
    ];
    // Fresh worker processes have compiled nothing yet: every scenario is first run once to warm them all up.
    for (const [, path] of scenarios) await load(base + path, WARMUP);
    const rows: string[][] = [];
    for (const [name, path] of scenarios) {
      await load(base + path, 2);
      const r = await load(base + path, DURATION);
      const uncached = ready.uncached[name] ?? [];
      rows.push([
        name,
        Math.round(r.requests.average).toLocaleString('en'),
        String(r.latency.p50),
        String(r.latency.p99),
        String(r.non2xx + r.errors),
        uncached.length ? `${ms(percentile(uncached, 50))} / ${ms(percentile(uncached, 99))}` : '-',
      ]);
    }
    const processes = workers > 1 ? `, ${workers} server processes` : '';
    console.log(
      `\n${kind === 'postgres' ? 'PostgreSQL' : 'Embedded (PGlite, on disk)'}${processes} — ${ready.events} published events, autocannon 50 connections, ${DURATION} s`,
    );
    console.log(table(['scenario', 'req/s', 'p50 ms', 'p99 ms', 'errors', 'uncached p50/p99 ms'], rows));
    return rows;
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    await pgDb?.drop();
  }
}

if (process.argv.includes('--serve')) {
  const at = process.argv.indexOf('--serve');
  await serve(process.argv[at + 1] as Kind, Number(process.argv[at + 2] ?? 1));
} else if (process.argv.includes('--workers')) {
  // Several processes share only PostgreSQL: one process, then N, and the ratio of their req/s.
  const workers = Number(process.argv[process.argv.indexOf('--workers') + 1]);
  console.log(
    `Events listing benchmark, 1 vs ${workers} processes (node ${process.version}, ${new Date().toISOString()})`,
  );
  const one = await run('postgres', 1);
  const many = await run('postgres', workers);
  const ratios = one.map((r, i) => {
    const a = Number(r[1].replaceAll(',', ''));
    const b = Number(many[i][1].replaceAll(',', ''));
    return [r[0], r[1], many[i][1], `${(((b - a) / a) * 100).toFixed(1)} %`];
  });
  console.log(`\nreq/s, 1 process vs ${workers}`);
  console.log(table(['scenario', '1 process', `${workers} processes`, 'difference'], ratios));
} else {
  const only = process.argv[2] as Kind | undefined;
  console.log(`Events listing benchmark (node ${process.version}, ${new Date().toISOString()})`);
  for (const kind of (['postgres', 'embedded'] as const).filter((k) => !only || k === only)) await run(kind);
}
