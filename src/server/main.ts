import type { FastifyBaseLogger } from 'fastify';
import { buildApp } from './app.ts';
import type { Config } from './config.ts';
import type { Deps } from './context.ts';
import { type Database, openDatabase } from './db/client.ts';
import { closeMailTransports, startMailWorker } from './modules/mail/mail.delivery.ts';
import { createMailer } from './modules/mail/mail.service.ts';

/** Builds everything the app and the CLI need from the config: database (migrated), mailer, clock. */
export async function openDeps(
  config: Config,
  log: FastifyBaseLogger,
): Promise<{ deps: Deps; database: Database }> {
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  const deps: Deps = {
    config,
    db: database.db,
    dbKind: database.kind,
    mailer: createMailer({ db: database.db, smtpUrl: config.smtpUrl, from: config.mailFrom }),
    clock: () => new Date(),
    log,
  };
  return { deps, database };
}

/** Start: config → database → app → listen. Returns a function that stops everything. */
export async function startServer(config: Config, opts: { onReady?: (deps: Deps) => Promise<void> } = {}) {
  const silentLog = console as unknown as FastifyBaseLogger;
  const { deps, database } = await openDeps(config, silentLog);
  const app = await buildApp(deps, { logger: config.logLevel !== 'silent' });
  deps.log = app.log;
  await opts.onReady?.(deps);
  await app.listen({ port: config.port, host: config.host });
  // Mails to try again, or left queued by a process that stopped before sending them.
  const mailWorker = startMailWorker(
    { db: deps.db, smtpUrl: config.smtpUrl, from: config.mailFrom, log: app.log },
    { intervalMs: (config.mailWorkerInterval ?? 30) * 1000 },
  );
  const stop = async () => {
    await mailWorker.stop();
    await app.close();
    await database.close();
    closeMailTransports();
  };
  return { app, deps, stop };
}
