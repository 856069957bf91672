import { and, desc, eq } from 'drizzle-orm';
import type { Actor, Deps } from '../../context.ts';
import type { Db } from '../../db/client.ts';
import { conflict, forbidden, notFound } from '../../lib/errors.ts';
import { requireSignedIn } from '../accounts/authz.ts';
import { type DeliveryDeps, deliverOutbox } from './mail.delivery.ts';
import { type OutboxStatus, outbox } from './mail.tables.ts';

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
  /**
   * Records the mail in the outbox and, when SMTP is configured, tries it at once: `sent`, or `queued` for the
   * worker to try again later, or `failed` (refused for good). Without SMTP it is `kept`. Returns the outbox id.
   */
  send(message: MailMessage): Promise<{ id: string; status: OutboxStatus }>;
};

/** A mail as the outbox stores it: attachments in base64. */
export function outboxRow(message: MailMessage) {
  return {
    to: message.to,
    subject: message.subject,
    text: message.text,
    html: message.html,
    attachments: message.attachments?.map((a) => ({
      filename: a.filename,
      contentType: a.contentType,
      content: Buffer.from(a.content).toString('base64'),
    })),
    kind: message.kind,
  };
}

/**
 * Mail through the process's SMTP transport when `smtpUrl` is set; otherwise kept in the outbox for the platform
 * admin to read. Options ride in the URL's query, parsed by nodemailer: `smtp://127.0.0.1:2525?ignoreTLS=true`
 * talks plain SMTP to a local relay that offers STARTTLS with a certificate we cannot check; `smtps://…` is TLS
 * from the start.
 */
export function createMailer(deps: DeliveryDeps): Mailer {
  return {
    async send(message) {
      const now = new Date();
      const [row] = await deps.db
        .insert(outbox)
        .values({
          ...outboxRow(message),
          status: deps.smtpUrl ? 'queued' : 'kept',
          nextAttemptAt: deps.smtpUrl ? now : null,
        })
        .returning({ id: outbox.id });
      if (!deps.smtpUrl) return { id: row.id, status: 'kept' };
      const [result] = await deliverOutbox(deps, { ids: [row.id] });
      // Not claimed: the worker took it first.
      return { id: row.id, status: result?.status ?? 'queued' };
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

function requirePlatformAdmin(actor: Actor | null) {
  if (!requireSignedIn(actor).isPlatformAdmin)
    throw forbidden('Réservé aux administrateurs de la plateforme');
}

function outboxView(m: typeof outbox.$inferSelect) {
  return {
    id: m.id,
    createdAt: m.createdAt.toISOString(),
    to: m.to,
    subject: m.subject,
    text: m.text,
    status: m.status as OutboxStatus,
    kind: m.kind,
    attempts: m.attempts,
    nextAttemptAt: m.nextAttemptAt?.toISOString() ?? null,
    sentAt: m.sentAt?.toISOString() ?? null,
    error: m.error,
  };
}

/** The outbox as the platform admin reads it (everyone else is refused). */
export async function readOutbox(
  deps: Pick<Deps, 'db'>,
  actor: Actor | null,
  query: { to?: string; limit?: number },
) {
  requirePlatformAdmin(actor);
  const rows = await listOutbox(deps.db, query);
  return rows.map(outboxView);
}

/**
 * The platform admin sends a `failed` mail again: `queued`, due now, with a fresh round of attempts (its last
 * error stays until a new one replaces it); the worker sends it on its next pass.
 */
export async function requeueMail(deps: Pick<Deps, 'db' | 'clock'>, actor: Actor | null, id: string) {
  requirePlatformAdmin(actor);
  const [row] = await deps.db
    .update(outbox)
    .set({ status: 'queued', attempts: 0, nextAttemptAt: deps.clock() })
    .where(and(eq(outbox.id, id), eq(outbox.status, 'failed')))
    .returning();
  if (row) return outboxView(row);
  const [existing] = await deps.db.select({ status: outbox.status }).from(outbox).where(eq(outbox.id, id));
  if (!existing) throw notFound('Courriel introuvable');
  const said: Record<string, string> = { queued: 'en attente d’envoi', sent: 'envoyé', kept: 'conservé' };
  throw conflict(`Seul un courriel en échec peut être renvoyé : celui-ci est ${said[existing.status]}`, {
    status: existing.status,
  });
}
