import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/client.ts';
import { createTestApp, type TestContext } from '../../testing.ts';
import { events } from '../events/events.tables.ts';
import { listOutbox } from '../mail/mail.service.ts';
import { cancelRegistrationsOfEvent } from './registrations.event-cancelled.ts';
import { buildAccount, buildEvent, buildNetwork, person } from './registrations.fixtures.ts';
import { frenchDay } from './registrations.occurrence.ts';
import { promoteWaitlist } from './registrations.service.ts';
import { registrationCounters, registrations } from './registrations.tables.ts';

// A recurring event (the club's weekly breakfast, the monthly afterwork) takes registrations per date: seats,
// waiting list, promotion, tickets, check-in and exports are those of the date chosen.

let ctx: TestContext;
let networkId: string;
let ip = 0;
const nextIp = () => `10.1.${Math.floor(++ip / 250)}.${(ip % 250) + 1}`;
const HOUR = 3600_000;
const DAY = 24 * HOUR;

const register = (eventId: string, body: Record<string, unknown>) =>
  ctx.app.inject({
    method: 'POST',
    url: `/api/events/${eventId}/registrations`,
    payload: body,
    remoteAddress: nextIp(),
  });

/** A weekly event (6 dates, the first in two days at 18:00 UTC) with `capacity` seats per date. */
async function weekly(capacity: number, overrides: Partial<typeof events.$inferInsert> = {}) {
  const first = new Date(Math.floor((Date.now() + 2 * DAY) / DAY) * DAY + 18 * HOUR);
  return buildEvent(ctx.db, networkId, {
    title: 'Petit-déjeuner du club',
    startsAt: first,
    endsAt: new Date(first.getTime() + 2 * HOUR),
    recurrenceRule: 'FREQ=WEEKLY;COUNT=6',
    capacity,
    ...overrides,
  });
}

/** "jeudi 5 février 2027", in Paris. */
/** The day as mails write it ("1er" on the first of a month: registrations.dates.test.ts checks that rule). */
const frDay = (iso: string) => frenchDay(new Date(iso));

/** The dates offered by the public summary (ISO strings), with their figures. */
async function dates(eventId: string) {
  const res = await ctx.app.inject(`/api/events/${eventId}/registrations/summary`);
  expect(res.statusCode).toBe(200);
  return res.json().occurrences as {
    startsAt: string;
    confirmed: number;
    waitlisted: number;
    seatsLeft: number;
  }[];
}

beforeAll(async () => {
  ctx = await createTestApp();
  networkId = (await buildNetwork(ctx.db)).id;
});
afterAll(() => ctx?.close());

