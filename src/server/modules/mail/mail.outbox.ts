import { eq, inArray } from 'drizzle-orm';
import nodemailer from 'nodemailer';
import type { Deps } from '../../context.ts';
import type { Db } from '../../db/client.ts';
import type { MailMessage } from './mail.service.ts';
import { outbox } from './mail.tables.ts';

// Mails that must go out if, and only if, a write commits (an event cancelled → its registrants told): the caller
// writes them into the outbox inside its own transaction, then hands the ids to `deliverFromOutbox` once committed.
// If sending fails, or the process stops before sending, the mails stay in the outbox (`failed` with the reason,
// or `kept`) for the platform admin to read — never lost with a rolled-back write, never sent for one.

/** Writes the mails into the outbox within `tx` (status `kept`); returns their ids, in order. */
export async function writeToOutbox(tx: Db, messages: MailMessage[]): Promise<string[]> {
  if (messages.length === 0) return [];
  const rows = await tx
    .insert(outbox)
    .values(
      messages.map((m) => ({
        to: m.to,
        subject: m.subject,
        text: m.text,
        html: m.html,
        attachments: m.attachments?.map((a) => ({
          filename: a.filename,
          contentType: a.contentType,
          content: Buffer.from(a.content).toString('base64'),
        })),
        kind: m.kind,
        status: 'kept',
      })),
    )
    .returning({ id: outbox.id });
  return rows.map((r) => r.id);
}

/**
 * Sends mails written by `writeToOutbox` (after their transaction committed) over SMTP when it is configured, one
 * after the other, marking each `sent` or `failed`. Without SMTP they stay `kept`, like every other mail.
 */
export async function deliverFromOutbox(deps: Pick<Deps, 'db' | 'config'>, ids: string[]) {
  if (!deps.config.smtpUrl || ids.length === 0) return;
  const transport = nodemailer.createTransport(deps.config.smtpUrl);
  try {
    const rows = await deps.db.select().from(outbox).where(inArray(outbox.id, ids));
    const byId = new Map(rows.map((r) => [r.id, r]));
    for (const id of ids) {
      const m = byId.get(id);
      if (m?.status !== 'kept') continue;
      try {
        await transport.sendMail({
          from: deps.config.mailFrom,
          to: m.to,
          subject: m.subject,
          text: m.text,
          html: m.html ?? undefined,
          attachments: m.attachments?.map((a) => ({
            filename: a.filename,
            contentType: a.contentType,
            content: Buffer.from(a.content, 'base64'),
          })),
        });
        await deps.db.update(outbox).set({ status: 'sent', sentAt: new Date() }).where(eq(outbox.id, id));
      } catch (err) {
        await deps.db
          .update(outbox)
          .set({ status: 'failed', error: (err as Error).message })
          .where(eq(outbox.id, id));
      }
    }
  } finally {
    transport.close();
  }
}
