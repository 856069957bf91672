import { randomBytes } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import pg from 'pg';
import { buildApp } from './app.ts';
import type { Config, TrustProxy } from './config.ts';
import type { Actor, Deps } from './context.ts';
import { openDatabase } from './db/client.ts';
import { createMailer } from './modules/mail/mail.service.ts';

// Integration tests run through the real HTTP layer into a real database: a fresh in-memory PGlite by default,
// or a fresh database on the PostgreSQL server named by DATABASE_URL (created here, dropped at close).

const silent = {
  info() {},
  warn() {},
  error() {},
  debug() {},
  trace() {},
  fatal() {},
  child: () => silent,
  level: 'silent',
};

export type TestContext = Awaited<ReturnType<typeof createTestApp>>;

/**
 * `trustProxy` defaults to 1 hop here: tests stand for clients behind one reverse proxy and vary X-Forwarded-For to
 * be several clients (production defaults to false: see TRUST_PROXY).
 */
/**
 * A fresh database on the PostgreSQL server named by DATABASE_URL, and how to drop it: tests never migrate the
 * server's own database, whose state outlives the run (another branch's migrations applied there broke a CI run).
 */
export async function scratchDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const base = process.env.DATABASE_URL;
  if (!base) throw new Error('scratchDatabase needs DATABASE_URL');
  const name = `maillage_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: base });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

export async function createTestApp(
  overrides: { smtpUrl?: string; now?: () => Date; trustProxy?: TrustProxy; geocoderUrl?: string } = {},
) {
  let databaseUrl: string | undefined;
  let dropDatabase = async () => {};
  if (process.env.DATABASE_URL) ({ url: databaseUrl, drop: dropDatabase } = await scratchDatabase());
  const database = await openDatabase({ databaseUrl, dataDir: 'memory://' });
  const config: Config = {
    port: 0,
    host: '127.0.0.1',
    databaseUrl,
    dataDir: 'memory://',
    publicUrl: 'http://maillage.test',
    sessionSecret: 'test-secret-test-secret-test-secret!!',
    smtpUrl: overrides.smtpUrl,
    mailFrom: 'Maillage <no-reply@maillage.test>',
    logLevel: 'silent',
    trustProxy: overrides.trustProxy ?? 1,
    // Never the national geocoder from tests: a closed local port unless a test starts its own peer.
    geocoderUrl: overrides.geocoderUrl ?? 'http://127.0.0.1:9',
  };
  const deps: Deps = {
    config,
    db: database.db,
    dbKind: database.kind,
    mailer: createMailer({ db: database.db, smtpUrl: overrides.smtpUrl, from: config.mailFrom }),
    clock: overrides.now ?? (() => new Date()),
    log: silent as unknown as FastifyBaseLogger,
  };
  const app = await buildApp(deps);
  await app.ready();
  return {
    app,
    deps,
    db: database.db,
    async close() {
      await app.close();
      await database.close();
      await dropDatabase();
    },
  };
}

/** A platform admin actor for service-level calls in tests. */
export const adminActor: Actor = {
  accountId: null,
  email: 'admin@test',
  name: 'Admin',
  isPlatformAdmin: true,
};
