import { and, desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../testing.ts';
import { auditLog } from '../audit/audit.tables.ts';
import { parseLocalDateTime } from '../events/events.time.ts';
import { listOutbox } from '../mail/mail.service.ts';
import { buildAccount, buildEvent, buildNetwork, person } from './registrations.fixtures.ts';
import { registrationCounters, registrations } from './registrations.tables.ts';

// An edit that moves a whole series (another time of day, or shifted by some days): the registrations of a date
// that has a counterpart in the new series move to it (and the person is told, with a calendar entry that updates
// the one they have); only dates without one are cancelled.

let ctx: TestContext;
let networkId: string;
let coordinator: { cookies: Record<string, string> };
let ip = 0;
const nextIp = () => `10.8.${Math.floor(++ip / 250)}.${(ip % 250) + 1}`;
const HOUR = 3600_000;
const DAY = 24 * HOUR;

const register = (eventId: string, body: Record<string, unknown>) =>
  ctx.app.inject({
    method: 'POST',
    url: `/api/events/${eventId}/registrations`,
    payload: body,
    remoteAddress: nextIp(),
  });
const edit = (eventId: string, patch: Record<string, unknown>, preview = false) =>
  ctx.app.inject({
    method: preview ? 'POST' : 'PATCH',
    url: `/api/events/${eventId}${preview ? '/edit-preview' : ''}`,
    payload: patch,
    cookies: coordinator.cookies,
  });
const rowsOf = (eventId: string) =>
  ctx.db.select().from(registrations).where(eq(registrations.eventId, eventId)).orderBy(registrations.seq);
const rowOf = async (eventId: string, n: number) =>
  (await rowsOf(eventId)).find((r) => r.email === `personne${n}@example.org` && r.status !== 'cancelled') ??
  (await rowsOf(eventId)).find((r) => r.email === `personne${n}@example.org`)!;
const mailsOf = async (n: number, kind: string) =>
  (await listOutbox(ctx.db, { to: `personne${n}@example.org` })).filter((m) => m.kind === kind);
const icsOf = (mail: { attachments?: { content: string }[] | null }) =>
  Buffer.from(mail.attachments![0].content, 'base64')
    .toString('utf8')
    .replace(/\r?\n[ \t]/g, '');
const icsValue = (ics: string, name: string) => new RegExp(`^${name}[;:](.*)$`, 'm').exec(ics)?.[1];
const lastAudit = async (eventId: string) =>
  (
    await ctx.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, eventId), eq(auditLog.action, 'event.update')))
      .orderBy(desc(auditLog.at))
      .limit(1)
  )[0];
/** "2027-04-01T18:30" for the wall-clock time in Paris of an instant. */
const parisWall = (d: Date) =>
  d.toLocaleString('sv-SE', { timeZone: 'Europe/Paris' }).slice(0, 16).replace(' ', 'T');
const RESCHEDULED = 'events.registration-rescheduled';
const DATE_CANCELLED = 'events.registration-date-cancelled';

beforeAll(async () => {
  ctx = await createTestApp();
  networkId = (await buildNetwork(ctx.db)).id;
  coordinator = await buildAccount(ctx.db, { coordinatorOf: networkId });
});
afterAll(() => ctx?.close());