describe('registering for one date of a recurring event', () => {
  it('keeps capacity and waiting list per date, under simultaneous sign-ups to two dates', async () => {
    const event = await weekly(4);
    const [a, b] = (await dates(event.id)).map((d) => d.startsAt);
    // The same 15 people try both dates at once: 30 simultaneous requests.
    const answers = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        register(event.id, person(i % 15, { occurrence: i < 15 ? a : b })),
      ),
    );
    expect(answers.map((r) => r.statusCode)).toEqual(Array(30).fill(201));
    for (const [date, slice] of [
      [a, answers.slice(0, 15)],
      [b, answers.slice(15)],
    ] as const) {
      const bodies = slice.map((r) => r.json());
      expect(bodies.every((x) => x.occurrenceStartsAt === date)).toBe(true);
      expect(bodies.filter((x) => x.status === 'confirmed')).toHaveLength(4);
      const positions = bodies.filter((x) => x.status === 'waitlisted').map((x) => x.position);
      expect([...positions].sort((x, y) => x - y)).toEqual(Array.from({ length: 11 }, (_, i) => i + 1));
      const [counter] = await ctx.db
        .select()
        .from(registrationCounters)
        .where(
          and(
            eq(registrationCounters.eventId, event.id),
            eq(registrationCounters.occurrenceStartsAt, new Date(date)),
          ),
        );
      expect(counter).toMatchObject({ lastSeq: 15, confirmed: 4, waitlisted: 11 });
    }
    const offered = await dates(event.id);
    expect(offered.slice(0, 3).map((d) => [d.confirmed, d.waitlisted, d.seatsLeft])).toEqual([
      [4, 11, 0],
      [4, 11, 0],
      [0, 0, 4],
    ]);
    // Registering again for a date gives back that date's registration.
    const again = await register(event.id, person(0, { occurrence: a }));
    expect(again.statusCode).toBe(200);
    expect(again.json().id).toBe(answers[0].json().id);
  });

  it('refuses, in French and naming the field, a date that is not one of the event’s', async () => {
    const event = await weekly(10);
    const [a] = (await dates(event.id)).map((d) => d.startsAt);
    const refused = async (occurrence: unknown, expected: RegExp) => {
      const res = await register(event.id, person(1, occurrence === undefined ? {} : { occurrence }));
      expect(res.statusCode).toBe(400);
      expect(res.json().error.fields.occurrence).toMatch(expected);
    };
    await refused(undefined, /choisissez la date/);
    await refused(new Date(new Date(a).getTime() + HOUR).toISOString(), /ne fait pas partie des dates/);
    await refused('jeudi prochain', /instant ISO/);
    // After the series' last date (COUNT=6): no seventh week.
    await refused(
      new Date(new Date(a).getTime() + 6 * 7 * DAY).toISOString(),
      /ne fait pas partie des dates/,
    );
    // A date already past (the series started two weeks ago).
    const started = new Date(Math.floor((Date.now() - 14 * DAY) / DAY) * DAY + 18 * HOUR);
    const old = await weekly(10, { startsAt: started, endsAt: new Date(started.getTime() + 2 * HOUR) });
    const past = await register(old.id, person(2, { occurrence: started.toISOString() }));
    expect(past.statusCode).toBe(400);
    expect(past.json().error.fields.occurrence).toContain(
      `cette date est passée (${frDay(started.toISOString())}`,
    );
    // The future dates of that series are offered, and taken.
    const next = (await dates(old.id))[0].startsAt;
    expect(new Date(next).getTime()).toBeGreaterThan(Date.now());
    expect((await register(old.id, person(2, { occurrence: next }))).statusCode).toBe(201);
    // A one-off event needs no date, and takes none other than its start.
    const once = await buildEvent(ctx.db, networkId);
    expect((await register(once.id, person(3))).json().occurrenceStartsAt).toBe(once.startsAt.toISOString());
    const wrong = await register(once.id, person(4, { occurrence: a }));
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.fields.occurrence).toMatch(/qu’une fois/);
  });

  it('gives a freed seat to the first person waiting for the same date, not another date', async () => {
    const event = await weekly(1);
    const [a, b] = (await dates(event.id)).map((d) => d.startsAt);
    const alice = (await register(event.id, person(11, { occurrence: a }))).json();
    const bruno = (await register(event.id, person(12, { occurrence: a }))).json();
    const chloe = (await register(event.id, person(13, { occurrence: b }))).json();
    const david = (await register(event.id, person(14, { occurrence: b }))).json();
    expect([alice, bruno, chloe, david].map((x) => x.status)).toEqual([
      'confirmed',
      'waitlisted',
      'confirmed',
      'waitlisted',
    ]);
    const cancel = await ctx.app.inject({
      method: 'POST',
      url: `/api/registrations/ticket/${alice.manageToken}/cancel`,
    });
    expect(cancel.json()).toMatchObject({ promoted: 1 });
    const status = async (id: string) =>
      (await ctx.db.select().from(registrations).where(eq(registrations.id, id)))[0].status;
    expect(await status(bruno.id)).toBe('confirmed');
    expect(await status(david.id)).toBe('waitlisted');
    const told = (await listOutbox(ctx.db, { to: 'personne12@example.org' })).find(
      (m) => m.kind === 'events.registration-promoted',
    )!;
    expect(told.text).toContain(`Quand : ${frDay(a)}`);

    // Raising the capacity promotes the waiting list of every date.
    await ctx.db.update(events).set({ capacity: 2 }).where(eq(events.id, event.id));
    expect(await promoteWaitlist(ctx.deps, event.id)).toBe(1);
    expect(await status(david.id)).toBe('confirmed');
  });

  it('mails, shows and checks in the ticket of the date registered for', async () => {
    const event = await weekly(5);
    const [a, b] = (await dates(event.id)).map((d) => d.startsAt);
    const res = await register(event.id, person(21, { email: 'date@example.org', occurrence: b }));
    const { manageToken } = res.json();
    const [mail] = await listOutbox(ctx.db, { to: 'date@example.org' });
    const day = frDay(b);
    expect(mail.text).toContain(`Quand : ${day}`);
    expect(mail.subject).toBe(`Inscription confirmée : Petit-déjeuner du club — ${day}`);
    const ics = Buffer.from(mail.attachments![0].content, 'base64').toString('utf8');
    // That single date, not the series.
    expect(ics.slice(ics.indexOf('BEGIN:VEVENT'))).not.toContain('RRULE');
    const wall = new Date(b).toLocaleString('sv-SE', { timeZone: 'Europe/Paris' }).replace(/[-: ]/g, '');
    expect(ics).toMatch(new RegExp(`DTSTART;TZID=Europe/Paris:${wall.slice(0, 8)}T${wall.slice(8, 12)}`));

    const ticket = (await ctx.app.inject(`/api/registrations/ticket/${manageToken}`)).json();
    expect(ticket.occurrence.startsAt).toBe(b);
    const organiser = await buildAccount(ctx.db, { coordinatorOf: networkId });
    const checkIn = (occurrence?: string) =>
      ctx.app.inject({
        method: 'POST',
        url: `/api/events/${event.id}/check-in`,
        payload: { token: ticket.checkinToken, ...(occurrence ? { occurrence } : {}) },
        cookies: organiser.cookies,
      });
    // At the first date (the default: the next one), the ticket of the second is refused, naming its date.
    for (const wrong of [await checkIn(), await checkIn(a)]) {
      expect(wrong.statusCode).toBe(409);
      expect(wrong.json().error.message).toContain(`est pour le ${day}`);
    }
    expect((await checkIn(b)).statusCode).toBe(200);

    // The organiser's list and exports are per date: the first date's does not show this person.
    const list = (occurrence: string) =>
      ctx.app.inject({
        url: `/api/events/${event.id}/registrations?occurrence=${encodeURIComponent(occurrence)}`,
        cookies: organiser.cookies,
      });
    expect((await list(a)).json().items).toEqual([]);
    const second = (await list(b)).json();
    expect(second.items.map((r: { email: string }) => r.email)).toEqual(['date@example.org']);
    expect(second.counts).toEqual({ confirmed: 1, waitlisted: 0, cancelled: 0, checkedIn: 1 });
    expect(second.occurrences.slice(0, 2).map((d: { confirmed: number }) => d.confirmed)).toEqual([0, 1]);
    const csv = await ctx.app.inject({
      url: `/api/events/${event.id}/attendance.csv?occurrence=${encodeURIComponent(b)}`,
      cookies: organiser.cookies,
    });
    expect(csv.body).toContain('date@example.org');
    expect(csv.headers['content-disposition']).toContain(`-${b.slice(0, 10)}.csv`);
    const bad = await list('2020-01-01T00:00:00.000Z');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields.occurrence).toMatch(/ne fait pas partie/);
  });

  it('has seats in the listing while its next date has, whatever the later dates', async () => {
    const event = await weekly(1);
    const [a, b] = (await dates(event.id)).map((d) => d.startsAt);
    const listed = async () =>
      (await ctx.app.inject('/api/events?pageSize=500&hasSeats=true'))
        .json()
        .items.filter((e: { id: string }) => e.id === event.id);
    await register(event.id, person(31, { occurrence: b }));
    expect((await listed()).length).toBeGreaterThan(0);
    await register(event.id, person(32, { occurrence: a }));
    expect(await listed()).toEqual([]);
  });
});

