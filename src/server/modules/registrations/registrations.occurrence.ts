import { invalidInput } from '../../lib/errors.ts';
import { nextOccurrence, occurrenceAt, upcomingOccurrences } from '../events/events.time.ts';
import type { RegistrationEvent } from './registrations.event.ts';

// A person registers for one date of an event: a recurring event's occurrence (the afterwork of 5 February), or
// a one-off event's only date, its start. Seats, waiting list, tickets and check-in are per date.

/** How many upcoming dates of a recurring event the registration panel offers. */
export const OFFERED_DATES = 6;

const formatters = new Map<string, Intl.DateTimeFormat>();
/** French writes the first of a month "1er": "jeudi 1er avril 2027", every other day a plain number. */
const withFirst = (f: Intl.DateTimeFormat, instant: Date) =>
  f
    .formatToParts(instant)
    .map((p) => (p.type === 'day' && p.value === '1' ? '1er' : p.value))
    .join('');

/** "jeudi 5 février 2027 à 18:30" ("1er" on the first), in the event's zone. */
export function frenchDate(instant: Date, timeZone = 'Europe/Paris') {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'full', timeStyle: 'short', timeZone });
    formatters.set(timeZone, f);
  }
  return withFirst(f, instant);
}

/** "jeudi 5 février 2027" ("1er" on the first), in the event's zone. */
export function frenchDay(instant: Date, timeZone = 'Europe/Paris') {
  return withFirst(new Intl.DateTimeFormat('fr-FR', { dateStyle: 'full', timeZone }), instant);
}

/**
 * The date a sign-up is for: for a recurring event, `occurrence` must be one of its real dates, still to come;
 * a one-off event needs none (if given, it must be the event's start). A 400 naming `occurrence` otherwise.
 */
export function resolveOccurrence(event: RegistrationEvent, occurrence: Date | undefined, now: Date): Date {
  if (!event.recurrenceRule) {
    if (occurrence && occurrence.getTime() !== event.startsAt.getTime()) {
      throw invalidInput('Date invalide', {
        occurrence: 'cet événement n’a lieu qu’une fois : pas de date à choisir',
      });
    }
    return event.startsAt;
  }
  if (!occurrence) {
    throw invalidInput('Choisissez une date', {
      occurrence: 'cet événement se répète : choisissez la date à laquelle vous venez',
    });
  }
  const found = occurrenceAt(event, occurrence);
  if (!found) {
    throw invalidInput('Date invalide', {
      occurrence: 'cette date ne fait pas partie des dates de l’événement',
    });
  }
  if (found.startsAt <= now) {
    throw invalidInput('Date passée', {
      occurrence: `cette date est passée (${frenchDate(found.startsAt, event.timezone)}) : choisissez une date à venir`,
    });
  }
  return found.startsAt;
}

/** The date organisers' pages show by default: the next one to come (or running), else the event's start. */
export function defaultOccurrence(event: RegistrationEvent, now: Date): Date {
  if (!event.recurrenceRule) return event.startsAt;
  return nextOccurrence(event, now)?.startsAt ?? event.startsAt;
}

/** The dates offered to sign up for: a one-off event's start, or the next few dates of a recurring one. */
export function offeredDates(event: RegistrationEvent, now: Date) {
  if (!event.recurrenceRule) return [{ startsAt: event.startsAt, endsAt: event.endsAt }];
  return upcomingOccurrences(event, now, OFFERED_DATES);
}

/** A query's `occurrence` for organisers' pages: a real date of the event, else the default one. */
export function pickOccurrence(event: RegistrationEvent, occurrence: Date | undefined, now: Date): Date {
  if (!occurrence) return defaultOccurrence(event, now);
  const found = occurrenceAt(event, occurrence);
  if (!found) {
    throw invalidInput('Date invalide', {
      occurrence: 'cette date ne fait pas partie des dates de l’événement',
    });
  }
  return found.startsAt;
}
