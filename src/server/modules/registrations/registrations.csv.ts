import type { Actor } from '../../context.ts';
import type { Db } from '../../db/client.ts';
import { listRegistrants } from './registrations.organizer.ts';

/**
 * CSV as spreadsheets in France open it: UTF-8 with BOM, `;` separators, CRLF. Cells that a spreadsheet would run
 * as a formula (=, +, -, @ first) are prefixed with an apostrophe.
 */
export function toCsv(header: string[], rows: (string | number | null | undefined)[][]): string {
  const cell = (v: string | number | null | undefined) => {
    let s = v === null || v === undefined ? '' : String(v);
    if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
    return /[;"\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
  };
  return `\uFEFF${[header, ...rows].map((r) => r.map(cell).join(';')).join('\r\n')}\r\n`;
}

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

/** Every registrant of an event (all statuses), in arrival order. */
export async function registrantsCsv(db: Db, actor: Actor | null, eventId: string) {
  const { event, items } = await listRegistrants(db, actor, eventId);
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
  return { csv, filename: `inscrits-${slug(event.title)}.csv` };
}

/** Attendance: confirmed registrants with present / absent. */
export async function attendanceCsv(db: Db, actor: Actor | null, eventId: string) {
  const { event, items } = await listRegistrants(db, actor, eventId, { status: 'confirmed' });
  const csv = toCsv(
    ['nom', 'email', 'organisation', 'present', 'arrivee'],
    items.map((r) => [r.name, r.email, r.organization, r.checkedInAt ? 'oui' : 'non', paris(r.checkedInAt)]),
  );
  return { csv, filename: `presences-${slug(event.title)}.csv` };
}

const slug = (s: string) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 60) || 'evenement';
