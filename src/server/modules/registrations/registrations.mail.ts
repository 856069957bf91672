import type { Deps } from '../../context.ts';
import type { MailMessage } from '../mail/mail.service.ts';
import { eventIcs, type RegistrationEvent } from './registrations.event.ts';
import { frenchDate, frenchDay } from './registrations.occurrence.ts';
import type { registrations } from './registrations.tables.ts';
import { qrPng, signCheckinToken } from './registrations.tokens.ts';

type Row = Pick<typeof registrations.$inferSelect, 'id' | 'name' | 'email' | 'status' | 'occurrenceStartsAt'>;
type MailDeps = Pick<Deps, 'db' | 'config' | 'mailer'>;

/** The event's date and time in words, in its time zone (`startsAt`: the date a registration is for). */
export const when = (event: RegistrationEvent, startsAt: Date = event.startsAt) =>
  frenchDate(startsAt, event.timezone ?? 'Europe/Paris');

/** The event's name in a subject: of a recurring event, with the day registered for. */
const titled = (event: RegistrationEvent, row: Row) =>
  event.recurrenceRule
    ? `${event.title} — ${frenchDay(row.occurrenceStartsAt, event.timezone ?? 'Europe/Paris')}`
    : event.title;

export const where = (event: RegistrationEvent) =>
  [event.venueName, event.venueAddress, event.communeName].filter(Boolean).join(', ') ||
  (event.onlineUrl ? `En ligne : ${event.onlineUrl}` : 'Lieu communiqué par l’organisateur');

export const ticketUrl = (publicUrl: string, manageToken: string) => `${publicUrl}/billet/${manageToken}`;
export const cancelUrl = (publicUrl: string, manageToken: string) =>
  `${publicUrl}/billet/${manageToken}/annuler`;

/** The calendar file, and the QR ticket for a confirmed seat. */
export async function attachments(
  deps: Pick<Deps, 'db' | 'config'>,
  event: RegistrationEvent,
  row: Row,
  confirmed: boolean,
  ics?: string,
) {
  const list: { filename: string; contentType: string; content: string | Buffer }[] = [
    {
      filename: 'evenement.ics',
      contentType: 'text/calendar; charset=utf-8; method=PUBLISH',
      content: ics ?? (await eventIcs(deps, event, row.occurrenceStartsAt)),
    },
  ];
  if (confirmed) {
    list.push({
      filename: 'billet-qr.png',
      contentType: 'image/png',
      content: await qrPng(signCheckinToken(deps.config.sessionSecret, row.id)),
    });
  }
  return list;
}

/**
 * The mail sent right after registering: confirmed seat (ticket + QR) or place on the waiting list. `ics` is the
 * event's calendar file, built once for all the sign-ups written together.
 */
export async function registrationMail(
  deps: Pick<Deps, 'db' | 'config'>,
  event: RegistrationEvent,
  row: Row,
  manageToken: string,
  position: number | undefined,
  ics: string,
): Promise<MailMessage> {
  const confirmed = row.status === 'confirmed';
  const lines = confirmed
    ? [
        `Bonjour ${row.name},`,
        '',
        `Votre inscription à « ${event.title} » est confirmée.`,
        '',
        `Quand : ${when(event, row.occurrenceStartsAt)}`,
        `Où : ${where(event)}`,
        '',
        `Votre billet (QR code à présenter à l’entrée) : ${ticketUrl(deps.config.publicUrl, manageToken)}`,
        `Vous ne pouvez plus venir ? Libérez votre place : ${cancelUrl(deps.config.publicUrl, manageToken)}`,
        '',
        'L’événement est joint à ce message pour votre agenda (fichier .ics).',
      ]
    : [
        `Bonjour ${row.name},`,
        '',
        `« ${event.title} » est complet : vous êtes sur la liste d’attente, en position ${position ?? '?'}.`,
        'Si une place se libère, elle vous est attribuée automatiquement et vous recevez un message.',
        '',
        `Quand : ${when(event, row.occurrenceStartsAt)}`,
        `Où : ${where(event)}`,
        '',
        `Suivre votre inscription : ${ticketUrl(deps.config.publicUrl, manageToken)}`,
        `Quitter la liste d’attente : ${cancelUrl(deps.config.publicUrl, manageToken)}`,
      ];
  return {
    to: row.email,
    subject: confirmed
      ? `Inscription confirmée : ${titled(event, row)}`
      : `Liste d’attente : ${titled(event, row)}`,
    text: `${lines.join('\n')}\n\n— Maillage\n`,
    attachments: await attachments(deps, event, row, confirmed, ics),
    kind: confirmed ? 'events.registration-confirmed' : 'events.registration-waitlisted',
  };
}

