import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../testing.ts';
import { events } from '../events/events.tables.ts';
import { listOutbox } from '../mail/mail.service.ts';
import { registrationCounts } from './registrations.counts.ts';
import {
  buildAccount,
  buildEvent,
  buildNetwork,
  buildOrganization,
  person,
} from './registrations.fixtures.ts';
import { promoteWaitlist } from './registrations.service.ts';

let ctx: TestContext;
let networkId: string;
let ip = 0;
// Each request comes from its own address (the socket's) unless a test says otherwise, so that the per-IP limit
// stays out of the way.
const nextIp = () => `10.0.${Math.floor(++ip / 250)}.${(ip % 250) + 1}`;

const register = (eventId: string, body: Record<string, unknown>, from = nextIp()) =>
  ctx.app.inject({
    method: 'POST',
    url: `/api/events/${eventId}/registrations`,
    payload: body,
    remoteAddress: from,
  });

beforeAll(async () => {
  ctx = await createTestApp();
  networkId = (await buildNetwork(ctx.db)).id;
});
afterAll(() => ctx?.close());

describe('registering', () => {
  it('confirms while seats remain, then waitlists in arrival order', async () => {
    const event = await buildEvent(ctx.db, networkId, { capacity: 3 });
    const answers = [];
    for (let i = 1; i <= 5; i++) answers.push(await register(event.id, person(i)));
    expect(answers.map((a) => a.statusCode)).toEqual([201, 201, 201, 201, 201]);
    const bodies = answers.map((a) => a.json());
    expect(bodies.map((b) => b.status)).toEqual([
      'confirmed',
      'confirmed',
      'confirmed',
      'waitlisted',
      'waitlisted',
    ]);
    expect(bodies.map((b) => b.position)).toEqual([undefined, undefined, undefined, 1, 2]);
    const summary = (await ctx.app.inject(`/api/events/${event.id}/registrations/summary`)).json();
    expect(summary).toMatchObject({ open: true, capacity: 3, confirmed: 3, waitlisted: 2, seatsLeft: 0 });
    // The public listing's seats left and `hasSeats` filter read these counts.
    const listed = async (hasSeats: boolean) =>
      (await ctx.app.inject(`/api/events?pageSize=500${hasSeats ? '&hasSeats=true' : ''}`))
        .json()
        .items.filter((e: { id: string }) => e.id === event.id);
    expect((await listed(false))[0].seatsLeft).toBe(0);
    expect(await listed(true)).toEqual([]);
  });

  it('never confirms more people than seats, whatever the number of simultaneous requests', async () => {
    const event = await buildEvent(ctx.db, networkId, { capacity: 10 });
    const answers = await Promise.all(
      Array.from({ length: 60 }, (_, i) => register(event.id, person(100 + i))),
    );
    expect(answers.every((a) => a.statusCode === 201)).toBe(true);
    const bodies = answers.map((a) => a.json());
    expect(bodies.filter((b) => b.status === 'confirmed')).toHaveLength(10);
    const positions = bodies.filter((b) => b.status === 'waitlisted').map((b) => b.position);
    expect([...positions].sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    const counts = (await registrationCounts(ctx.db, [event.id])).get(event.id);
    expect(counts).toMatchObject({ confirmed: 10, waitlisted: 50 });
  });

  it('keeps one registration when the same email arrives several times at once', async () => {
    const event = await buildEvent(ctx.db, networkId, { capacity: 2 });
    const answers = await Promise.all(Array.from({ length: 6 }, () => register(event.id, person(42))));
    expect(answers.every((a) => a.statusCode === 201 || a.statusCode === 200)).toBe(true);
    expect(new Set(answers.map((a) => a.json().id)).size).toBe(1);
    expect((await registrationCounts(ctx.db, [event.id])).get(event.id)?.confirmed).toBe(1);
    // The counter was not bumped by the refused duplicates: one seat is still free.
    expect((await register(event.id, person(43))).json().status).toBe('confirmed');
    expect((await register(event.id, person(44))).json()).toMatchObject({
      status: 'waitlisted',
      position: 1,
    });
  });

  it('returns the existing registration (200) when the same email registers again', async () => {
    const event = await buildEvent(ctx.db, networkId);
    const first = await register(event.id, person(1));
    const again = await register(event.id, { ...person(1), email: 'PERSONNE1@example.org', name: 'Autre' });
    expect(first.statusCode).toBe(201);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual({
      id: first.json().id,
      status: 'confirmed',
      // A one-off event's date is its start.
      occurrenceStartsAt: event.startsAt.toISOString(),
    });
    expect(again.json().manageToken).toBeUndefined();
  });

  it('mails a confirmation with the .ics, the ticket and the cancel link', async () => {
    const event = await buildEvent(ctx.db, networkId, { title: 'Forum de l’emploi solidaire' });
    const res = await register(event.id, person(7, { email: 'mail.test@example.org' }));
    const token = res.json().manageToken as string;
    const [mail] = await listOutbox(ctx.db, { to: 'mail.test@example.org' });
    expect(mail.kind).toBe('events.registration-confirmed');
    expect(mail.subject).toContain('Forum de l’emploi solidaire');
    expect(mail.text).toContain(`http://maillage.test/billet/${token}`);
    expect(mail.text).toContain(`http://maillage.test/billet/${token}/annuler`);
    const names = mail.attachments?.map((a) => a.filename);
    expect(names).toEqual(['evenement.ics', 'billet-qr.png']);
    const ics = Buffer.from(mail.attachments![0].content, 'base64').toString('utf8');
    expect(ics).toContain('BEGIN:VEVENT');
    expect(ics).toContain('Forum de l');
  });

  it('refuses cancelled, past, closed and non-Maillage events with a clear 409', async () => {
    const cases = [
      [{ status: 'cancelled' }, 'annulé'],
      [
        { startsAt: new Date(Date.now() - 86_400_000), endsAt: new Date(Date.now() - 82_800_000) },
        'déjà eu lieu',
      ],
      [{ registrationClosesAt: new Date(Date.now() - 1000) }, 'closes'],
      [{ registrationMode: 'external', registrationUrl: 'https://example.org/billets' }, 'organisateur'],
      [{ registrationMode: 'none' }, 'entrée libre'],
    ] as const;
    for (const [overrides, words] of cases) {
      const event = await buildEvent(ctx.db, networkId, overrides);
      const res = await register(event.id, person(1));
      expect(res.statusCode, JSON.stringify(overrides)).toBe(409);
      expect(res.json().error.message).toContain(words);
    }
  });

  it('answers 404 for an unpublished event to anyone but its organisers, as for an unknown one', async () => {
    const other = await buildAccount(ctx.db, { coordinatorOf: (await buildNetwork(ctx.db)).id });
    const coordinator = await buildAccount(ctx.db, { coordinatorOf: networkId });
    const unknown = await register('00000000-0000-4000-8000-000000000000', person(1));
    for (const status of ['draft', 'submitted', 'changes_requested', 'rejected']) {
      const event = await buildEvent(ctx.db, networkId, { status });
      const anonymous = await register(event.id, person(1));
      expect(anonymous.statusCode, status).toBe(404);
      expect(anonymous.json().error).toEqual(unknown.json().error);
      const stranger = await ctx.app.inject({
        method: 'POST',
        url: `/api/events/${event.id}/registrations`,
        payload: person(2),
        cookies: other.cookies,
        remoteAddress: nextIp(),
      });
      expect(stranger.statusCode, status).toBe(404);
      // Its organisers see the event: they are told why nobody can register yet.
      const organiser = await ctx.app.inject({
        method: 'POST',
        url: `/api/events/${event.id}/registrations`,
        payload: person(3),
        cookies: coordinator.cookies,
        remoteAddress: nextIp(),
      });
      expect(organiser.statusCode, status).toBe(409);
      expect(organiser.json().error.message).toContain('pas publié');
    }
  });

  it('answers 400 naming the field for bad input, 404 for an unknown event', async () => {
    const event = await buildEvent(ctx.db, networkId);
    const bad = await register(event.id, { ...person(1), email: 'pas-une-adresse' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields).toHaveProperty('email');
    const noConsent = await register(event.id, { ...person(1), consent: false });
    expect(noConsent.statusCode).toBe(400);
    expect(noConsent.json().error.fields).toHaveProperty('consent');
    const noName = await register(event.id, { ...person(1), name: '  ' });
    expect(noName.json().error.fields).toHaveProperty('name');
    expect((await register('not-a-uuid', person(1))).statusCode).toBe(400);
    expect((await register('00000000-0000-4000-8000-000000000000', person(1))).statusCode).toBe(404);
  });

  it('answers a filled honeypot like a success but stores and sends nothing', async () => {
    const event = await buildEvent(ctx.db, networkId);
    const res = await register(
      event.id,
      person(9, { email: 'bot@example.org', website: 'http://spam.example' }),
    );
    expect(res.statusCode).toBe(201);
    expect(res.json().status).toBe('confirmed');
    expect((await registrationCounts(ctx.db, [event.id])).get(event.id)?.confirmed).toBe(0);
    expect(await listOutbox(ctx.db, { to: 'bot@example.org' })).toHaveLength(0);
  });

  it('limits registrations per IP address (429)', async () => {
    const event = await buildEvent(ctx.db, networkId, { capacity: null });
    const codes = [];
    for (let i = 0; i < 21; i++)
      codes.push((await register(event.id, person(500 + i), '192.0.2.77')).statusCode);
    expect(codes.slice(0, 20).every((c) => c === 201)).toBe(true);
    expect(codes[20]).toBe(429);
    expect((await register(event.id, person(600), '192.0.2.78')).statusCode).toBe(201);
  });
});

describe('ticket and cancellation', () => {
  it('shows the ticket with its QR code, and cancelling promotes the first waitlisted person', async () => {
    const event = await buildEvent(ctx.db, networkId, { capacity: 1 });
    const a = (await register(event.id, person(1, { email: 'a@example.org' }))).json();
    const b = (await register(event.id, person(2, { email: 'b@example.org' }))).json();
    const c = (await register(event.id, person(3, { email: 'c@example.org' }))).json();
    expect([a.status, b.status, c.status]).toEqual(['confirmed', 'waitlisted', 'waitlisted']);

    const ticket = await ctx.app.inject(`/api/registrations/ticket/${a.manageToken}`);
    expect(ticket.json()).toMatchObject({ status: 'confirmed', name: 'Personne 1', event: { id: event.id } });
    expect(ticket.json().checkinToken).toMatch(/^MLG1\./);
    expect(ticket.json().checkinToken).not.toContain('a@example.org');
    const qr = await ctx.app.inject(`/api/registrations/ticket/${a.manageToken}/qr.svg`);
    expect(qr.headers['content-type']).toContain('image/svg+xml');
    expect(qr.body).toContain('<svg');
    expect((await ctx.app.inject(`/api/registrations/ticket/${b.manageToken}/qr.svg`)).statusCode).toBe(409);
    expect((await ctx.app.inject(`/api/registrations/ticket/${c.manageToken}`)).json().position).toBe(2);

    const cancel = await ctx.app.inject({
      method: 'POST',
      url: `/api/registrations/ticket/${a.manageToken}/cancel`,
    });
    expect(cancel.json()).toEqual({ id: a.id, status: 'cancelled', promoted: 1 });
    const [told] = await listOutbox(ctx.db, { to: 'b@example.org' });
    expect(told.kind).toBe('events.registration-promoted');
    const newLink = /billet\/([\w-]+)\n/.exec(told.text)?.[1];
    expect((await ctx.app.inject(`/api/registrations/ticket/${newLink}`)).json().status).toBe('confirmed');
    expect((await ctx.app.inject(`/api/registrations/ticket/${c.manageToken}`)).json().position).toBe(1);
    // Cancelling twice is harmless; an unknown token is a 404.
    const twice = await ctx.app.inject({
      method: 'POST',
      url: `/api/registrations/ticket/${a.manageToken}/cancel`,
    });
    expect(twice.json().promoted).toBe(0);
    const unknown = await ctx.app.inject({
      method: 'POST',
      url: '/api/registrations/ticket/xxxxxxxxxxxxxxxxxxxx/cancel',
    });
    expect(unknown.statusCode).toBe(404);
    // After cancelling, the same email may register again (and lands at the end of the list).
    const again = await register(event.id, person(1, { email: 'a@example.org' }));
    expect(again.statusCode).toBe(201);
    expect(again.json()).toMatchObject({ status: 'waitlisted', position: 2 });
  });
});

describe('capacity raised', () => {
  it('promotes waiting people in order when the events module calls promoteWaitlist', async () => {
    const event = await buildEvent(ctx.db, networkId, { capacity: 1 });
    for (let i = 1; i <= 4; i++) await register(event.id, person(700 + i));
    await ctx.db.update(events).set({ capacity: 3 }).where(eq(events.id, event.id));
    expect(await promoteWaitlist(ctx.deps, event.id)).toBe(2);
    const [told] = await listOutbox(ctx.db, { to: 'personne702@example.org' });
    expect(told.kind).toBe('events.registration-promoted');
    expect((await listOutbox(ctx.db, { to: 'personne704@example.org' }))[0].kind).toBe(
      'events.registration-waitlisted',
    );
    const summary = (await ctx.app.inject(`/api/events/${event.id}/registrations/summary`)).json();
    expect(summary).toMatchObject({ confirmed: 3, waitlisted: 1, seatsLeft: 0 });
    // The counter row follows: the next sign-up is waitlisted behind the one still waiting.
    expect((await register(event.id, person(705))).json()).toMatchObject({
      status: 'waitlisted',
      position: 2,
    });
  });
});

describe('organisers', () => {
  it('lets organisers and coordinators list, export and check in; refuses others', async () => {
    const org = await buildOrganization(ctx.db);
    const event = await buildEvent(ctx.db, networkId, { capacity: 2, organizerOrganizationIds: [org.id] });
    const editor = await buildAccount(ctx.db, { editorOf: org.id });
    const coordinator = await buildAccount(ctx.db, { coordinatorOf: networkId });
    const stranger = await buildAccount(ctx.db);
    const alice = (
      await register(event.id, person(1, { name: 'Alice Martin', organization: 'Coop; "Les Amis"' }))
    ).json();
    const bob = (await register(event.id, person(2, { name: 'Bob Durand' }))).json();
    const carol = (await register(event.id, person(3, { name: 'Carol' }))).json();

    const url = `/api/events/${event.id}/registrations`;
    expect((await ctx.app.inject(url)).statusCode).toBe(401);
    expect((await ctx.app.inject({ url, cookies: stranger.cookies })).statusCode).toBe(403);
    const list = await ctx.app.inject({ url, cookies: editor.cookies });
    expect(list.statusCode).toBe(200);
    expect(list.json().counts).toEqual({ confirmed: 2, waitlisted: 1, cancelled: 0, checkedIn: 0 });
    expect(list.json().items.map((r: { name: string }) => r.name)).toEqual([
      'Alice Martin',
      'Bob Durand',
      'Carol',
    ]);
    const search = await ctx.app.inject({ url: `${url}?q=durand`, cookies: coordinator.cookies });
    expect(search.json().items.map((r: { id: string }) => r.id)).toEqual([bob.id]);

    const csv = await ctx.app.inject({ url: `${url}.csv`, cookies: coordinator.cookies });
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body.startsWith('\uFEFFordre;statut;')).toBe(true);
    expect(csv.body).toContain('"Coop; ""Les Amis"""');
    expect((await ctx.app.inject({ url: `${url}.csv`, cookies: stranger.cookies })).statusCode).toBe(403);

    const ticket = (await ctx.app.inject(`/api/registrations/ticket/${alice.manageToken}`)).json();
    const checkin = (body: Record<string, unknown>, who = editor) =>
      ctx.app.inject({
        method: 'POST',
        url: `/api/events/${event.id}/check-in`,
        payload: body,
        cookies: who.cookies,
      });
    const ok = await checkin({ token: ticket.checkinToken });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ id: alice.id, name: 'Alice Martin', alreadyCheckedIn: false });
    expect((await checkin({ token: ticket.checkinToken })).json().alreadyCheckedIn).toBe(true);
    const forged = `${ticket.checkinToken.slice(0, -3)}AAA`;
    expect((await checkin({ token: forged })).statusCode).toBe(400);
    expect((await checkin({ registrationId: carol.id })).statusCode).toBe(409);
    expect((await checkin({ registrationId: bob.id }, stranger)).statusCode).toBe(403);
    expect((await checkin({ registrationId: bob.id }, coordinator)).statusCode).toBe(200);
    const undo = await ctx.app.inject({
      method: 'DELETE',
      url: `/api/events/${event.id}/check-in/${bob.id}`,
      cookies: coordinator.cookies,
    });
    expect(undo.statusCode).toBe(200);

    const attendance = await ctx.app.inject({
      url: `/api/events/${event.id}/attendance.csv`,
      cookies: editor.cookies,
    });
    const lines = attendance.body.trim().split('\r\n');
    expect(lines).toHaveLength(3);
    expect(lines[1]).toMatch(/^Alice Martin;personne1@example.org;.*;oui;/);
    expect(lines[2]).toMatch(/^Bob Durand;.*;non;$/);
    // A checked-in ticket of another event is refused.
    const other = await buildEvent(ctx.db, networkId, { organizerOrganizationIds: [org.id] });
    const wrong = await ctx.app.inject({
      method: 'POST',
      url: `/api/events/${other.id}/check-in`,
      payload: { token: ticket.checkinToken },
      cookies: editor.cookies,
    });
    expect(wrong.statusCode).toBe(404);
  });

  it('gives organisers and coordinators an overview of their events with counts', async () => {
    const network = await buildNetwork(ctx.db);
    const org = await buildOrganization(ctx.db);
    const editor = await buildAccount(ctx.db, { editorOf: org.id });
    const coordinator = await buildAccount(ctx.db, { coordinatorOf: network.id });
    const mine = await buildEvent(ctx.db, network.id, {
      capacity: 1,
      organizerOrganizationIds: [org.id],
      createdBy: editor.account.id,
    });
    const other = await buildEvent(ctx.db, network.id, { registrationMode: 'none' });
    await register(mine.id, person(1));
    await register(mine.id, person(2));
    const overview = (cookies?: Record<string, string>) =>
      ctx.app.inject({ url: '/api/registrations/overview', cookies });
    expect((await overview()).statusCode).toBe(401);
    const byEditor = (await overview(editor.cookies)).json().items;
    expect(byEditor).toMatchObject([{ id: mine.id, confirmed: 1, waitlisted: 1, seatsLeft: 0 }]);
    // A colleague editing the same organisation sees it too, without having created it.
    const colleague = await buildAccount(ctx.db, { editorOf: org.id });
    expect((await overview(colleague.cookies)).json().items.map((e: { id: string }) => e.id)).toEqual([
      mine.id,
    ]);
    const byCoordinator = (await overview(coordinator.cookies)).json().items.map((e: { id: string }) => e.id);
    expect(byCoordinator).toEqual([mine.id]);
    expect(byCoordinator).not.toContain(other.id);
  });
});
