import { randomUUID } from 'node:crypto';
import { and, eq, inArray, isNotNull, type SQL, sql } from 'drizzle-orm';
import nodemailer, { type Transporter } from 'nodemailer';
import type { Config } from '../../config.ts';
import type { Db } from '../../db/client.ts';
import { startPeriodic } from '../../lib/periodic.ts';
import { newsletterIssues, newsletterIssueRecipients as rcpt } from './newsletters.issues.tables.ts';
import { type PreparedIssue, prepareIssue, recipientMail } from './newsletters.send.mail.ts';
import { newsletterSubscriptions } from './newsletters.tables.ts';
import { suppressedSql } from './newsletters.unsubscribe.ts';

// The sending engine. When sending starts, the recipients are snapshotted into newsletter_issue_recipients (one row
// per address, unique per issue). Workers, in any number of processes, then:
//
//   1. claim a batch of due rows (FOR UPDATE SKIP LOCKED: two workers never claim the same row) under a lease and
//      a claim token of their own;
//   2. per chunk of a few mails: reserve the chunk's time in the issue's rate limiter (shared by all processes,
//      one UPDATE of the issue row, which also tells a paused or cancelled issue), then in ONE statement re-check
//      suppressions and unsubscriptions (→ `suppressed`) and mark the others `sending`, only if still held by
//      this claim (a worker whose lease was taken over sends nothing);
//   3. hand each mail to the pooled SMTP transport and, the moment the server accepts it, mark it `sent` with its
//      message id (one UPDATE per mail, not batched: the window between acceptance and the record is one round
//      trip to the database).
//
// What survives a crash or kill -9: a claimed row not yet `sending` was never handed to SMTP; once its lease is
// over another worker takes it (no missed recipient, no duplicate). A `sending` row whose lease is over is the one
// ambiguous case: its SMTP transaction was in flight when the process died. We send it again (at-least-once):
// the mail was almost always not accepted (the server drops a message whose DATA did not complete), and
// re-sending it is the only way not to miss the recipient; a duplicate happens only if the process died in the
// milliseconds between the server's 250 answer and the `sent` UPDATE. The deterministic Message-ID
// (<recipient id@domain>) lets a receiving system drop such a duplicate. After MAX_ATTEMPTS, a row is `failed`.

/** How long a claim holds its rows; a batch is sized to be sent well within it at the issue's rate. */
export const SEND_LEASE_MS = 60_000;
/** Attempts (SMTP answers 4xx, dropped connections, resumed `sending` rows) after which a recipient is `failed`. */
export const MAX_ATTEMPTS = 5;
/** Delay before a mail refused for now (4xx) is tried again. */
export const RETRY_DELAY_MS = 5 * 60_000;

export type EngineDeps = {
  db: Db;
  config: Pick<Config, 'smtpUrl' | 'mailFrom' | 'publicUrl' | 'sessionSecret' | 'newsletters'>;
  log: { error(obj: object, msg: string): void; info?(msg: string): void };
};

export type EngineOptions = {
  leaseMs?: number;
  /** Mails marked and handed to SMTP together (one suppression check, one rate reservation). */
  chunkSize?: number;
  /** SMTP connections of the pooled transport. */
  connections?: number;
  stopping?: () => boolean;
};

export type PassResult = { sent: number; failed: number; suppressed: number; retried: number };

const transports = new Map<string, Transporter>();

/** The process's pooled transport for this SMTP URL (options in the URL win over the pool's). */
function poolFor(smtpUrl: string, connections: number): Transporter {
  const key = `${smtpUrl}#${connections}`;
  let t = transports.get(key);
  if (!t) {
    const sep = smtpUrl.includes('?') ? '&' : '?';
    t = nodemailer.createTransport(
      `${smtpUrl}${sep}pool=true&maxConnections=${connections}&maxMessages=100000`,
    );
    transports.set(key, t);
  }
  return t;
}

/** Closes the newsletters' SMTP pools (server stop, end of a test). */
export function closeNewsletterTransports() {
  for (const t of transports.values()) t.close();
  transports.clear();
}

/**
 * Snapshots the recipients chosen by `source` (a query of `email, name, list_id`, e.g. a segment's) into the
 * issue's recipients: one row per address, suppressed addresses left out. Returns how many were written.
 */
