import type { Actor } from '../../context.ts';
import type { Db } from '../../db/client.ts';
import { toCsv } from '../../lib/csv.ts';
import { listRegistrants } from './registrations.organizer.ts';

const paris = (d: Date | null) =>
  d
    ? new Intl.DateTimeFormat('sv-SE', {
        timeZone: 'Europe/Paris',
        dateStyle: 'short',
        timeStyle: 'medium',
      }).format(d)
    : '';

const statusLabel: Record<string, string> = {
  confirmed: 'confirmée',
  waitlisted: 'liste d’attente',
  cancelled: 'annulée',
};

const day = (d: Date) =>
  new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Paris', dateStyle: 'short' }).format(d);
/** The file name's part naming the date, for a recurring event's date (its registrants are per date). */
const dated = (event: { recurring: boolean }, occurrence: Date) =>
  event.recurring ? `-${day(occurrence)}` : '';

/** Every registrant of one date of an event (all statuses), in arrival order. */
export async function registrantsCsv(db: Db, actor: Actor | null, eventId: string, occurrence?: Date) {
  const { event, items, occurrence: date } = await listRegistrants(db, actor, eventId, { occurrence });
  const csv = toCsv(
    [
      'ordre',
      'statut',
      'position_attente',
      'nom',
      'email',
      'organisation',
      'besoins_accessibilite',
      'inscrit_le',
      'promu_le',
      'annule_le',
      'present_le',
    ],
    items.map((r) => [
      r.seq,
      r.cancelReason === 'event_cancelled'
        ? 'annulée (événement annulé)'
        : r.cancelReason === 'date_removed'
          ? 'annulée (date supprimée)'
          : (statusLabel[r.status] ?? r.status),
      r.position,
      r.name,
      r.email,
      r.organization,
      r.accessibilityNeeds,
      paris(r.createdAt),
      paris(r.promotedAt),
      paris(r.cancelledAt),
      paris(r.checkedInAt),
    ]),
  );
  return { csv, filename: `inscrits-${slug(event.title)}${dated(event, date)}.csv` };
}

/** Attendance of one date: confirmed registrants with present / absent. */
export async function attendanceCsv(db: Db, actor: Actor | null, eventId: string, occurrence?: Date) {
  const {
    event,
    items,
    occurrence: date,
  } = await listRegistrants(db, actor, eventId, { status: 'confirmed', occurrence });
  const csv = toCsv(
    ['nom', 'email', 'organisation', 'present', 'arrivee'],
    items.map((r) => [r.name, r.email, r.organization, r.checkedInAt ? 'oui' : 'non', paris(r.checkedInAt)]),
  );
  return { csv, filename: `presences-${slug(event.title)}${dated(event, date)}.csv` };
}

const slug = (s: string) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 60) || 'evenement';
