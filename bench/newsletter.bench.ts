import { type ChildProcess, spawn } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { eq, sql } from 'drizzle-orm';
import pg from 'pg';
import { SMTPServer } from 'smtp-server';
import type { Config } from '../src/server/config.ts';
import { systemActor } from '../src/server/context.ts';
import { openDatabase } from '../src/server/db/client.ts';
import { networks } from '../src/server/modules/accounts/accounts.tables.ts';
import {
  newsletterIssueRecipients,
  newsletterIssues,
} from '../src/server/modules/newsletters/newsletters.issues.tables.ts';
import { createIssue, sendIssue } from '../src/server/modules/newsletters/newsletters.issues.ts';
import { closeNewsletterTransports, sendPass } from '../src/server/modules/newsletters/newsletters.send.ts';
import { buildList, subscribe } from '../src/server/modules/newsletters/newsletters.testing.ts';

// One newsletter issue to 100,000 recipients through a local SMTP peer (smtp-server, in this process), sent by the
// engine of newsletters.send.ts in a child process of its own, on PostgreSQL (a scratch database created here from
// DATABASE_URL, dropped at the end). Printed: mails/s sustained (the peer's receptions between 10 % and 90 % of the
// issue) and overall, the sender's peak RSS (sampled every 50 ms, and the kernel's maxrss). Then a second issue to
// the same recipients: the sender is killed with SIGKILL when the peer has received about half, then started
// again; printed: distinct recipients received and duplicates. Targets: ≥ 500 mails/s, RSS < 400 MB, every
// recipient exactly once. The restarted sender takes over the dead one's rows once their lease is over (the bench
// uses a 5 s lease instead of the default 60 s, so that the restart does not wait a minute).
//   npm run bench:newsletter -- [--recipients 100000] [--rate 5000] [--connections 4]

const { values: args } = parseArgs({
  options: {
    recipients: { type: 'string', default: '100000' },
    rate: { type: 'string', default: '5000' },
    connections: { type: 'string', default: '4' },
  },
});
const N = Number(args.recipients);
const LEASE_MS = 5_000;
const PORT = 4990;
const smtpUrl = `smtp://127.0.0.1:${PORT}?ignoreTLS=true`;

const config = (databaseUrl: string): Config => ({
  port: 0,
  host: '127.0.0.1',
  databaseUrl,
  dataDir: 'unused',
  publicUrl: 'https://bench.example.org',
  sessionSecret: 'bench-secret-bench-secret-bench-secret',
  smtpUrl,
  mailFrom: 'Banc d’essai <lettre@bench.example.org>',
  logLevel: 'silent',
  newsletters: { ratePerSecond: Number(args.rate), softBounceLimit: 3 },
});

/** The child: sends every issue being sent until none is left, then prints its figures. */
async function sender(databaseUrl: string) {
  const database = await openDatabase({ databaseUrl, dataDir: 'unused' });
  const engine = { db: database.db, config: config(databaseUrl), log: console };
  const atStart = process.memoryUsage.rss();
  let peak = atStart;
  const cpuBefore = process.cpuUsage();
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, 50);
  const started = performance.now();
  let sent = 0;
  for (;;) {
    const r = await sendPass(engine, { leaseMs: LEASE_MS, connections: Number(args.connections) });
    sent += r.sent;
    const [left] = await database.db
      .select({ n: sql<number>`count(*)::int` })
      .from(newsletterIssues)
      .where(eq(newsletterIssues.status, 'sending'));
    if (Number(left.n) === 0) break;
    // Rows still held by a dead sender's lease: wait for it to end.
    if (r.sent === 0) await new Promise((res) => setTimeout(res, 250));
  }
  clearInterval(sampler);
  const cpu = process.cpuUsage(cpuBefore);
  closeNewsletterTransports();
  await database.close();
  console.log(
    JSON.stringify({
      sent,
      seconds: (performance.now() - started) / 1000,
      cpuMs: (cpu.user + cpu.system) / 1000,
      atStart,
      peak,
      maxrss: process.resourceUsage().maxRSS * 1024,
    }),
  );
}

function startPeer() {
  const counts = new Map<string, number>();
  const times: number[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      stream.on('data', () => {});
      stream.on('end', () => {
        for (const r of session.envelope.rcptTo) counts.set(r.address, (counts.get(r.address) ?? 0) + 1);
        times.push(performance.now());
        callback();
      });
    },
  });
  // A killed sender resets its connections: not an error of the peer.
  server.on('error', () => {});
  return new Promise<{ counts: Map<string, number>; times: number[]; close: () => void }>((resolve) =>
    server.listen(PORT, '127.0.0.1', () => resolve({ counts, times, close: () => server.close() })),
  );
}

