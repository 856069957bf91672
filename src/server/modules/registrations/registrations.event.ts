import type { Actor, Deps } from '../../context.ts';
import type { Db } from '../../db/client.ts';
import { AppError, conflict, forbidden, notFound } from '../../lib/errors.ts';
import { canEditOrganization, isCoordinatorOf, requireSignedIn } from '../accounts/authz.ts';
import { getEventForRegistration, getEventIcs, getVisibleEvent } from '../events/events.service.ts';

/** What registrations need to know of an event (read through the events module's service). */
export type RegistrationEvent = NonNullable<Awaited<ReturnType<typeof getEventForRegistration>>>;

export async function loadEvent(db: Db, eventId: string): Promise<RegistrationEvent> {
  const event = await getEventForRegistration(db, eventId);
  if (!event) throw notFound('Événement introuvable');
  return event;
}

/** An event the actor may see (a draft only its organisers and coordinators): 404 otherwise, as for an unknown one. */
export async function loadVisibleEvent(
  db: Db,
  actor: Actor | null,
  eventId: string,
): Promise<RegistrationEvent> {
  const event = await getVisibleEvent(db, actor, eventId);
  if (!event) throw notFound('Événement introuvable');
  return event;
}

const loading = new WeakMap<Db, Map<string, Promise<RegistrationEvent>>>();

/**
 * `loadEvent` for sign-ups: simultaneous callers for one event share the query in flight instead of each sending
 * its own (a rush of sign-ups reads the event once per round trip, not once per person). What they get is never
 * older than that one query; the seat itself is decided later, under the event's lock.
 */
export function loadEventShared(db: Db, eventId: string): Promise<RegistrationEvent> {
  let byId = loading.get(db);
  if (!byId) {
    byId = new Map();
    loading.set(db, byId);
  }
  let pending = byId.get(eventId);
  if (!pending) {
    const map = byId;
    pending = loadEvent(db, eventId).finally(() => map.delete(eventId));
    byId.set(eventId, pending);
  }
  return pending;
}

/** The calendar file (RFC 5545) of the date registered for, attached to confirmation mails. */
export const eventIcs = (
  deps: Pick<Deps, 'db' | 'config'>,
  event: RegistrationEvent,
  occurrence: Date,
  movedFrom?: Date,
) => getEventIcs(deps, event.id, occurrence, movedFrom);

export const EVENT_CANCELLED_MESSAGE = 'Cet événement est annulé : les inscriptions sont fermées.';

/** Throws a 409 naming why nobody can register to this event now; returns quietly when registration is open. */
export function assertRegistrationOpen(event: RegistrationEvent, now: Date) {
  if (event.status === 'cancelled') throw conflict(EVENT_CANCELLED_MESSAGE);
  if (event.status !== 'published')
    throw conflict('Cet événement n’est pas publié : inscription impossible.');
  if (event.registrationMode !== 'maillage') {
    throw new AppError(
      'CONFLICT',
      event.registrationMode === 'external'
        ? 'Les inscriptions à cet événement se font sur le site de l’organisateur.'
        : 'Cet événement ne prend pas d’inscription : entrée libre.',
      undefined,
      event.registrationUrl ? { registrationUrl: event.registrationUrl } : undefined,
    );
  }
  const over = event.recurrenceRule
    ? event.lastEndsAt !== null && event.lastEndsAt <= now
    : event.startsAt <= now;
  if (over) throw conflict('Cet événement a déjà eu lieu : les inscriptions sont closes.');
  if (event.registrationClosesAt && event.registrationClosesAt <= now) {
    throw conflict('Les inscriptions à cet événement sont closes.');
  }
}

/**
 * May the actor see and manage the registrants of this event? Platform admins, coordinators of the event's
 * network, and whoever may edit one of its organising organisations (its staff accounts).
 */
export async function canManageRegistrations(
  db: Db,
  actor: Actor | null,
  event: RegistrationEvent,
): Promise<boolean> {
  if (!actor) return false;
  if (actor.isPlatformAdmin) return true;
  if (await isCoordinatorOf(db, actor, event.networkId)) return true;
  for (const organizationId of event.organizerOrganizationIds) {
    if (await canEditOrganization(db, actor, organizationId)) return true;
  }
  return false;
}

export async function requireManageRegistrations(db: Db, actor: Actor | null, event: RegistrationEvent) {
  requireSignedIn(actor);
  if (!(await canManageRegistrations(db, actor, event))) {
    throw forbidden('Réservé aux organisateurs de l’événement et aux coordinateurs du réseau');
  }
}
