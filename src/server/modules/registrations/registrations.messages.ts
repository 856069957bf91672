import { and, asc, count, desc, eq, gt, inArray, sql } from 'drizzle-orm';
import type { Actor, Deps } from '../../context.ts';
import type { Db } from '../../db/client.ts';
import { AppError, conflict } from '../../lib/errors.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { events } from '../events/events.tables.ts';
import { deliverFromOutbox, writeToOutbox } from '../mail/mail.outbox.ts';
import { loadEvent, requireManageRegistrations } from './registrations.event.ts';
import { organiserMessageMail } from './registrations.messages.mail.ts';
import { eventFeedbackSettings, eventMessages } from './registrations.messages.tables.ts';
import { registrationStartsAt } from './registrations.reminders.ts';
import { registrations } from './registrations.tables.ts';

// Organisers write to their registrants (confirmed, waiting list, or both): one mail per person, written to the
// outbox in the transaction that records the message and its audit entry. Same rights as the list of registrants.
// Also the opt-in "Qu’en avez-vous pensé ?" mail's settings (sent by registrations.reminders.ts).

/** Messages an event's registrants may receive from its organisers in 24 hours. */
export const MESSAGES_PER_DAY = 10;
const DAY_MS = 86_400_000;

export type MessageInput = { toConfirmed: boolean; toWaitlisted: boolean; subject: string; text: string };
type Audience = Pick<MessageInput, 'toConfirmed' | 'toWaitlisted'>;

const statuses = (a: Audience) => [
  ...(a.toConfirmed ? ['confirmed'] : []),
  ...(a.toWaitlisted ? ['waitlisted'] : []),
];

async function managedEvent(db: Db, actor: Actor | null, eventId: string) {
  const event = await loadEvent(db, eventId);
  await requireManageRegistrations(db, actor, event);
  return event;
}

async function sentInLastDay(db: Db, eventId: string, now: Date) {
  const [row] = await db
    .select({ n: count() })
    .from(eventMessages)
    .where(
      and(eq(eventMessages.eventId, eventId), gt(eventMessages.createdAt, new Date(now.getTime() - DAY_MS))),
    );
  return row.n;
}

/** The form's figures (how many people each choice reaches), the messages sent, and the feedback settings. */
export async function eventMessagesOverview(
  deps: Pick<Deps, 'db' | 'clock'>,
  actor: Actor | null,
  eventId: string,
) {
  const event = await managedEvent(deps.db, actor, eventId);
  const byStatus = await deps.db
    .select({ status: registrations.status, n: count() })
    .from(registrations)
    .where(eq(registrations.eventId, eventId))
    .groupBy(registrations.status);
  const n = (s: string) => byStatus.find((r) => r.status === s)?.n ?? 0;
  const items = await deps.db
    .select({
      id: eventMessages.id,
      createdAt: eventMessages.createdAt,
      subject: eventMessages.subject,
      recipients: eventMessages.recipients,
      sentByName: eventMessages.sentByName,
    })
    .from(eventMessages)
    .where(eq(eventMessages.eventId, eventId))
    .orderBy(desc(eventMessages.createdAt));
  const [feedback] = await deps.db
    .select()
    .from(eventFeedbackSettings)
    .where(eq(eventFeedbackSettings.eventId, eventId));
  return {
    eventId: event.id,
    counts: { confirmed: n('confirmed'), waitlisted: n('waitlisted') },
    remainingToday: Math.max(0, MESSAGES_PER_DAY - (await sentInLastDay(deps.db, eventId, deps.clock()))),
    items,
    feedback: {
      enabled: feedback?.enabled ?? false,
      question: feedback?.question ?? '',
      url: feedback?.url ?? null,
    },
  };
}

const PREVIEW_PERSON = {
  id: '00000000-0000-4000-8000-000000000000',
  name: 'Prénom Nom',
  email: 'personne@example.org',
  manageTokenHash: 'apercu',
};

/** The mail as a confirmed registrant will read it (a made-up person and links), and how many people get it. */
export async function previewMessage(
  deps: Pick<Deps, 'db' | 'config'>,
  actor: Actor | null,
  eventId: string,
  input: MessageInput,
) {
  const event = await managedEvent(deps.db, actor, eventId);
  const [{ n }] = await deps.db
    .select({ n: count() })
    .from(registrations)
    .where(and(eq(registrations.eventId, eventId), inArray(registrations.status, statuses(input))));
  const status = input.toConfirmed ? 'confirmed' : 'waitlisted';
  const mail = organiserMessageMail(
    deps,
    event,
    event.startsAt,
    { ...input, senderName: actor?.name ?? '' },
    { ...PREVIEW_PERSON, status, occurrenceStartsAt: event.startsAt },
  );
  return { recipients: n, subject: mail.subject, text: mail.text };
}

