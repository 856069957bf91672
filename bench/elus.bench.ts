import { execFileSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { createRng } from '../src/cli/demo/prng.ts';
import { systemActor } from '../src/server/context.ts';
import { openDatabase } from '../src/server/db/client.ts';
import { networks } from '../src/server/modules/accounts/accounts.tables.ts';
import { municipalHeader, officialLine } from '../src/server/modules/relations/relations.fixtures.ts';
import { importElectedOfficials } from '../src/server/modules/relations/relations.import.ts';
import { loadReference } from '../src/server/modules/territories/territories.data.ts';

// The import of the full municipal register (~500,000 councillors) into one network's relations log, on the embedded
// database (PGlite, on disk) or on PostgreSQL. The file is generated in the register's columns (`;`, UTF-8 with BOM)
// with fictitious names, spread over every commune by population; the import is the one `maillage import elus`
// runs, in this process. Wall time from opening the file to the commit; peak RSS of the process (the embedded
// database included) sampled every 50 ms and from the kernel's maxrss. Target: < 60 s, RSS < 500 MB.
//   npm run bench:elus -- [--rows 500000] [--postgres postgres://… (a server: the bench creates its own database there
//   and drops it after)]

const { values: args } = parseArgs({
  options: { rows: { type: 'string', default: '500000' }, postgres: { type: 'string' } },
});
const ROWS = Number(args.rows);
const dir = process.env.BENCH_ELUS_DIR ?? mkdtempSync(join(tmpdir(), 'maillage-bench-elus-'));

async function writeRegister(path: string) {
  const rng = createRng('maillage-bench-elus-1');
  const communes = [...loadReference().byCode.values()].filter((t) => t.level === 'commune');
  const people = communes.reduce(
    (s, c) => s + Math.max(7, Math.min(69, Math.round(Math.sqrt(c.population ?? 0)))),
    0,
  );
  const syllables = [
    'ber',
    'lan',
    'mor',
    'tin',
    'val',
    'dre',
    'gar',
    'nou',
    'ric',
    'sel',
    'fon',
    'jau',
    'pel',
    'sau',
    'vin',
    'cor',
  ];
  const name = () =>
    Array.from({ length: 2 + Math.floor(rng.next() * 2) }, () => rng.pick(syllables)).join('');
  const out = createWriteStream(path);
  out.write(`\uFEFF${municipalHeader.join(';')}\r\n`);
  let n = 0;
  for (const c of communes) {
    const seats = Math.max(7, Math.min(69, Math.round(Math.sqrt(c.population ?? 0))));
    const count = Math.ceil((seats * ROWS) / people);
    for (let i = 0; i < count && n < ROWS; i++, n++) {
      const day = String(1 + Math.floor(rng.next() * 28)).padStart(2, '0');
      const month = String(1 + Math.floor(rng.next() * 12)).padStart(2, '0');
      const line = officialLine({
        commune: [c.officialCode, c.name],
        last: `${name().toUpperCase()}DÉMO`,
        first: name().replace(/^./, (x) => x.toUpperCase()),
        sex: rng.next() < 0.5 ? 'F' : 'M',
        born: `${day}/${month}/${1940 + Math.floor(rng.next() * 60)}`,
        fn: i === 0 ? 'Maire' : i < 4 ? `${i}${i === 1 ? 'er' : 'e'} adjoint` : '',
      });
      if (!out.write(`${line}\r\n`)) await new Promise<void>((r) => out.once('drain', () => r()));
    }
  }
  await new Promise<void>((r) => out.end(() => r()));
  return n;
}

/** The import, in a child process of its own so that its peak RSS is the import's (database open included). */
async function importStep(file: string) {
  const database = await openDatabase(
    process.env.BENCH_ELUS_DB
      ? { databaseUrl: process.env.BENCH_ELUS_DB, dataDir: 'unused' }
      : { dataDir: join(dir, 'db') },
  );
  const db = database.db;
  const [network] = await db
    .insert(networks)
    .values({ slug: `bench-elus-${Date.now()}`, name: 'Banc d’essai élus', kind: 'other', territory: null })
    .returning();
  const before = process.memoryUsage.rss();
  let peak = before;
  // Where the memory goes: the peaks of the JS heap and of memory outside it (Buffers, the embedded database's
  // WebAssembly memory), and the RSS peak while lines are read and staged vs. during the merge after the last batch.
  let heapPeak = 0;
  let externalPeak = 0;
  let stagingPeak = before;
  let staging = true;
  let ticks = 0;
  let livePeak = 0;
  const sampler = setInterval(() => {
    const m = process.memoryUsage();
    peak = Math.max(peak, m.rss);
    heapPeak = Math.max(heapPeak, m.heapUsed);
    externalPeak = Math.max(externalPeak, m.external);
    if (staging) stagingPeak = Math.max(stagingPeak, m.rss);
    // With NODE_OPTIONS=--expose-gc: what is still alive after a full collection, every 2 s.
    const gc = (globalThis as { gc?: () => void }).gc;
    if (gc && ++ticks % 40 === 0) {
      gc();
      livePeak = Math.max(livePeak, process.memoryUsage().heapUsed);
    }
  }, 50);
  const started = performance.now();
  const report = await importElectedOfficials({ db, clock: () => new Date() }, systemActor, {
    source: file,
    network: network.slug,
    onProgress: (p) => {
      if (p.done >= (p.total ?? Number.POSITIVE_INFINITY)) staging = false;
    },
  });
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  await database.close();
  const { errors: _e, ...counts } = report;
  console.log(
    JSON.stringify({
      ...counts,
      seconds,
      before,
      peak,
      stagingPeak,
      heapPeak,
      externalPeak,
      livePeak,
      maxrss: process.resourceUsage().maxRSS * 1024,
    }),
  );
}

async function main() {
  if (process.env.BENCH_ELUS_FILE) return importStep(process.env.BENCH_ELUS_FILE);
  const file = join(dir, 'elus-conseillers-municipaux.csv');
  const rows = await writeRegister(file);
  // On PostgreSQL, a database of its own on that server, dropped after: the server's databases are left as found.
  const scratch = args.postgres ? `maillage_bench_elus_${process.pid}` : null;
  let dbUrl: string | undefined;
  if (args.postgres && scratch) {
    const admin = new pg.Client({ connectionString: args.postgres });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${scratch}`);
    await admin.end();
    const u = new URL(args.postgres);
    u.pathname = `/${scratch}`;
    dbUrl = u.toString();
  }
  let out: string;
  try {
    out = execFileSync(
      process.execPath,
      ['bin/run-ts.js', fileURLToPath(import.meta.url), ...process.argv.slice(2)],
      {
        env: {
          ...process.env,
          BENCH_ELUS_FILE: file,
          BENCH_ELUS_DIR: dir,
          ...(dbUrl ? { BENCH_ELUS_DB: dbUrl } : {}),
        },
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
  } finally {
    if (args.postgres && scratch) {
      const admin = new pg.Client({ connectionString: args.postgres });
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS ${scratch} WITH (FORCE)`);
      await admin.end();
    }
  }
  const r = JSON.parse(out.trim().split('\n').at(-1)!);
  const mb = (n: number) => `${(n / 1e6).toFixed(0)} MB`;
  console.log(
    `import elus (${args.postgres ? 'PostgreSQL' : 'PGlite on disk'}), ${cpus().length} cores, load ${loadavg()[0].toFixed(2)}`,
  );
  console.log(
    `${rows.toLocaleString('en')} rows, ${(statSync(file).size / 1e6).toFixed(1)} MB: ${r.kept.toLocaleString('en')} kept, ${r.bad} bad, ${r.created.toLocaleString('en')} contacts created`,
  );
  console.log(
    `time ${r.seconds.toFixed(1)} s (target < 60 s); RSS with the database open ${mb(r.before)}, peak sampled ${mb(r.peak)}, maxrss ${mb(r.maxrss)} (target < 500 MB)`,
  );
  console.log(
    `peaks: RSS while reading and staging ${mb(r.stagingPeak)}; JS heap used ${mb(r.heapPeak)}, outside the heap ${mb(r.externalPeak)}${r.livePeak ? `, alive after a full GC ${mb(r.livePeak)}` : ''}`,
  );
}

main()
  .finally(() => {
    if (!process.env.BENCH_ELUS_FILE) rmSync(dir, { recursive: true, force: true });
  })
  .catch((e) => {
    console.error(e);
    process.exit(1);
  });
