import type { Config } from '../../config.ts';
import type { Deps } from '../../context.ts';
import type { Db } from '../../db/client.ts';
import { insertMany } from '../../db/insert-many.ts';
import { deliverOutbox } from './mail.delivery.ts';
import { type MailMessage, outboxRow } from './mail.service.ts';
import { outbox } from './mail.tables.ts';

// Mails that must go out if, and only if, a write commits (an event cancelled → its registrants told): the caller
// writes them into the outbox inside its own transaction, then hands the ids to `deliverFromOutbox` once committed.
// Nothing is lost if sending fails or the process stops before sending: the mails stay `queued` and the mail
// worker sends them (or, without SMTP, they are `kept` for the platform admin to read); never sent for a
// rolled-back write.

/**
 * Writes the mails into the outbox within `tx`; returns their ids, in order. Given the config, they are `queued`
 * when SMTP is configured and `kept` otherwise; without it they are `queued`, and `deliverFromOutbox` (or the
 * worker) keeps them if there is no SMTP to send them.
 */
export async function writeToOutbox(
  tx: Db,
  messages: MailMessage[],
  config?: Pick<Config, 'smtpUrl'>,
): Promise<string[]> {
  if (messages.length === 0) return [];
  const kept = config !== undefined && !config.smtpUrl;
  const rows = await insertMany(
    tx,
    outbox,
    messages.map((m) => ({
      ...outboxRow(m),
      status: kept ? 'kept' : 'queued',
      nextAttemptAt: kept ? null : new Date(),
    })),
  ).returning({ id: outbox.id });
  return rows.map((r) => r.id);
}

/**
 * Sends mails written by `writeToOutbox` once their transaction committed, one after the other, through the one
 * sending path (`deliverOutbox`): each ends `sent`, `queued` for a later try by the worker, or `failed` for good.
 * Without SMTP they are `kept`, like every other mail.
 */
export async function deliverFromOutbox(deps: Pick<Deps, 'db' | 'config'>, ids: string[]) {
  return deliverOutbox({ db: deps.db, smtpUrl: deps.config.smtpUrl, from: deps.config.mailFrom }, { ids });
}
