import { and, desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../testing.ts';
import { auditLog } from '../audit/audit.tables.ts';
import { events } from '../events/events.tables.ts';
import { listOutbox } from '../mail/mail.service.ts';
import { writeSignUp } from './registrations.batch.ts';
import { loadEvent } from './registrations.event.ts';
import {
  buildAccount,
  buildEvent,
  buildNetwork,
  buildOrganization,
  person,
} from './registrations.fixtures.ts';
import { frenchDay } from './registrations.occurrence.ts';
import { registrationCounters, registrations } from './registrations.tables.ts';

// An edit of an event's dates: a one-off event's registrations follow its new start, and the registrations of a
// date removed from a series are cancelled, each person told once, in the edit's transaction.

let ctx: TestContext;
let networkId: string;
let coordinator: { cookies: Record<string, string> };
let ip = 0;
const nextIp = () => `10.7.${Math.floor(++ip / 250)}.${(ip % 250) + 1}`;
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
const countersOf = (eventId: string) =>
  ctx.db.select().from(registrationCounters).where(eq(registrationCounters.eventId, eventId));
const mailsOf = async (email: string, kind: string) =>
  (await listOutbox(ctx.db, { to: email })).filter((m) => m.kind === kind);
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

beforeAll(async () => {
  ctx = await createTestApp();
  networkId = (await buildNetwork(ctx.db)).id;
  coordinator = await buildAccount(ctx.db, { coordinatorOf: networkId });
});
afterAll(() => ctx?.close());

describe('a one-off event whose start moves', () => {
  it('moves its registrations and counters to the new start and tells each live registrant once', async () => {
    const event = await buildEvent(ctx.db, networkId, {
      title: 'Atelier compta',
      capacity: 2,
      communeCode: '54395',
    });
    for (const n of [1, 2, 3, 4]) expect((await register(event.id, person(n))).statusCode).toBe(201);
    // Personne 4 leaves: a cancelled registration is not told.
    const four = (await rowsOf(event.id)).find((r) => r.email === 'personne4@example.org')!;
    await ctx.db.update(registrations).set({ status: 'cancelled' }).where(eq(registrations.id, four.id));

    // The first of a month at 18:30, Paris time, about two months ahead.
    const ahead = new Date(Date.now() + 60 * DAY);
    const day = `${ahead.getUTCFullYear()}-${String(ahead.getUTCMonth() + 1).padStart(2, '0')}-01`;
    const preview = await edit(event.id, { start: `${day}T18:30`, end: `${day}T20:30` }, true);
    expect(preview.statusCode).toBe(200);
    expect(preview.json()).toMatchObject({ moved: 3, cancelled: 0, afterModeration: false });
    expect(
      (await rowsOf(event.id)).every((r) => r.occurrenceStartsAt.getTime() === event.startsAt.getTime()),
    ).toBe(true);

    const res = await edit(event.id, { start: `${day}T18:30`, end: `${day}T20:30` });
    expect(res.statusCode).toBe(200);
    const [moved] = await ctx.db.select().from(events).where(eq(events.id, event.id));
    expect(parisWall(moved.startsAt)).toBe(`${day}T18:30`);
    const rows = await rowsOf(event.id);
    expect(rows.map((r) => r.occurrenceStartsAt.toISOString())).toEqual(
      Array(4).fill(moved.startsAt.toISOString()),
    );
    expect(rows.map((r) => [r.seq, r.status])).toEqual([
      [1, 'confirmed'],
      [2, 'confirmed'],
      [3, 'waitlisted'],
      [4, 'cancelled'],
    ]);
    expect(await countersOf(event.id)).toEqual([
      expect.objectContaining({
        occurrenceStartsAt: moved.startsAt,
        lastSeq: 4,
        confirmed: 2,
        waitlisted: 1,
      }),
    ]);
    expect((await lastAudit(event.id)).after).toMatchObject({ registrations: { moved: 3, cancelled: 0 } });

    // One mail each, in French, with the new date ("1er"), the Paris time and the updated calendar file.
    const month = new Intl.DateTimeFormat('fr-FR', { month: 'long', timeZone: 'Europe/Paris' }).format(
      moved.startsAt,
    );
    for (const n of [1, 2, 3]) {
      const mails = await mailsOf(`personne${n}@example.org`, 'events.registration-rescheduled');
      expect(mails, `personne${n}`).toHaveLength(1);
      expect(mails[0].subject).toBe('Nouvelle date : Atelier compta');
      expect(mails[0].text).toContain(`Nouvelle date : `);
      expect(mails[0].text).toMatch(
        new RegExp(`Nouvelle date : \\S+ 1er ${month} \\d{4} à 18:30 \\(heure de Paris\\)`),
      );
      const ics = Buffer.from(mails[0].attachments![0].content, 'base64').toString('utf8');
      expect(ics).toContain(`DTSTART;TZID=Europe/Paris:${day.replaceAll('-', '')}T183000`);
    }
    expect((await mailsOf('personne3@example.org', 'events.registration-rescheduled'))[0].text).toContain(
      'liste d’attente',
    );
    expect(await mailsOf('personne4@example.org', 'events.registration-rescheduled')).toEqual([]);

    // The date's lists and seats are those of the new start: the next sign-up waits behind personne 3.
    const next = await register(event.id, person(5));
    expect(next.json()).toMatchObject({ status: 'waitlisted', position: 2 });
    expect(new Date(next.json().occurrenceStartsAt)).toEqual(moved.startsAt);
    const list = await ctx.app.inject({
      url: `/api/events/${event.id}/registrations?occurrence=${moved.startsAt.toISOString()}`,
      cookies: coordinator.cookies,
    });
    expect(list.statusCode).toBe(200);
    expect(JSON.stringify(list.json())).toContain('personne1@example.org');

    // An edit of the text alone moves nothing and tells nobody again.
    await edit(event.id, { summary: 'Nouveau résumé' });
    expect(await mailsOf('personne1@example.org', 'events.registration-rescheduled')).toHaveLength(1);
  });
});

describe('a sign-up racing an edit', () => {
  it('writes nothing for a date the edit moved away while the sign-up waited for the event', async () => {
    const event = await buildEvent(ctx.db, networkId, { communeCode: '54395' });
    // What a sign-up read before the edit committed (it then waits on the event's lock).
    const stale = await loadEvent(ctx.db, event.id);
    const later = new Date(Math.floor((event.startsAt.getTime() + DAY) / 60_000) * 60_000);
    await edit(event.id, { start: parisWall(later), end: parisWall(new Date(later.getTime() + HOUR)) });
    const written = await writeSignUp(ctx.deps, stale, stale.startsAt, {
      name: 'En retard',
      email: 'retard@example.org',
      organization: null,
      accessibilityNeeds: null,
      manageToken: 'jeton-de-test-assez-long-pour-un-hash',
      consentAt: new Date(),
    });
    expect(written).toEqual({ kind: 'moved' });
    expect(await rowsOf(event.id)).toEqual([]);
  });
});

describe('an edit waiting for moderation', () => {
  it('moves nothing until a coordinator publishes it, then moves and tells', async () => {
    const org = await buildOrganization(ctx.db);
    const organiser = await buildAccount(ctx.db, { editorOf: org.id });
    const event = await buildEvent(ctx.db, networkId, {
      communeCode: '54395',
      organizerOrganizationIds: [org.id],
      notifyEmail: organiser.account.email,
    });
    await register(event.id, person(31));
    const later = new Date(Math.floor((event.startsAt.getTime() + 7 * DAY) / 60_000) * 60_000);
    const patch = { start: parisWall(later), end: parisWall(new Date(later.getTime() + 2 * HOUR)) };
    const asOrganiser = (preview: boolean) =>
      ctx.app.inject({
        method: preview ? 'POST' : 'PATCH',
        url: `/api/events/${event.id}${preview ? '/edit-preview' : ''}`,
        payload: patch,
        cookies: organiser.cookies,
      });
    expect((await asOrganiser(true)).json()).toMatchObject({ moved: 1, afterModeration: true });
    expect((await asOrganiser(false)).statusCode).toBe(200);
    expect((await rowsOf(event.id))[0].occurrenceStartsAt).toEqual(event.startsAt);
    expect(await mailsOf('personne31@example.org', 'events.registration-rescheduled')).toEqual([]);

    const published = await ctx.app.inject({
      method: 'POST',
      url: `/api/events/${event.id}/publish`,
      payload: {},
      cookies: coordinator.cookies,
    });
    expect(published.statusCode).toBe(200);
    expect((await rowsOf(event.id))[0].occurrenceStartsAt).toEqual(later);
    expect(await mailsOf('personne31@example.org', 'events.registration-rescheduled')).toHaveLength(1);
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

describe('dates removed from a series', () => {
  it('cancels the registrations of each removed date, frees its counts and tells each person once', async () => {
    const event = await weekly();
    const d = Array.from({ length: 6 }, (_, i) => new Date(event.startsAt.getTime() + i * 7 * DAY));
    const signUps: [number, Date][] = [
      [11, d[1]],
      [12, d[1]],
      [13, d[2]],
      [14, d[3]],
      [15, d[5]],
    ];
    const tokens = new Map<number, string>();
    for (const [n, date] of signUps) {
      const res = await register(event.id, person(n, { occurrence: date.toISOString() }));
      expect(res.statusCode).toBe(201);
      tokens.set(n, res.json().manageToken);
    }
    const status = async (n: number) =>
      (await rowsOf(event.id)).find((r) => r.email === `personne${n}@example.org`)!;
    const told = (n: number) => mailsOf(`personne${n}@example.org`, 'events.registration-date-cancelled');
    const counter = async (date: Date) =>
      (await countersOf(event.id)).find((c) => c.occurrenceStartsAt.getTime() === date.getTime());

    // An excepted day: the form asks first, and nothing changes until the edit is saved.
    const exception = { recurrenceExceptions: [d[1].toISOString().slice(0, 10)] };
    const preview = await edit(event.id, exception, true);
    expect(preview.json()).toMatchObject({
      moved: 0,
      cancelled: 2,
      cancelledDates: [{ startsAt: d[1].toISOString(), confirmed: 1, waitlisted: 1 }],
    });
    expect((await status(11)).status).toBe('confirmed');
    expect((await edit(event.id, exception)).statusCode).toBe(200);
    for (const n of [11, 12]) {
      expect(await status(n)).toMatchObject({ status: 'cancelled', cancelReason: 'date_removed' });
      const mails = await told(n);
      expect(mails).toHaveLength(1);
      expect(mails[0].subject).toBe(`Date annulée : Petit-déjeuner du club — ${frenchDay(d[1])}`);
      expect(mails[0].text).toContain(`L’organisateur a annulé la date du ${frenchDay(d[1])}`);
      expect(mails[0].text).toContain(`/agenda/evenements/${event.id}`);
      const ics = Buffer.from(mails[0].attachments![0].content, 'base64').toString('utf8');
      expect(ics).toContain('METHOD:CANCEL');
    }
    expect((await told(12))[0].text).toContain('liste d’attente');
    // The ticket page says why, and the personal cancel link has nothing left to do.
    const ticket = await ctx.app.inject(`/api/registrations/ticket/${tokens.get(11)}`);
    expect(ticket.json()).toMatchObject({ status: 'cancelled', cancelReason: 'date_removed' });
    expect(await counter(d[1])).toMatchObject({ confirmed: 0, waitlisted: 0 });
    expect((await lastAudit(event.id)).after).toMatchObject({ registrations: { moved: 0, cancelled: 2 } });
    expect((await status(13)).status).toBe('confirmed');

    // The count reduced: the sixth date goes.
    expect((await edit(event.id, { recurrenceRule: 'FREQ=WEEKLY;COUNT=5' }, true)).json().cancelled).toBe(1);
    await edit(event.id, { recurrenceRule: 'FREQ=WEEKLY;COUNT=5' });
    expect((await status(15)).status).toBe('cancelled');
    expect(await told(15)).toHaveLength(1);
    expect(await counter(d[5])).toMatchObject({ confirmed: 0 });

    // The end brought forward: the fourth date goes, the third stays.
    const until = `${d[2].toISOString().slice(0, 10).replaceAll('-', '')}T235959Z`;
    await edit(event.id, { recurrenceRule: `FREQ=WEEKLY;UNTIL=${until}` });
    expect((await status(14)).status).toBe('cancelled');
    expect((await status(13)).status).toBe('confirmed');

    // Another rule: the third date is no longer one of the event's.
    await edit(event.id, { recurrenceRule: 'FREQ=MONTHLY;COUNT=3' });
    expect((await status(13)).status).toBe('cancelled');
    for (const n of [11, 12, 13, 14, 15]) expect(await told(n), `personne${n}`).toHaveLength(1);
    // Nobody else was cancelled, and nobody was told of a new date.
    expect(await mailsOf('personne13@example.org', 'events.registration-rescheduled')).toEqual([]);
  });

  it('is refused to whoever may not edit the event, preview included', async () => {
    const event = await weekly();
    const other = await buildAccount(ctx.db, { coordinatorOf: (await buildNetwork(ctx.db)).id });
    const res = await ctx.app.inject({
      method: 'POST',
      url: `/api/events/${event.id}/edit-preview`,
      payload: { recurrenceRule: 'FREQ=WEEKLY;COUNT=1' },
      cookies: other.cookies,
    });
    expect(res.statusCode).toBe(403);
    const anonymous = await ctx.app.inject({
      method: 'POST',
      url: `/api/events/${event.id}/edit-preview`,
      payload: {},
    });
    expect(anonymous.statusCode).toBe(401);
  });
});
