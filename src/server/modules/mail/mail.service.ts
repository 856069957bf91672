import { desc, eq } from 'drizzle-orm';
import nodemailer from 'nodemailer';
import type { Actor, Deps } from '../../context.ts';
import type { Db } from '../../db/client.ts';
import { forbidden } from '../../lib/errors.ts';
import { requireSignedIn } from '../accounts/authz.ts';
import { outbox } from './mail.tables.ts';

export type MailMessage = {
  to: string;
  subject: string;
  text: string;
  html?: string;
  attachments?: { filename: string; contentType: string; content: Buffer | string }[];
  /** What the mail is, dotted: auth.login-link, events.registration-confirmed… */
  kind: string;
};

export type Mailer = {
  /** Records the mail in the outbox, then sends it over SMTP when configured. Returns the outbox id. */
  send(message: MailMessage): Promise<{ id: string; status: 'kept' | 'sent' | 'failed' }>;
};

/**
 * Mail through nodemailer when `smtpUrl` is set; otherwise kept in the outbox for the platform admin to read.
 * Options ride in the URL's query, parsed by nodemailer: `smtp://127.0.0.1:2525?ignoreTLS=true` talks plain SMTP
 * to a local relay that offers STARTTLS with a certificate we cannot check; `smtps://…` is TLS from the start.
 */
export function createMailer(deps: { db: Db; smtpUrl?: string; from: string }): Mailer {
  const transport = deps.smtpUrl ? nodemailer.createTransport(deps.smtpUrl) : null;
  return {
    async send(message) {
      const attachments = message.attachments?.map((a) => ({
        filename: a.filename,
        contentType: a.contentType,
        content: Buffer.from(a.content).toString('base64'),
      }));
      const [row] = await deps.db
        .insert(outbox)
        .values({
          to: message.to,
          subject: message.subject,
          text: message.text,
          html: message.html,
          attachments,
          kind: message.kind,
          status: 'kept',
        })
        .returning({ id: outbox.id });
      if (!transport) return { id: row.id, status: 'kept' };
      try {
        await transport.sendMail({
          from: deps.from,
          to: message.to,
          subject: message.subject,
          text: message.text,
          html: message.html,
          attachments: message.attachments?.map((a) => ({
            filename: a.filename,
            contentType: a.contentType,
            content: a.content,
          })),
        });
        await deps.db.update(outbox).set({ status: 'sent', sentAt: new Date() }).where(eq(outbox.id, row.id));
        return { id: row.id, status: 'sent' };
      } catch (err) {
        await deps.db
          .update(outbox)
          .set({ status: 'failed', error: (err as Error).message })
          .where(eq(outbox.id, row.id));
        return { id: row.id, status: 'failed' };
      }
    },
  };
}

/** The newest mails first, for the platform admin's outbox page (and tests). */
export async function listOutbox(db: Db, opts: { to?: string; limit?: number } = {}) {
  return db
    .select()
    .from(outbox)
    .where(opts.to ? eq(outbox.to, opts.to.toLowerCase()) : undefined)
    .orderBy(desc(outbox.createdAt))
    .limit(opts.limit ?? 100);
}

/** The outbox as the platform admin reads it (everyone else is refused). */
export async function readOutbox(
  deps: Pick<Deps, 'db'>,
  actor: Actor | null,
  query: { to?: string; limit?: number },
) {
  if (!requireSignedIn(actor).isPlatformAdmin)
    throw forbidden('Réservé aux administrateurs de la plateforme');
  const rows = await listOutbox(deps.db, query);
  return rows.map((m) => ({
    id: m.id,
    createdAt: m.createdAt.toISOString(),
    to: m.to,
    subject: m.subject,
    text: m.text,
    status: m.status,
    kind: m.kind,
    error: m.error,
  }));
}
