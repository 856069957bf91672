import type { Deps } from '../../context.ts';
import type { MailMessage } from '../mail/mail.service.ts';
import type { RegistrationEvent } from './registrations.event.ts';
import { signedManageToken } from './registrations.links.ts';
import { attachments, cancelUrl, ticketUrl, when, where } from './registrations.mail.ts';
import { frenchDay } from './registrations.occurrence.ts';

// The mails written after the registration: an organiser's message, the reminder of the day before, the opt-in
// "Qu’en avez-vous pensé ?" mail, and those telling of a new date or of a removed one. Each carries the person's
// own links (signed stand-ins of the manage token: registrations.links.ts). Returned, not sent: the callers write
// them to the outbox in their transaction.

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

/** "heure de Paris": which clock the times of a mail are on. */
const clock = (event: RegistrationEvent) =>
  !event.timezone || event.timezone === 'Europe/Paris' ? 'heure de Paris' : `heure locale, ${event.timezone}`;

/**
 * A one-off event's start moved: the registration follows, at its new date and time, with the updated calendar
 * file (same UID as the registration mails' entry, so that calendar apps move it).
 */
export function rescheduledMail(
  deps: LinkDeps,
  event: RegistrationEvent,
  previous: Date,
  row: Recipient,
  ics: string,
  /** Was confirmed, but the new date had no seat left for them. */
  demoted = false,
): MailMessage {
  const lines = [
    `Bonjour ${row.name},`,
    '',
    `L’organisateur a changé la date de « ${event.title} ».`,
    demoted
      ? 'La nouvelle date a moins de places : vous passez sur sa liste d’attente, et serez prévenu si une place se libère.'
      : row.status === 'waitlisted'
        ? 'Vous restez sur la liste d’attente, pour la nouvelle date.'
        : 'Votre inscription est maintenue à la nouvelle date : votre billet reste valable.',
    '',
    `Nouvelle date : ${when(event, row.occurrenceStartsAt)} (${clock(event)})`,
    `Au lieu de : ${when(event, previous)}`,
    `Où : ${where(event)}`,
    '',
    ...personalLinks(deps, row),
    '',
    'Le fichier joint (.ics) met à jour l’événement dans votre agenda.',
  ];
  return {
    to: row.email,
    subject: `Nouvelle date : ${event.title}`,
    text: `${lines.join('\n')}\n\n— Maillage\n`,
    attachments: [
      {
        filename: 'evenement.ics',
        contentType: 'text/calendar; charset=utf-8; method=PUBLISH',
        content: ics,
      },
    ],
    kind: 'events.registration-rescheduled',
  };
}

/**
 * A date of a series was removed by the organiser: the registration to that date is cancelled; the person may
 * choose another date on the event's page. `cancelIcs` removes that date from their calendar.
 */
export function dateCancelledMail(
  deps: LinkDeps,
  event: RegistrationEvent,
  row: Pick<Recipient, 'name' | 'email' | 'status' | 'occurrenceStartsAt'>,
  cancelIcs: string,
): MailMessage {
  const tz = event.timezone ?? 'Europe/Paris';
  const lines = [
    `Bonjour ${row.name},`,
    '',
    `L’organisateur a annulé la date du ${when(event, row.occurrenceStartsAt)} (${clock(event)}) de « ${event.title} ».`,
    row.status === 'waitlisted'
      ? 'Vous étiez sur la liste d’attente de cette date : elle est close, vous n’avez rien à faire.'
      : 'Votre inscription à cette date est annulée : vous n’avez rien à faire.',
    '',
    `Pour choisir une autre date : ${deps.config.publicUrl}/agenda/evenements/${event.id}`,
    '',
    'Le fichier joint (.ics) retire cette date de votre agenda.',
  ];
  return {
    to: row.email,
    subject: `Date annulée : ${event.title} — ${frenchDay(row.occurrenceStartsAt, tz)}`,
    text: `${lines.join('\n')}\n\n— Maillage\n`,
    attachments: [
      {
        filename: 'annulation.ics',
        contentType: 'text/calendar; charset=utf-8; method=CANCEL',
        content: cancelIcs,
      },
    ],
    kind: 'events.registration-date-cancelled',
  };
}