/**
 * Sends the message: one mail per chosen registrant written to the outbox, the message listed and audited, all in
 * one transaction (under a per-event lock, so that the daily limit holds with several processes); mailed after.
 */
export async function sendMessage(
  deps: Pick<Deps, 'db' | 'config' | 'clock' | 'log'>,
  actor: Actor | null,
  eventId: string,
  input: MessageInput,
) {
  const event = await managedEvent(deps.db, actor, eventId);
  const sender = actor as Actor;
  const now = deps.clock();
  const { message, ids } = await deps.db.transaction(async (trx) => {
    const tx = trx as unknown as Db;
    await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${`maillage:event-messages:${eventId}`}))`);
    if ((await sentInLastDay(tx, eventId, now)) >= MESSAGES_PER_DAY)
      throw new AppError(
        'RATE_LIMITED',
        `Déjà ${MESSAGES_PER_DAY} messages envoyés aux inscrits de cet événement ces dernières 24 heures : le suivant pourra partir demain.`,
      );
    const rows = await tx
      .select({
        id: registrations.id,
        name: registrations.name,
        email: registrations.email,
        status: registrations.status,
        manageTokenHash: registrations.manageTokenHash,
        startsAt: registrationStartsAt(),
      })
      .from(registrations)
      .innerJoin(events, eq(events.id, registrations.eventId))
      .where(and(eq(registrations.eventId, eventId), inArray(registrations.status, statuses(input))))
      .orderBy(asc(registrations.seq));
    if (rows.length === 0)
      throw conflict('Personne à qui écrire : aucun inscrit ne correspond à votre choix.');
    const text = { subject: input.subject, text: input.text, senderName: sender.name };
    const ids = await writeToOutbox(
      tx,
      rows.map((r) =>
        organiserMessageMail(deps, event, r.startsAt, text, { ...r, occurrenceStartsAt: r.startsAt }),
      ),
      deps.config,
    );
    const [message] = await tx
      .insert(eventMessages)
      .values({
        eventId,
        subject: input.subject,
        text: input.text,
        toConfirmed: input.toConfirmed,
        toWaitlisted: input.toWaitlisted,
        recipients: rows.length,
        sentBy: sender.accountId,
        sentByName: sender.name,
        createdAt: now,
      })
      .returning();
    await recordAudit(tx, actor, {
      action: 'event.registrants-messaged',
      entityType: 'event',
      entityId: eventId,
      networkIds: [event.networkId],
      after: {
        subject: input.subject,
        recipients: rows.length,
        toConfirmed: input.toConfirmed,
        toWaitlisted: input.toWaitlisted,
      },
    });
    return { message, ids };
  });
  deliverFromOutbox(deps, ids).catch((err) =>
    deps.log.error({ err, eventId }, 'registrant message mails not sent'),
  );
  return {
    id: message.id,
    createdAt: message.createdAt,
    subject: message.subject,
    recipients: message.recipients,
    sentByName: message.sentByName,
  };
}

export type FeedbackInput = { enabled: boolean; question: string; url: string | null };

/** Turns the day-after feedback mail on or off for an event, with the organiser's question and link. */
export async function setFeedbackSettings(
  deps: Pick<Deps, 'db' | 'clock'>,
  actor: Actor | null,
  eventId: string,
  input: FeedbackInput,
) {
  const event = await managedEvent(deps.db, actor, eventId);
  const who = actor as Actor;
  const values = {
    enabled: input.enabled,
    question: input.question,
    url: input.url,
    updatedBy: who.accountId,
    updatedByName: who.name,
    updatedAt: deps.clock(),
  };
  await deps.db.transaction(async (trx) => {
    const tx = trx as unknown as Db;
    await tx
      .insert(eventFeedbackSettings)
      .values({ eventId, ...values })
      .onConflictDoUpdate({ target: eventFeedbackSettings.eventId, set: values });
    await recordAudit(tx, actor, {
      action: 'event.feedback-mail',
      entityType: 'event',
      entityId: eventId,
      networkIds: [event.networkId],
      after: { enabled: input.enabled, question: input.question, url: input.url },
    });
  });
  return { enabled: input.enabled, question: input.question, url: input.url };
}
