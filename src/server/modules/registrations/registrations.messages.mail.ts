import type { Deps } from '../../context.ts';
import type { MailMessage } from '../mail/mail.service.ts';
import type { RegistrationEvent } from './registrations.event.ts';
import { signedManageToken } from './registrations.links.ts';
import { attachments, cancelUrl, ticketUrl, when, where } from './registrations.mail.ts';

// The mails written after the registration: an organiser's message, the reminder of the day before, and the
// opt-in "Qu’en avez-vous pensé ?" mail. Each carries the person's own links (signed stand-ins of the manage token:
// registrations.links.ts). Returned, not sent: the callers write them to the outbox in their transaction.

export type Recipient = {
  id: string;
  name: string;
  email: string;
  status: string;
  manageTokenHash: string;
  /** The date registered for (a recurring event's occurrence). */
  occurrenceStartsAt: Date;
};
type LinkDeps = Pick<Deps, 'config'>;

function personalLinks(deps: LinkDeps, row: Recipient) {
  const token = signedManageToken(deps.config.sessionSecret, row);
  const { publicUrl } = deps.config;
  return row.status === 'waitlisted'
    ? [
        `Suivre votre inscription : ${ticketUrl(publicUrl, token)}`,
        `Quitter la liste d’attente : ${cancelUrl(publicUrl, token)}`,
      ]
    : [
        `Votre billet (QR code à présenter à l’entrée) : ${ticketUrl(publicUrl, token)}`,
        `Vous ne pouvez plus venir ? Libérez votre place : ${cancelUrl(publicUrl, token)}`,
      ];
}

/** An organiser's message to one registrant: their text, then the event, the sender and the personal links. */
export function organiserMessageMail(
  deps: LinkDeps,
  event: RegistrationEvent,
  startsAt: Date,
  message: { subject: string; text: string; senderName: string },
  row: Recipient,
): MailMessage {
  const lines = [
    `Bonjour ${row.name},`,
    '',
    message.text,
    '',
    '—',
    `Ce message vous est envoyé par ${message.senderName}, pour l’organisation de « ${event.title} ».`,
    `Quand : ${when(event, startsAt)}`,
    `Où : ${where(event)}`,
    '',
    ...personalLinks(deps, row),
  ];
  return {
    to: row.email,
    subject: `${message.subject} · ${event.title}`,
    text: `${lines.join('\n')}\n\n— Maillage\n`,
    kind: 'events.registrant-message',
  };
}

/** The reminder of the day before, with the calendar file and the QR ticket as in the confirmation. */
export async function reminderMail(
  deps: Pick<Deps, 'db' | 'config'>,
  event: RegistrationEvent,
  startsAt: Date,
  row: Recipient,
  ics: string,
): Promise<MailMessage> {
  const lines = [
    `Bonjour ${row.name},`,
    '',
    `Petit rappel : « ${event.title} », c’est demain. Votre place est confirmée.`,
    '',
    `Quand : ${when(event, startsAt)}`,
    `Où : ${where(event)}`,
    '',
    ...personalLinks(deps, row),
    '',
    'Votre billet (QR code) et l’événement pour votre agenda (fichier .ics) sont joints à ce message.',
  ];
  return {
    to: row.email,
    subject: `C’est demain : ${event.title}`,
    text: `${lines.join('\n')}\n\n— Maillage\n`,
    attachments: await attachments(deps, event, row, true, ics),
    kind: 'events.registration-reminder',
  };
}

/** The opt-in mail of the day after: the organiser's question and, when given, their link. */
export function feedbackMail(
  event: RegistrationEvent,
  startsAt: Date,
  feedback: { question: string; url: string | null },
  row: Pick<Recipient, 'name' | 'email'>,
): MailMessage {
  const lines = [
    `Bonjour ${row.name},`,
    '',
    `Merci d’être venu·e à « ${event.title} » (${when(event, startsAt)}).`,
    '',
    'L’organisateur aimerait savoir ce que vous en avez pensé :',
    feedback.question,
    ...(feedback.url ? ['', `Pour répondre : ${feedback.url}`] : []),
    '',
    'Ce message vous est envoyé une seule fois, parce que vous étiez inscrit·e à cet événement.',
  ];
  return {
    to: row.email,
    subject: `Qu’en avez-vous pensé ? ${event.title}`,
    text: `${lines.join('\n')}\n\n— Maillage\n`,
    kind: 'events.registration-feedback',
  };
}
