import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, openDatabase } from '../../server/db/client.ts';
import { buildEvent, buildNetwork } from '../../server/modules/registrations/registrations.fixtures.ts';

// Two real server processes (`maillage start`, as two machines would run it) on one fresh PostgreSQL database:
// what one process writes, the other shows; the rate limits count across both; seats are never given twice.
// PostgreSQL only (several processes cannot share the embedded database); CI runs the suite on PostgreSQL too.

const baseUrl = process.env.DATABASE_URL;
const bin = fileURLToPath(new URL('../../../bin/maillage.js', import.meta.url));

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  await new Promise((r) => server.close(r));
  return port;
}

type Started = {
  proc: ChildProcess;
  url: string;
  output: () => string;
  exited: Promise<number | null>;
};

/** Starts `maillage <args>` and resolves once its /healthz answers 200. */
async function startProcess(env: Record<string, string>, args = ['start']): Promise<Started> {
  const port = env.PORT ? Number(env.PORT) : await freePort();
  const proc = spawn(process.execPath, [bin, ...args], {
    env: { ...process.env, HOST: '127.0.0.1', LOG_LEVEL: 'warn', ...env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  proc.stdout?.on('data', (d) => (out += d));
  proc.stderr?.on('data', (d) => (out += d));
  const exited = new Promise<number | null>((r) => proc.once('exit', (code) => r(code)));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (proc.exitCode !== null) throw new Error(`server exited (${proc.exitCode}):\n${out}`);
    const ok = await fetch(`${url}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    if (Date.now() > deadline) throw new Error(`server not ready:\n${out}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return { proc, url, output: () => out, exited };
}

const register = (url: string, eventId: string, n: number, ip: string) =>
  fetch(`${url}/api/events/${eventId}/registrations`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': ip },
    body: JSON.stringify({ name: `Personne ${n}`, email: `p${n}@example.org`, consent: true }),
  });

type Listing = { items: { id: string; seatsLeft: number | null }[] };
const seatsLeft = async (url: string, eventId: string) => {
  const body = (await (await fetch(`${url}/api/events?pageSize=500`)).json()) as Listing;
  return body.items.find((i) => i.id === eventId)?.seatsLeft;
};

describe.skipIf(!baseUrl)('two server processes on one PostgreSQL database', () => {
  const name = `maillage_test_${randomBytes(6).toString('hex')}`;
  const dataDir = mkdtempSync(join(tmpdir(), 'maillage-processes-'));
  let dbUrl: string;
  let database: Database;
  let a: Started;
  let b: Started;

  beforeAll(async () => {
    const admin = new pg.Client({ connectionString: baseUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const u = new URL(baseUrl!);
    u.pathname = `/${name}`;
    dbUrl = u.toString();
    const env = {
      DATABASE_URL: dbUrl,
      MAILLAGE_DATA_DIR: dataDir,
      SESSION_SECRET: randomBytes(32).toString('hex'),
      TRUST_PROXY: 'true',
      REGISTRATION_RATE_LIMIT: '3',
    };
    // Started together: both migrate the fresh database at once (one waits for the other).
    [a, b] = await Promise.all([startProcess(env), startProcess(env)]);
    database = await openDatabase({ databaseUrl: dbUrl, dataDir: 'memory://' });
  }, 180_000);

  afterAll(async () => {
    for (const p of [a, b]) p?.proc.kill('SIGTERM');
    await Promise.all([a?.exited, b?.exited]);
    await database?.close();
    const admin = new pg.Client({ connectionString: baseUrl });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("shows a registration made through one process in the other's public listing within a second", async () => {
    const network = await buildNetwork(database.db);
    const event = await buildEvent(database.db, network.id, { capacity: 10 });
    // Both listings computed, and cached, before the write.
    expect(await seatsLeft(a.url, event.id)).toBe(10);
    expect(await seatsLeft(b.url, event.id)).toBe(10);
    expect(await seatsLeft(b.url, event.id)).toBe(10);
    expect((await register(a.url, event.id, 1, '198.51.100.1')).status).toBe(201);
    const t0 = performance.now();
    let seen = await seatsLeft(b.url, event.id);
    while (seen !== 9 && performance.now() - t0 < 3000) {
      await new Promise((r) => setTimeout(r, 25));
      seen = await seatsLeft(b.url, event.id);
    }
    expect(seen).toBe(9);
    expect(performance.now() - t0).toBeLessThan(1000);
  });

  it('counts a rate limit across both processes', async () => {
    const network = await buildNetwork(database.db);
    const event = await buildEvent(database.db, network.id, { capacity: 10 });
    const ip = '198.51.100.200';
    expect((await register(a.url, event.id, 100, ip)).status).toBe(201);
    expect((await register(b.url, event.id, 101, ip)).status).toBe(201);
    expect((await register(a.url, event.id, 102, ip)).status).toBe(201);
    // REGISTRATION_RATE_LIMIT=3 per address: the fourth is refused, whichever process it reaches.
    expect((await register(b.url, event.id, 103, ip)).status).toBe(429);
    expect((await register(a.url, event.id, 104, ip)).status).toBe(429);
  });

  it('never gives more seats than the event has, however the registrations are spread', async () => {
    const network = await buildNetwork(database.db);
    const event = await buildEvent(database.db, network.id, { capacity: 5 });
    const answers = await Promise.all(
      Array.from({ length: 40 }, async (_, i) => {
        const res = await register(i % 2 ? a.url : b.url, event.id, 1000 + i, `203.0.113.${i + 1}`);
        return { code: res.status, body: (await res.json()) as { status: string; position?: number } };
      }),
    );
    expect(answers.map((x) => x.code)).toEqual(Array(40).fill(201));
    expect(answers.filter((x) => x.body.status === 'confirmed')).toHaveLength(5);
    const positions = answers
      .flatMap((x) => (x.body.position ? [x.body.position] : []))
      .sort((p, q) => p - q);
    expect(positions).toEqual(Array.from({ length: 35 }, (_, i) => i + 1));
  });
});

describe.skipIf(!baseUrl)('stopping and scaling a server process (PostgreSQL)', () => {
  const name = `maillage_test_${randomBytes(6).toString('hex')}`;
  const dataDir = mkdtempSync(join(tmpdir(), 'maillage-processes-'));
  let env: Record<string, string>;
  let database: Database;
  beforeAll(async () => {
    const admin = new pg.Client({ connectionString: baseUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const u = new URL(baseUrl!);
    u.pathname = `/${name}`;
    env = { DATABASE_URL: u.toString(), MAILLAGE_DATA_DIR: dataDir, TRUST_PROXY: 'true' };
    database = await openDatabase({ databaseUrl: u.toString(), dataDir: 'memory://' });
  });
  afterAll(async () => {
    await database?.close();
    const admin = new pg.Client({ connectionString: baseUrl });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('on SIGTERM, takes no new request but finishes the one in flight, then exits 0', async () => {
    const server = await startProcess(env);
    const network = await buildNetwork(database.db);
    const event = await buildEvent(database.db, network.id, { capacity: 10 });
    expect((await register(server.url, event.id, 1, '192.0.2.1')).status).toBe(201);
    // Hold the event's registration lock from outside, so that the next registration waits in flight.
    const holder = new pg.Client({ connectionString: env.DATABASE_URL });
    await holder.connect();
    await holder.query('BEGIN');
    await holder.query('SELECT 1 FROM event_registration_counters WHERE event_id = $1 FOR UPDATE', [
      event.id,
    ]);
    const inFlight = register(server.url, event.id, 2, '192.0.2.2');
    await new Promise((r) => setTimeout(r, 500));
    server.proc.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 500));
    expect(server.proc.exitCode).toBeNull(); // still finishing
    const late = await fetch(`${server.url}/healthz`).then(
      (r) => r.status,
      () => 'refused',
    );
    expect([503, 'refused']).toContain(late);
    await holder.query('COMMIT');
    await holder.end();
    const answer = await inFlight;
    expect(answer.status).toBe(201);
    const code = await server.exited;
    expect(code, server.output()).toBe(0);
  }, 120_000);

  it('start --workers 2 serves from two processes on one port, and stops them both on SIGTERM', async () => {
    const server = await startProcess(env, ['start', '--workers', '2']);
    // The banner comes once both workers listen.
    for (let i = 0; i < 300 && !server.output().includes('2 processes'); i++)
      await new Promise((r) => setTimeout(r, 100));
    expect(server.output()).toContain('2 processes');
    const network = await buildNetwork(database.db);
    const event = await buildEvent(database.db, network.id, { capacity: 3 });
    const answers = await Promise.all(
      Array.from({ length: 8 }, (_, i) => register(server.url, event.id, 500 + i, `192.0.2.${50 + i}`)),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(8).fill(201));
    // One scrape, whichever process answers it, holds both processes' series, each under its worker label.
    for (let i = 0; i < 2; i++) {
      const res = await fetch(`${server.url}/metrics`);
      expect(res.status).toBe(200);
      const text = await res.text();
      for (const worker of ['1', '2']) {
        expect(text).toMatch(new RegExp(`process_cpu_user_seconds_total\\{worker="${worker}"\\} \\d`));
      }
      const registered = [...text.matchAll(/http_request_duration_seconds_count\{([^}]*)\} (\d+)/g)]
        .filter(([, labels]) => labels.includes('route="/api/events/:id/registrations"'))
        .reduce((n, [, , count]) => n + Number(count), 0);
      expect(registered).toBe(8);
    }
    server.proc.kill('SIGTERM');
    const code = await server.exited;
    expect(code, server.output()).toBe(0);
  }, 120_000);
});

describe('start --workers on the embedded database', () => {
  it('is refused with a sentence saying why', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'maillage-processes-'));
    try {
      const proc = spawn(process.execPath, [bin, 'start', '--workers', '2'], {
        env: { ...process.env, DATABASE_URL: '', MAILLAGE_DATA_DIR: dataDir, PORT: String(await freePort()) },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let err = '';
      proc.stderr?.on('data', (d) => (err += d));
      const code = await new Promise((r) => proc.once('exit', r));
      expect(code).toBe(2);
      expect(err).toContain('--workers needs PostgreSQL');
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 60_000);
});
