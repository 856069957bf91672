// Benchmark: 1,000 simultaneous registration attempts on a 100-seat event, over real HTTP on loopback.
//
//   npm run bench:registrations                 both databases (PostgreSQL at DATABASE_URL or
//                                               postgres://root@127.0.0.1:5432/test, and embedded PGlite)
//   npm run bench:registrations -- embedded     one of them (or: postgres)
//
// The server runs in this process (Fastify listening on 127.0.0.1, BENCH_PORT or 4710), on a fresh database, with
// the per-IP registration limit turned off (REGISTRATION_RATE_LIMIT=0 in production settings; here through the
// config object): all 1,000 requests come from 127.0.0.1 and would otherwise be refused after the 20th.
// All requests are fired at once (no await between them), from a child process (the load generator does not share the
// server's event loop; it starts once the server is listening and the event exists). Checked: every answer is 201; exactly 100 confirmed and
// 900 waitlisted; the waiting-list positions are 1…900, each once, and follow the server's arrival order (the
// order in which requests took the event's lock); the database agrees. Each registration also writes its
// confirmation mail (with .ics and QR code) to the outbox, as in production without SMTP.

import { fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { eq } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
import pg from 'pg';
import { buildApp } from '../src/server/app.ts';
import type { Config } from '../src/server/config.ts';
import type { Deps } from '../src/server/context.ts';
import { openDatabase } from '../src/server/db/client.ts';
import { createMailer } from '../src/server/modules/mail/mail.service.ts';
import { buildEvent, buildNetwork } from '../src/server/modules/registrations/registrations.fixtures.ts';
import { registrations } from '../src/server/modules/registrations/registrations.tables.ts';

const ATTEMPTS = 1000;
const SEATS = 100;
const port = Number(process.env.BENCH_PORT ?? 4710);
const pgUrl = process.env.DATABASE_URL || 'postgres://root@127.0.0.1:5432/test';

async function freshDatabase(kind: 'embedded' | 'postgres') {
  if (kind === 'embedded') {
    const dataDir = mkdtempSync(join(tmpdir(), 'maillage-bench-'));
    const database = await openDatabase({ dataDir });
    return {
      database,
      dataDir,
      drop: async () => rmSync(dataDir, { recursive: true, force: true }),
    };
  }
  const name = `maillage_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: pgUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(pgUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase({ databaseUrl: url.toString(), dataDir: 'memory://' });
  return {
    database,
    dataDir: 'memory://',
    drop: async () => {
      const c = new pg.Client({ connectionString: pgUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

type Answer = {
  i: number;
  status: number;
  body: { id: string; status: string; position?: number };
  ms: number;
};

/** Client mode (`--client <url>`, in a child process): fires every attempt at once, sends the answers back. */
async function client(url: string) {
  const started = performance.now();
  const answers: Answer[] = await Promise.all(
    Array.from({ length: ATTEMPTS }, async (_, i) => {
      const t0 = performance.now();
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name: `Personne ${i}`, email: `bench${i}@example.org`, consent: true }),
      });
      const body = (await res.json()) as Answer['body'];
      return { i, status: res.status, body, ms: performance.now() - t0 };
    }),
  );
  const elapsed = performance.now() - started;
  process.send!({ answers, elapsed }, () => process.exit(0));
}

function fireFromClient(url: string): Promise<{ answers: Answer[]; elapsed: number }> {
  const child = fork(fileURLToPath(new URL('../bin/run-ts.js', import.meta.url)), [
    fileURLToPath(import.meta.url),
    '--client',
    url,
  ]);
  return new Promise((resolve, reject) => {
    child.on('message', (m: { answers: Answer[]; elapsed: number }) => resolve(m));
    child.on('exit', (code) => code !== 0 && reject(new Error(`client exited (${code})`)));
  });
}

const quantile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];

async function run(kind: 'embedded' | 'postgres') {
  const { database, dataDir, drop } = await freshDatabase(kind);
  const config: Config = {
    port,
    host: '127.0.0.1',
    dataDir,
    publicUrl: `http://127.0.0.1:${port}`,
    sessionSecret: randomBytes(32).toString('hex'),
    mailFrom: 'Maillage <bench@maillage.test>',
    logLevel: 'silent',
    registrationRateLimit: 0,
  };
  const deps: Deps = {
    config,
    db: database.db,
    dbKind: database.kind,
    mailer: createMailer({ db: database.db, from: config.mailFrom }),
    clock: () => new Date(),
    log: { info() {}, warn() {}, error() {} } as unknown as FastifyBaseLogger,
  };
  const app = await buildApp(deps);
  // A deep accept queue: 1,000 connections arrive at once (Node's default backlog is 511).
  await app.listen({ port, host: '127.0.0.1', backlog: 4096 });
  try {
    const network = await buildNetwork(deps.db);
    const event = await buildEvent(deps.db, network.id, { capacity: SEATS, title: 'Bench : 100 places' });
    const url = `http://127.0.0.1:${port}/api/events/${event.id}/registrations`;

    // The attempts come from another process, as 1,000 browsers would: the load generator does not share the
    // server's event loop.
    const { answers, elapsed } = await fireFromClient(url);

    const errors = answers.filter((a) => a.status !== 201);
    const confirmed = answers.filter((a) => a.body.status === 'confirmed');
    const waitlisted = answers.filter((a) => a.body.status === 'waitlisted');
    const positions = waitlisted.map((a) => a.body.position ?? 0).sort((a, b) => a - b);
    const positionsOk = positions.length === ATTEMPTS - SEATS && positions.every((p, k) => p === k + 1);
    // Arrival order as the server saw it: the registration's seq (order of taking the event's lock).
    const rows = await deps.db.select().from(registrations).where(eq(registrations.eventId, event.id));
    const bySeq = new Map(rows.map((r) => [r.id, r.seq]));
    const waitBySeq = [...waitlisted].sort((a, b) => bySeq.get(a.body.id)! - bySeq.get(b.body.id)!);
    const arrivalOk = waitBySeq.every((a, k) => a.body.position === k + 1);
    const maxConfirmedSeq = Math.max(...confirmed.map((a) => bySeq.get(a.body.id)!));
    const minWaitSeq = Math.min(...waitlisted.map((a) => bySeq.get(a.body.id)!));
    const dbConfirmed = rows.filter((r) => r.status === 'confirmed').length;
    const latencies = answers.map((a) => a.ms).sort((a, b) => a - b);
    const ok =
      errors.length === 0 &&
      confirmed.length === SEATS &&
      dbConfirmed === SEATS &&
      waitlisted.length === ATTEMPTS - SEATS &&
      positionsOk &&
      arrivalOk &&
      maxConfirmedSeq < minWaitSeq;

    console.log(
      [
        `[${kind}] ${ATTEMPTS} simultaneous registrations on a ${SEATS}-seat event: ${elapsed.toFixed(0)} ms in all ` +
          `(${((ATTEMPTS / elapsed) * 1000).toFixed(0)} registrations/s)`,
        `  answers: ${answers.length - errors.length} × 201, ${errors.length} other` +
          (errors.length ? ` (first: ${errors[0].status} ${JSON.stringify(errors[0].body)})` : ''),
        `  confirmed ${confirmed.length} (database: ${dbConfirmed}), waitlisted ${waitlisted.length}; positions 1…${positions.length} each once: ${positionsOk}; ` +
          `in arrival order: ${arrivalOk}; every confirmed seat arrived before every waitlisted one: ${maxConfirmedSeq < minWaitSeq}`,
        `  latency per request: p50 ${quantile(latencies, 0.5).toFixed(0)} ms, p99 ${quantile(latencies, 0.99).toFixed(0)} ms, max ${latencies.at(-1)?.toFixed(0)} ms`,
        `  ${ok ? 'OK' : 'FAILED'}`,
      ].join('\n'),
    );
    return ok;
  } finally {
    await app.close();
    await database.close();
    await drop();
  }
}

if (process.argv[2] === '--client') {
  await client(process.argv[3]);
  await new Promise(() => {}); // exits once the answers are sent
}
const which = process.argv[2];
const kinds: ('embedded' | 'postgres')[] =
  which === 'embedded' || which === 'postgres' ? [which] : ['postgres', 'embedded'];
let allOk = true;
for (const kind of kinds) allOk = (await run(kind)) && allOk;
process.exit(allOk ? 0 : 1);