/** The mail telling a waitlisted person that a seat was freed and is now theirs, with fresh personal links. */
export async function sendPromotedMail(
  deps: MailDeps,
  event: RegistrationEvent,
  row: Row,
  manageToken: string,
) {
  const lines = [
    `Bonjour ${row.name},`,
    '',
    `Bonne nouvelle : une place s’est libérée pour « ${event.title} ». Votre inscription est confirmée.`,
    '',
    `Quand : ${when(event, row.occurrenceStartsAt)}`,
    `Où : ${where(event)}`,
    '',
    `Votre billet (QR code à présenter à l’entrée) : ${ticketUrl(deps.config.publicUrl, manageToken)}`,
    `Vous ne pouvez plus venir ? Libérez votre place : ${cancelUrl(deps.config.publicUrl, manageToken)}`,
    '(Ces liens remplacent ceux du message précédent.)',
  ];
  await deps.mailer.send({
    to: row.email,
    subject: `Place confirmée : ${titled(event, row)}`,
    text: `${lines.join('\n')}\n\n— Maillage\n`,
    attachments: await attachments(deps, event, row, true),
    kind: 'events.registration-promoted',
  });
}

/**
 * The mail telling a registrant (confirmed or waitlisted) that the event is cancelled, with the reason when given
 * and the organiser's contact when the event has one. `cancelIcs` is the METHOD:CANCEL calendar file that removes
 * the entry added by the registration mails. Returned, not sent: the caller writes it to the outbox in the
 * cancellation's transaction.
 */
export function eventCancelledMail(
  event: RegistrationEvent,
  row: Row,
  reason: string | null,
  cancelIcs: string,
): MailMessage {
  const contact = [event.contactName, event.contactEmail, event.contactPhone].filter(Boolean).join(' · ');
  const lines = [
    `Bonjour ${row.name},`,
    '',
    event.recurrenceRule
      ? `Nous sommes au regret de vous informer que « ${event.title} » est annulé, à toutes ses dates.`
      : `Nous sommes au regret de vous informer que « ${event.title} » est annulé.`,
    row.status === 'waitlisted'
      ? 'Vous étiez sur la liste d’attente : elle est close, vous n’avez rien à faire.'
      : 'Votre inscription est annulée : vous n’avez rien à faire.',
    '',
    `Date prévue : ${when(event, row.occurrenceStartsAt)}`,
    `Lieu prévu : ${where(event)}`,
    ...(reason ? ['', 'Motif de l’annulation :', reason] : []),
    ...(contact ? ['', `Pour toute question, contactez l’organisateur : ${contact}`] : []),
    '',
    'Le fichier joint (.ics) retire l’événement de votre agenda.',
  ];
  return {
    to: row.email,
    subject: `Événement annulé : ${event.title}`,
    text: `${lines.join('\n')}\n\n— Maillage\n`,
    attachments: [
      {
        filename: 'annulation.ics',
        contentType: 'text/calendar; charset=utf-8; method=CANCEL',
        content: cancelIcs,
      },
    ],
    kind: 'events.registration-event-cancelled',
  };
}