function runSender(databaseUrl: string): {
  child: ChildProcess;
  done: Promise<Record<string, number> | null>;
} {
  const child = spawn(
    process.execPath,
    ['bin/run-ts.js', fileURLToPath(import.meta.url), ...process.argv.slice(2)],
    {
      env: { ...process.env, BENCH_NL_CHILD: databaseUrl },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  let out = '';
  child.stdout?.on('data', (d) => {
    out += d;
  });
  const done = new Promise<Record<string, number> | null>((resolve) =>
    child.on('exit', (code) =>
      resolve(code === 0 ? JSON.parse(out.trim().split('\n').at(-1) as string) : null),
    ),
  );
  return { child, done };
}

async function main() {
  const childUrl = process.env.BENCH_NL_CHILD;
  if (childUrl) return sender(childUrl);
  const base = process.env.DATABASE_URL ?? 'postgres://root@127.0.0.1:5432/test';
  const name = `maillage_bench_nl_${Date.now()}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(base);
  url.pathname = `/${name}`;
  const databaseUrl = url.toString();
  const peer = await startPeer();
  try {
    const database = await openDatabase({ databaseUrl, dataDir: 'unused' });
    const deps = { db: database.db, clock: () => new Date(), config: config(databaseUrl) };
    const [network] = await database.db
      .insert(networks)
      .values({ slug: `bench-lettre-${Date.now()}`, name: 'Club du banc d’essai', kind: 'club' })
      .returning();
    const list = await buildList(database.db, network.id);
    let t = performance.now();
    await subscribe(database.db, list, N, 'destinataire');
    console.log(
      `seeded ${N.toLocaleString('en')} confirmed subscribers in ${((performance.now() - t) / 1000).toFixed(1)} s`,
    );
    const body = `## Le mot du président\n\n${'Des nouvelles du réseau, **des rencontres** et [un lien](https://example.org). '.repeat(12)}\n\n{{evenements}}\n\n- un\n- deux\n- trois`;
    const issue = (subject: string) =>
      createIssue(deps, systemActor, network.id, { listId: list.id, subject, bodyMarkdown: body });

    // 1. Throughput.
    const first = await issue('Lettre du banc d’essai no 1');
    t = performance.now();
    await sendIssue(deps, systemActor, first.id);
    console.log(
      `snapshot of ${N.toLocaleString('en')} recipients in ${((performance.now() - t) / 1000).toFixed(1)} s`,
    );
    const run = runSender(databaseUrl);
    const r = await run.done;
    if (!r) throw new Error('the sender failed');
    const times = [...peer.times];
    const at = (f: number) => times[Math.min(times.length - 1, Math.floor(f * times.length))];
    const sustained = (0.8 * times.length) / ((at(0.9) - at(0.1)) / 1000);
    const mb = (n: number) => `${(n / 1e6).toFixed(0)} MB`;
    console.log(
      `newsletter send (PostgreSQL), ${cpus().length} cores, load ${loadavg()[0].toFixed(2)}, ${args.connections} SMTP connections, rate cap ${args.rate}/s`,
    );
    console.log(
      `${times.length.toLocaleString('en')} mails received by the peer in ${r.seconds.toFixed(1)} s: ${sustained.toFixed(0)} mails/s sustained (10–90 %), ${(times.length / r.seconds).toFixed(0)} mails/s overall (target ≥ 500)`,
    );
    console.log(
      `sender CPU ${(r.cpuMs / r.sent).toFixed(2)} ms per mail (user + system), i.e. ${(1000 / (r.cpuMs / r.sent)).toFixed(0)} mails/s per free core; the peer and PostgreSQL share the same 2 cores`,
    );
    console.log(
      `sender RSS at start (database open, modules loaded) ${mb(r.atStart)}, peak sampled ${mb(r.peak)}, maxrss ${mb(r.maxrss)} (target < 400 MB)`,
    );
    peer.counts.clear();
    peer.times.length = 0;

    // 2. kill -9 at about half, then a restart.
    const second = await issue('Lettre du banc d’essai no 2');
    await sendIssue(deps, systemActor, second.id);
    const victim = runSender(databaseUrl);
    await new Promise<void>((resolve) => {
      const watch = setInterval(() => {
        if (peer.times.length >= N / 2) {
          clearInterval(watch);
          victim.child.kill('SIGKILL');
          resolve();
        }
      }, 5);
    });
    await victim.done;
    const atKill = peer.times.length;
    const [held] = await database.db
      .select({ n: sql<number>`count(*)::int` })
      .from(newsletterIssueRecipients)
      .where(sql`${newsletterIssueRecipients.issueId} = ${second.id} and status = 'sending'`);
    t = performance.now();
    const restart = runSender(databaseUrl);
    const r2 = await restart.done;
    if (!r2) throw new Error('the restarted sender failed');
    const duplicates = [...peer.counts.values()].filter((n) => n > 1).length;
    const [sentRows] = await database.db
      .select({ n: sql<number>`count(*)::int` })
      .from(newsletterIssueRecipients)
      .where(sql`${newsletterIssueRecipients.issueId} = ${second.id} and status = 'sent'`);
    console.log(
      `kill -9 after ${atKill.toLocaleString('en')} mails (${held.n} rows were 'sending'), restart finished in ${((performance.now() - t) / 1000).toFixed(1)} s (lease ${LEASE_MS / 1000} s)`,
    );
    console.log(
      `peer received ${peer.counts.size.toLocaleString('en')} distinct recipients of ${N.toLocaleString('en')}, ${duplicates} duplicates, ${(N - peer.counts.size).toLocaleString('en')} missed; ${Number(sentRows.n).toLocaleString('en')} rows 'sent' (target: every recipient exactly once)`,
    );
    await database.close();
  } finally {
    peer.close();
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
