import type { FastifyBaseLogger } from 'fastify';
import { buildApp } from './app.ts';
import type { Config } from './config.ts';
import type { Deps } from './context.ts';
import { type Database, openDatabase } from './db/client.ts';
import { requestAwareLog } from './lib/observability.ts';
import { sweepStaleTemp } from './lib/temp-files.ts';
import { startGtecReminderSchedule } from './modules/gtec/gtec.reminder-schedule.ts';
import { closeMailTransports, startMailWorker } from './modules/mail/mail.delivery.ts';
import { createMailer } from './modules/mail/mail.service.ts';
import { startRenewalSchedule } from './modules/memberships/memberships.renewals.ts';
import { startIntroductionFollowups } from './modules/networking/networking.followups.ts';
import { startNewsletterWorker } from './modules/newsletters/newsletters.send.ts';
import { removeStaleLoadingSnapshots } from './modules/observatory/sirene-write.ts';
import { startRetentionSchedule } from './modules/privacy/privacy.retention.ts';
import { startRegistrationMailJobs } from './modules/registrations/registrations.reminders.ts';

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

/** Hours after which a `loading` snapshot on PostgreSQL is taken for a stopped import (no import runs that long). */
const STALE_IMPORT_MS = 12 * 3600_000;

/**
 * What a stopped process left behind: its temporary files (demo Sirene files, DuckDB folders, downloads) and the
 * half-written snapshots of its interrupted imports. Returns what was removed, for the log.
 */
export async function startupCleanup(deps: Pick<Deps, 'db' | 'dbKind' | 'clock'>) {
  const files = sweepStaleTemp();
  const before =
    deps.dbKind === 'embedded' ? deps.clock() : new Date(deps.clock().getTime() - STALE_IMPORT_MS);
  const snapshots = await removeStaleLoadingSnapshots(deps.db, before);
  return { files, snapshots };
}

const SHUTDOWN_TIMEOUT_MS = 25_000;
/** Minutes between two passes of the reminder and feedback mails. */
const REGISTRATION_MAILS_INTERVAL_MS = 5 * 60_000;
/** Minutes between two passes of the introductions' follow-up mails. */
const INTRODUCTION_FOLLOWUPS_INTERVAL_MS = 15 * 60_000;
/** Minutes between two passes of the surveys' scheduled reminders (they are due by the Paris day). */
const SURVEY_REMINDERS_INTERVAL_MS = 60 * 60_000;
/** Seconds between two looks for newsletter issues to send (a pass then sends until none is left). */
const NEWSLETTER_WORKER_INTERVAL_MS = 2_000;

/** Start: config → database → app → listen. Returns a function that stops everything. */
export async function startServer(config: Config, opts: { onReady?: (deps: Deps) => Promise<void> } = {}) {
  const silentLog = console as unknown as FastifyBaseLogger;
  const { deps, database } = await openDeps(config, silentLog);
  const app = await buildApp(deps, { logger: config.logLevel !== 'silent' });
  deps.log = requestAwareLog(app.log);
  const cleaned = await startupCleanup(deps);
  if (cleaned.files.length || cleaned.snapshots)
    app.log.info(
      `Cleaned up after a stopped run: ${cleaned.files.length} temporary file(s), ${cleaned.snapshots} unfinished snapshot(s)`,
    );
  await opts.onReady?.(deps);
  await app.listen({ port: config.port, host: config.host });
  // Mails to try again, or left queued by a process that stopped before sending them.
  const mailWorker = startMailWorker(
    { db: deps.db, smtpUrl: config.smtpUrl, from: config.mailFrom, log: app.log },
    { intervalMs: (config.mailWorkerInterval ?? 30) * 1000 },
  );
  // Memberships: calls for dues, reminders and lapses by the Paris day (each sent once, whatever the processes).
  const renewals = config.renewalRunInterval
    ? startRenewalSchedule(deps, { intervalMs: config.renewalRunInterval * 60_000 })
    : null;
  // Reminders of the day before and the opt-in feedback mails (each claimed once, whatever the processes).
  const registrationMails = startRegistrationMailJobs(deps, { intervalMs: REGISTRATION_MAILS_INTERVAL_MS });
  // Networking: the follow-up mail of accepted introductions, weeks later (each claimed once).
  const followups = startIntroductionFollowups(deps, { intervalMs: INTRODUCTION_FOLLOWUPS_INTERVAL_MS });
  // Surveys: those who have not answered are reminded 7 and 2 days before the close (each once).
  const surveyReminders = startGtecReminderSchedule(deps, { intervalMs: SURVEY_REMINDERS_INTERVAL_MS });
  // Personal data: the retention rules, once a Paris day (claimed by the day, whatever the processes).
  const retention = startRetentionSchedule({ ...deps, log: app.log }, { intervalMs: 60 * 60_000 });
  // Newsletters: issues being sent, recipient by recipient (claimed with a lease, safe with several processes).
  const newsletters = startNewsletterWorker(
    { db: deps.db, config, log: app.log },
    { intervalMs: NEWSLETTER_WORKER_INTERVAL_MS },
  );
  // Graceful: no new connection is taken (a request arriving meanwhile gets 503), the requests in flight are
  // finished, then the mail being sent, then the database pool is closed. Past SHUTDOWN_TIMEOUT_MS, stop anyway.
  const stop = async () => {
    const timer = setTimeout(() => {
      app.log.error('shutdown: requests still running after 25 s, stopping anyway');
      process.exit(1);
    }, SHUTDOWN_TIMEOUT_MS);
    timer.unref();
    // A keep-alive connection whose request was in flight at close is idle once answered: close it then too.
    const sweep = setInterval(() => app.server.closeIdleConnections(), 100);
    await app.close();
    clearInterval(sweep);
    await renewals?.stop();
    await registrationMails.stop();
    await followups.stop();
    await surveyReminders.stop();
    await retention.stop();
    // Stops claiming, waits for the mails handed to SMTP to be recorded, gives back the rows it held.
    await newsletters.stop();
    await mailWorker.stop();
    await database.close();
    closeMailTransports();
    clearTimeout(timer);
  };
  return { app, deps, stop };
}
