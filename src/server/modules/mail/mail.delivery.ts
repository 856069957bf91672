import { and, asc, eq, inArray, lte, sql } from 'drizzle-orm';
import nodemailer, { type Transporter } from 'nodemailer';
import type { Db } from '../../db/client.ts';
import { startPeriodic } from '../../lib/periodic.ts';
import { outbox } from './mail.tables.ts';

// The one path by which mails leave: claim due `queued` rows (with a lease, safe with several server processes on
// PostgreSQL), send each over the process's SMTP transport, then mark it `sent`, or back to `queued` with a later
// try, or `failed` for good. Used at once by createMailer and deliverFromOutbox, and every N seconds by the worker.

/** Delay before the next try after attempt 1, 2, …; one more failure after the last delay and the mail `failed`. */
export const RETRY_DELAYS_MS = [60_000, 5 * 60_000, 30 * 60_000, 2 * 3_600_000, 12 * 3_600_000];
/** Attempts in all: the first, then one after each delay. */
export const MAX_ATTEMPTS = RETRY_DELAYS_MS.length + 1;
/**
 * How long a claimed mail is held by the pass sending it: longer than one send can take (nodemailer's own timeouts
 * give up on a silent server within about ten minutes). If its process dies, the mail is due again once the lease
 * is over.
 */
export const LEASE_MS = 15 * 60_000;

export type DeliveryDeps = { db: Db; smtpUrl?: string; from: string };
export type DeliveryResult = { id: string; status: 'sent' | 'queued' | 'failed' };

const transports = new Map<string, Transporter>();

/** The process's SMTP transport for this URL, created once (options ride in the URL, parsed by nodemailer). */
function transportFor(smtpUrl: string): Transporter {
  let transport = transports.get(smtpUrl);
  if (!transport) {
    transport = nodemailer.createTransport(smtpUrl);
    transports.set(smtpUrl, transport);
  }
  return transport;
}

/** Closes the SMTP transports (server stop). */
export function closeMailTransports() {
  for (const transport of transports.values()) transport.close();
  transports.clear();
}

/**
 * Claims up to `limit` due `queued` mails (among `ids` when given): each gets one more attempt and a lease
 * (`next_attempt_at` = now + LEASE_MS), so no other pass takes it meanwhile. Rows another transaction holds are
 * skipped, not waited for.
 */
export async function claimDue(db: Db, opts: { now: Date; ids?: string[]; limit?: number }) {
  // In a CTE, evaluated once: as an `id IN (subquery)` PostgreSQL may run the locking subquery again for each row
  // it updates, and so claim past the limit.
  const due = db.$with('due').as(
    db
      .select({ id: outbox.id })
      .from(outbox)
      .where(
        and(
          eq(outbox.status, 'queued'),
          lte(outbox.nextAttemptAt, opts.now),
          opts.ids ? inArray(outbox.id, opts.ids) : undefined,
        ),
      )
      .orderBy(asc(outbox.nextAttemptAt))
      .limit(opts.limit ?? 1)
      .for('update', { skipLocked: true }),
  );
  return db
    .with(due)
    .update(outbox)
    .set({ attempts: sql`${outbox.attempts} + 1`, nextAttemptAt: new Date(opts.now.getTime() + LEASE_MS) })
    .where(and(inArray(outbox.id, db.select({ id: due.id }).from(due)), eq(outbox.status, 'queued')))
    .returning();
}

/** An SMTP answer in 5xx: the server will not take this mail, trying again changes nothing. */
function isPermanent(err: unknown) {
  const code = (err as { responseCode?: unknown }).responseCode;
  return typeof code === 'number' && code >= 500 && code < 600;
}

async function sendOne(
  deps: DeliveryDeps & { smtpUrl: string },
  row: typeof outbox.$inferSelect,
  now: Date,
): Promise<DeliveryResult> {
  try {
    await transportFor(deps.smtpUrl).sendMail({
      from: deps.from,
      to: row.to,
      subject: row.subject,
      text: row.text,
      html: row.html ?? undefined,
      attachments: row.attachments?.map((a) => ({
        filename: a.filename,
        contentType: a.contentType,
        content: Buffer.from(a.content, 'base64'),
      })),
    });
  } catch (err) {
    const giveUp = isPermanent(err) || row.attempts >= MAX_ATTEMPTS;
    const delay = RETRY_DELAYS_MS[Math.min(row.attempts, RETRY_DELAYS_MS.length) - 1];
    await deps.db
      .update(outbox)
      .set({
        status: giveUp ? 'failed' : 'queued',
        nextAttemptAt: giveUp ? null : new Date(now.getTime() + delay),
        error: (err as Error).message,
      })
      .where(and(eq(outbox.id, row.id), eq(outbox.status, 'queued')));
    return { id: row.id, status: giveUp ? 'failed' : 'queued' };
  }
  await deps.db
    .update(outbox)
    .set({ status: 'sent', sentAt: new Date(), nextAttemptAt: null })
    .where(eq(outbox.id, row.id));
  return { id: row.id, status: 'sent' };
}

/**
 * Sends the due `queued` mails (only `ids` when given, e.g. those just written), one after the other, until none
 * is left or `stopping()` says so; returns what became of each mail this call claimed. A mail another pass holds
 * is left to it. Without SMTP, `queued` mails (written by a caller that did not say whether SMTP is configured)
 * become `kept`.
 */
export async function deliverOutbox(
  deps: DeliveryDeps,
  opts: { ids?: string[]; now?: () => Date; stopping?: () => boolean } = {},
): Promise<DeliveryResult[]> {
  const now = opts.now ?? (() => new Date());
  if (opts.ids?.length === 0) return [];
  const { smtpUrl } = deps;
  if (!smtpUrl) {
    await deps.db
      .update(outbox)
      .set({ status: 'kept', nextAttemptAt: null })
      .where(and(eq(outbox.status, 'queued'), opts.ids ? inArray(outbox.id, opts.ids) : undefined));
    return [];
  }
  const results: DeliveryResult[] = [];
  // One mail claimed at a time: its lease then only has to outlast one send, however long the list.
  while (!opts.stopping?.()) {
    const [row] = await claimDue(deps.db, { now: now(), ids: opts.ids, limit: 1 });
    if (!row) break;
    results.push(await sendOne({ ...deps, smtpUrl }, row, now()));
  }
  return results;
}

/**
 * The mail worker: every `intervalMs`, one pass of `deliverOutbox` over every due mail (retries, and mails left
 * `queued` by a process that stopped before sending them). `stop` waits for the mail being sent, if any.
 */
export function startMailWorker(
  deps: DeliveryDeps & { log: { error(obj: object, msg: string): void } },
  opts: { intervalMs: number },
) {
  return startPeriodic((stopping) => deliverOutbox(deps, { stopping }), {
    ...opts,
    log: deps.log,
    what: 'mail worker',
  });
}