export async function snapshotRecipients(
  db: Db,
  issue: { id: string; networkId: string },
  source: SQL,
): Promise<number> {
  const result = await db.execute(sql`
    insert into ${rcpt} (issue_id, network_id, email, name, list_id)
    select distinct on (src.email) ${issue.id}::uuid, ${issue.networkId}::uuid, src.email, src.name, src.list_id
    from (${source}) src
    where src.email like '%@%' and not ${suppressedSql(issue.networkId, sql`src.email`)}
    order by src.email, src.list_id nulls last
    on conflict (issue_id, email) do nothing`);
  return (
    (result as unknown as { rowCount?: number; affectedRows?: number }).rowCount ??
    (result as unknown as { affectedRows?: number }).affectedRows ??
    0
  );
}

type Claimed = typeof rcpt.$inferSelect;

/** Claims up to `limit` due rows of the issue: queued, or `sending` left by a dead process (lease over). */
async function claimBatch(db: Db, issueId: string, token: string, limit: number, leaseMs: number) {
  const now = new Date();
  const due = db.$with('due').as(
    db
      .select({ id: rcpt.id })
      .from(rcpt)
      .where(
        and(
          eq(rcpt.issueId, issueId),
          sql`${rcpt.status} in ('queued', 'sending')`,
          sql`(${rcpt.leaseUntil} is null or ${rcpt.leaseUntil} < ${now})`,
        ),
      )
      .limit(limit)
      .for('update', { skipLocked: true }),
  );
  return db
    .with(due)
    .update(rcpt)
    .set({ claimToken: token, leaseUntil: new Date(now.getTime() + leaseMs) })
    .where(inArray(rcpt.id, db.select({ id: due.id }).from(due)))
    .returning();
}

/**
 * Reserves `count` mails of the issue's rate (mails per second), shared by every process: returns when the chunk
 * may start, or null when the issue is no longer `sending` (paused, cancelled).
 */
async function reserve(db: Db, issueId: string, count: number, rate: number): Promise<Date | null> {
  const seconds = count / rate;
  const [row] = await db
    .update(newsletterIssues)
    .set({
      sendSlotAt: sql`greatest(coalesce(${newsletterIssues.sendSlotAt}, now()), now()) + ${seconds} * interval '1 second'`,
    })
    .where(and(eq(newsletterIssues.id, issueId), eq(newsletterIssues.status, 'sending')))
    .returning({ slot: newsletterIssues.sendSlotAt });
  if (!row?.slot) return null;
  return new Date(row.slot.getTime() - seconds * 1000);
}

/** Suppression re-check and `sending` mark of a chunk, in one statement; returns the rows to hand to SMTP. */
async function markChunk(db: Db, networkId: string, ids: string[], token: string) {
  const unsubscribed = sql`(${rcpt.listId} is not null and exists (select 1 from ${newsletterSubscriptions} sub
    where sub.list_id = ${rcpt.listId} and sub.email = ${rcpt.email} and sub.status = 'unsubscribed'))`;
  const blocked = sql`(${suppressedSql(networkId, rcpt.email)} or ${unsubscribed})`;
  return db
    .update(rcpt)
    .set({
      status: sql`case when ${blocked} then 'suppressed' else 'sending' end`,
      attempts: sql`${rcpt.attempts} + case when ${blocked} then 0 else 1 end`,
    })
    .where(
      and(inArray(rcpt.id, ids), eq(rcpt.claimToken, token), sql`${rcpt.status} in ('queued', 'sending')`),
    )
    .returning({ id: rcpt.id, status: rcpt.status, attempts: rcpt.attempts });
}

const isPermanent = (err: unknown) => {
  const code = (err as { responseCode?: unknown }).responseCode;
  return typeof code === 'number' && code >= 500;
};

async function sendOne(
  db: Db,
  transport: Transporter,
  prepared: PreparedIssue,
  row: Claimed,
  attempts: number,
  result: PassResult,
) {
  const mail = recipientMail(prepared, row);
  try {
    await transport.sendMail(mail.options);
    await db
      .update(rcpt)
      .set({ status: 'sent', messageId: mail.messageId, sentAt: new Date(), leaseUntil: null, error: null })
      .where(eq(rcpt.id, row.id));
    result.sent++;
  } catch (err) {
    const giveUp = isPermanent(err) || attempts >= MAX_ATTEMPTS;
    await db
      .update(rcpt)
      .set({
        status: giveUp ? 'failed' : 'queued',
        claimToken: null,
        leaseUntil: giveUp ? null : new Date(Date.now() + RETRY_DELAY_MS),
        error: String((err as Error).message).slice(0, 500),
      })
      .where(and(eq(rcpt.id, row.id), eq(rcpt.status, 'sending')));
    if (giveUp) result.failed++;
    else result.retried++;
  }
}