describe('a monthly afterwork moved from 18:30 to 19:00', () => {
  it('moves the registrations of each date to the same day at 19:00, cancels only a removed date', async () => {
    // The 10th of a month at 18:30, Paris time, a month or two ahead; four months.
    const ahead = new Date(Date.now() + 40 * DAY);
    const month = `${ahead.getUTCFullYear()}-${String(ahead.getUTCMonth() + 1).padStart(2, '0')}`;
    const first = parseLocalDateTime(`${month}-10T18:30`)!;
    const event = await buildEvent(ctx.db, networkId, {
      title: 'Afterwork du réseau',
      startsAt: first,
      endsAt: new Date(first.getTime() + 2 * HOUR),
      recurrenceRule: 'FREQ=MONTHLY;COUNT=4',
      capacity: 10,
      communeCode: '54395',
    });
    const dates = [0, 1, 2, 3].map((i) => {
      const d = new Date(`${month}-10T12:00:00Z`);
      d.setUTCMonth(d.getUTCMonth() + i);
      return parseLocalDateTime(`${d.toISOString().slice(0, 10)}T18:30`)!;
    });
    for (const [n, i] of [
      [51, 0],
      [52, 0],
      [53, 1],
      [54, 2],
    ]) {
      const res = await register(event.id, person(n, { occurrence: dates[i].toISOString() }));
      expect(res.statusCode, `personne${n}`).toBe(201);
    }
    const confirmationUid = icsValue(icsOf((await mailsOf(53, 'events.registration-confirmed'))[0]), 'UID');

    // The same edit moves the time and removes the third date.
    const third = dates[2].toISOString().slice(0, 10);
    const patch = {
      start: `${month}-10T19:00`,
      end: `${month}-10T21:00`,
      recurrenceExceptions: [third],
    };
    const preview = await edit(event.id, patch, true);
    expect(preview.statusCode).toBe(200);
    expect(preview.json()).toMatchObject({
      moved: 3,
      movedToWaitlist: 0,
      cancelled: 1,
      cancelledDates: [{ startsAt: dates[2].toISOString(), confirmed: 1, waitlisted: 0 }],
    });
    expect((await rowOf(event.id, 51)).occurrenceStartsAt).toEqual(dates[0]);

    expect((await edit(event.id, patch)).statusCode).toBe(200);
    for (const [n, i] of [
      [51, 0],
      [52, 0],
      [53, 1],
    ]) {
      const row = await rowOf(event.id, n);
      expect(row.status, `personne${n}`).toBe('confirmed');
      expect(parisWall(row.occurrenceStartsAt)).toBe(`${dates[i].toISOString().slice(0, 10)}T19:00`);
      const mails = await mailsOf(n, RESCHEDULED);
      expect(mails, `personne${n}`).toHaveLength(1);
      expect(mails[0].text).toMatch(/Nouvelle date : .* à 19:00 \(heure de Paris\)/);
      expect(mails[0].text).toMatch(/Au lieu de : .* à 18:30/);
      const ics = icsOf(mails[0]);
      expect(ics).toContain(
        `DTSTART;TZID=Europe/Paris:${dates[i].toISOString().slice(0, 10).replaceAll('-', '')}T190000`,
      );
      expect(await mailsOf(n, DATE_CANCELLED)).toEqual([]);
    }
    expect(await rowOf(event.id, 54)).toMatchObject({ status: 'cancelled', cancelReason: 'date_removed' });
    expect(await mailsOf(54, DATE_CANCELLED)).toHaveLength(1);
    expect(await mailsOf(54, RESCHEDULED)).toEqual([]);

    // The calendar entry the person has is updated, not doubled: same UID, a higher SEQUENCE (RFC 5545).
    const ics = icsOf((await mailsOf(53, RESCHEDULED))[0]);
    expect(icsValue(ics, 'UID')).toBe(confirmationUid);
    expect(Number(icsValue(ics, 'SEQUENCE'))).toBeGreaterThan(0);

    // The counts follow: the new dates hold them, the old ones none.
    const counters = await ctx.db
      .select()
      .from(registrationCounters)
      .where(eq(registrationCounters.eventId, event.id));
    const at = (d: Date) => counters.find((c) => c.occurrenceStartsAt.getTime() === d.getTime());
    const at19 = (i: number) => new Date(dates[i].getTime() + HOUR / 2);
    expect(at(at19(0))).toMatchObject({ confirmed: 2, waitlisted: 0, lastSeq: 2 });
    expect(at(at19(1))).toMatchObject({ confirmed: 1 });
    expect(at(dates[0])?.confirmed ?? 0).toBe(0);
    expect((await lastAudit(event.id)).after).toMatchObject({
      registrations: { moved: 3, movedToWaitlist: 0, cancelled: 1 },
    });

    // Moved again (19:00 → 19:30): the entry's SEQUENCE grows again.
    await edit(event.id, { start: `${month}-10T19:30`, end: `${month}-10T21:30` });
    const again = await mailsOf(53, RESCHEDULED);
    expect(again).toHaveLength(2);
    const [seq1, seq2] = again.map((m) => Number(icsValue(icsOf(m), 'SEQUENCE'))).sort((a, b) => a - b);
    expect(seq2).toBeGreaterThan(seq1);
  });
});