describe('Mes événements', () => {
  it('lists the signed-in person’s own registrations with the next date of each, to them only', async () => {
    const event = await weekly(5);
    const [, second, third] = (await dates(event.id)).map((d) => d.startsAt);
    const me = await buildAccount(ctx.db);
    const stranger = await buildAccount(ctx.db);
    for (const occurrence of [third, second]) {
      expect((await register(event.id, person(61, { email: me.account.email, occurrence }))).statusCode).toBe(
        201,
      );
    }
    const mine = async (who: { cookies: Record<string, string> }) =>
      (await ctx.app.inject({ url: '/api/registrations/mine', cookies: who.cookies })).json().items;
    expect(await mine(me)).toEqual([
      expect.objectContaining({
        eventId: event.id,
        occurrenceStartsAt: second,
        status: 'confirmed',
        recurring: true,
      }),
    ]);
    expect(await mine(stranger)).toEqual([]);
    expect((await ctx.app.inject('/api/registrations/mine')).statusCode).toBe(401);
  });
});

describe('cancelling a recurring event', () => {
  it('cancels every date’s registrations, and refuses a sign-up to a date nobody had chosen yet', async () => {
    const event = await weekly(1);
    const [a, b, c] = (await dates(event.id)).map((d) => d.startsAt);
    await register(event.id, person(41, { occurrence: a }));
    await register(event.id, person(42, { occurrence: a }));
    await register(event.id, person(43, { occurrence: b }));
    const organiser = await buildAccount(ctx.db, { coordinatorOf: networkId });
    const res = await ctx.app.inject({
      method: 'POST',
      url: `/api/events/${event.id}/cancel`,
      payload: {},
      cookies: organiser.cookies,
    });
    expect(res.statusCode).toBe(200);
    const rows = await ctx.db.select().from(registrations).where(eq(registrations.eventId, event.id));
    expect(rows.map((r) => [r.status, r.cancelReason])).toEqual(
      Array(3).fill(['cancelled', 'event_cancelled']),
    );
    const mail = (await listOutbox(ctx.db, { to: 'personne43@example.org' })).find(
      (m) => m.kind === 'events.registration-event-cancelled',
    )!;
    expect(mail.text).toContain('à toutes ses dates');
    const late = await register(event.id, person(44, { occurrence: c }));
    expect(late.statusCode).toBe(409);
  });

  it('refuses a sign-up to a fresh date that read the event before the cancellation committed', async () => {
    const event = await weekly(3);
    const [, second] = (await dates(event.id)).map((d) => d.startsAt);
    let late: ReturnType<typeof register> | undefined;
    await ctx.db.transaction(async (trx) => {
      const tx = trx as unknown as Db;
      const [row] = await tx
        .update(events)
        .set({ status: 'cancelled' })
        .where(eq(events.id, event.id))
        .returning();
      await cancelRegistrationsOfEvent(tx, ctx.deps, row, null);
      // That date has no counter row for the cancellation to close: on PostgreSQL the sign-up still sees the
      // event published, then waits on the event row's share lock and must find it cancelled.
      late = register(event.id, person(51, { occurrence: second }));
      await new Promise((resolve) => setTimeout(resolve, 300));
    });
    const res = await late!;
    expect(res.statusCode).toBe(409);
    expect(await ctx.db.select().from(registrations).where(eq(registrations.eventId, event.id))).toEqual([]);
  });
});