/** Gives back the rows of a claim not handed to SMTP (stop, pause, cancel), for another worker at once. */
async function release(db: Db, token: string) {
  await db
    .update(rcpt)
    .set({ claimToken: null, leaseUntil: null })
    .where(and(eq(rcpt.claimToken, token), eq(rcpt.status, 'queued')));
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Sends one claimed batch chunk by chunk, a bounded number of mails in flight; false when the issue stopped. */
async function sendBatch(
  deps: EngineDeps,
  transport: Transporter,
  prepared: PreparedIssue,
  batch: Claimed[],
  token: string,
  opts: Required<Pick<EngineOptions, 'chunkSize'>> & EngineOptions,
  result: PassResult,
): Promise<boolean> {
  const inFlight = new Set<Promise<void>>();
  const byId = new Map(batch.map((r) => [r.id, r]));
  let going = true;
  for (let i = 0; i < batch.length && going; i += opts.chunkSize) {
    if (opts.stopping?.()) {
      going = false;
      break;
    }
    const chunk = batch.slice(i, i + opts.chunkSize);
    const start = await reserve(deps.db, prepared.issueId, chunk.length, prepared.rate);
    if (!start) {
      going = false;
      break;
    }
    const wait = start.getTime() - Date.now();
    if (wait > 0) await sleep(wait);
    const marked = await markChunk(
      deps.db,
      prepared.networkId,
      chunk.map((r) => r.id),
      token,
    );
    for (const m of marked) {
      if (m.status === 'suppressed') {
        result.suppressed++;
        continue;
      }
      const row = byId.get(m.id);
      if (!row) continue;
      const p = sendOne(deps.db, transport, prepared, row, m.attempts, result).finally(() =>
        inFlight.delete(p),
      );
      inFlight.add(p);
    }
    while (inFlight.size > opts.chunkSize * 2) await Promise.race(inFlight);
  }
  await Promise.all(inFlight);
  await release(deps.db, token);
  return going;
}

/** Marks the issue `sent` once no recipient is left to send (none queued or in flight, whoever holds it). */
async function finishIfDone(db: Db, issueId: string) {
  await db
    .update(newsletterIssues)
    .set({ status: 'sent', finishedAt: new Date(), updatedAt: new Date() })
    .where(
      and(
        eq(newsletterIssues.id, issueId),
        eq(newsletterIssues.status, 'sending'),
        sql`not exists (select 1 from ${rcpt} r where r.issue_id = ${issueId}
          and r.status in ('queued', 'sending'))`,
      ),
    );
}

/**
 * One pass of the engine: every issue being sent, batch after batch, until nothing is claimable or `stopping()`.
 * Without SMTP nothing is sent (the issue waits).
 */
export async function sendPass(deps: EngineDeps, opts: EngineOptions = {}): Promise<PassResult> {
  const result: PassResult = { sent: 0, failed: 0, suppressed: 0, retried: 0 };
  const smtpUrl = deps.config.smtpUrl;
  if (!smtpUrl) return result;
  const leaseMs = opts.leaseMs ?? SEND_LEASE_MS;
  const chunkSize = opts.chunkSize ?? 20;
  const transport = poolFor(smtpUrl, opts.connections ?? 4);
  const issues = await deps.db
    .select({ id: newsletterIssues.id })
    .from(newsletterIssues)
    .where(and(eq(newsletterIssues.status, 'sending'), isNotNull(newsletterIssues.renderedHtml)));
  for (const { id } of issues) {
    const prepared = await prepareIssue(deps, id);
    if (!prepared) continue;
    // A batch takes at most a sixth of the lease at the issue's rate.
    const batchSize = Math.max(chunkSize, Math.min(1000, Math.floor((prepared.rate * leaseMs) / 6000)));
    while (!opts.stopping?.()) {
      const token = randomUUID();
      const batch = await claimBatch(deps.db, id, token, batchSize, leaseMs);
      if (batch.length === 0) break;
      const going = await sendBatch(deps, transport, prepared, batch, token, { ...opts, chunkSize }, result);
      if (!going) break;
    }
    await finishIfDone(deps.db, id);
  }
  return result;
}

/** The newsletter worker of a server process: a pass every `intervalMs`; `stop()` waits for the mails in flight. */
export function startNewsletterWorker(deps: EngineDeps, opts: { intervalMs: number } & EngineOptions) {
  const worker = startPeriodic((stopping) => sendPass(deps, { ...opts, stopping }), {
    intervalMs: opts.intervalMs,
    firstAfterMs: Math.min(opts.intervalMs, 1000),
    log: deps.log,
    what: 'newsletter worker',
  });
  return {
    async stop() {
      await worker.stop();
      closeNewsletterTransports();
    },
  };
}