/** A weekly event: 6 dates, the first in two days at 18:00 UTC, one seat per date. */
async function weekly() {
  const first = new Date(Math.floor((Date.now() + 2 * DAY) / DAY) * DAY + 18 * HOUR);
  return buildEvent(ctx.db, networkId, {
    title: 'Petit-déjeuner du club',
    startsAt: first,
    endsAt: new Date(first.getTime() + 2 * HOUR),
    recurrenceRule: 'FREQ=WEEKLY;COUNT=6',
    capacity: 1,
    communeCode: '54395',
  });
}

describe('a weekly series shifted by one week', () => {
  it('keeps the dates that still exist, moves the first by a week, over capacity onto the waiting list', async () => {
    const event = await weekly();
    const d = Array.from({ length: 7 }, (_, i) => new Date(event.startsAt.getTime() + i * 7 * DAY));
    for (const [n, i] of [
      [61, 0],
      [62, 0],
      [63, 1],
      [64, 5],
    ]) {
      expect((await register(event.id, person(n, { occurrence: d[i].toISOString() }))).statusCode).toBe(201);
    }
    expect((await rowOf(event.id, 62)).status).toBe('waitlisted');

    const patch = { start: parisWall(d[1]), end: parisWall(new Date(d[1].getTime() + 2 * HOUR)) };
    const preview = await edit(event.id, patch, true);
    expect(preview.json()).toMatchObject({ moved: 2, movedToWaitlist: 1, cancelled: 0, cancelledDates: [] });

    expect((await edit(event.id, patch)).statusCode).toBe(200);
    // The second date still exists: its registrant keeps the seat and hears nothing.
    expect(await rowOf(event.id, 63)).toMatchObject({ status: 'confirmed', occurrenceStartsAt: d[1] });
    expect(await mailsOf(63, RESCHEDULED)).toEqual([]);
    expect(await rowOf(event.id, 64)).toMatchObject({ status: 'confirmed', occurrenceStartsAt: d[5] });
    // The first date's people move a week on, behind the seat already taken, in their order.
    const moved = (await rowsOf(event.id)).filter((r) => r.occurrenceStartsAt.getTime() === d[1].getTime());
    expect(moved.map((r) => [r.email, r.status])).toEqual([
      ['personne63@example.org', 'confirmed'],
      ['personne61@example.org', 'waitlisted'],
      ['personne62@example.org', 'waitlisted'],
    ]);
    const told = await mailsOf(61, RESCHEDULED);
    expect(told).toHaveLength(1);
    expect(told[0].text).toContain('liste d’attente');
    expect(await mailsOf(62, RESCHEDULED)).toHaveLength(1);
    for (const n of [61, 62]) expect(await mailsOf(n, DATE_CANCELLED)).toEqual([]);
    expect((await lastAudit(event.id)).after).toMatchObject({
      registrations: { moved: 2, movedToWaitlist: 1, cancelled: 0 },
    });

    // The date's counts hold everyone: one seat taken, two waiting, in that order (seq 1–3).
    const counter = (
      await ctx.db.select().from(registrationCounters).where(eq(registrationCounters.eventId, event.id))
    ).find((c) => c.occurrenceStartsAt.getTime() === d[1].getTime());
    expect(counter).toMatchObject({ confirmed: 1, waitlisted: 2, lastSeq: 3 });
  });

  it('cancels, as before, the dates of a rule whose change has no counterpart', async () => {
    const event = await weekly();
    const d1 = new Date(event.startsAt.getTime() + 7 * DAY);
    await register(event.id, person(71, { occurrence: d1.toISOString() }));
    // Every other week from the same start: the second date has no counterpart (no same day, no uniform shift).
    const preview = await edit(event.id, { recurrenceRule: 'FREQ=WEEKLY;INTERVAL=2;COUNT=3' }, true);
    expect(preview.json()).toMatchObject({ moved: 0, cancelled: 1 });
  });
});

describe('a one-off event moved twice', () => {
  it('sends a calendar entry whose SEQUENCE grows with each move', async () => {
    const event = await buildEvent(ctx.db, networkId, { communeCode: '54395' });
    await register(event.id, person(81));
    for (const days of [1, 2]) {
      const later = new Date(Math.floor((event.startsAt.getTime() + days * DAY) / 60_000) * 60_000);
      await edit(event.id, { start: parisWall(later), end: parisWall(new Date(later.getTime() + HOUR)) });
    }
    const seqs = (await mailsOf(81, RESCHEDULED)).map((m) => Number(icsValue(icsOf(m), 'SEQUENCE') ?? 0));
    expect(seqs.sort()).toEqual([1, 2]);
  });
});
