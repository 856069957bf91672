import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../testing.ts';
import { buildAccount, buildClub, buildOrganization, caller } from '../memberships/memberships.fixtures.ts';
import { members } from '../memberships/memberships.tables.ts';
import { buildEvent } from '../registrations/registrations.fixtures.ts';
import { registrations } from '../registrations/registrations.tables.ts';

// The isolation radar: which current members show no sign of life for N months, the quietest first, with the
// staff's next step; sponsors for new members. Staff only, and only its own network's.

let ctx: TestContext;
const today = new Date('2026-11-15T09:00:00Z');
beforeAll(async () => {
  ctx = await createTestApp({ now: () => today });
});
afterAll(() => ctx?.close());

it('lists the quiet members, the quietest first, with the next step; signs of life take a member off', async () => {
  const call = caller(ctx);
  const club = await buildClub(ctx);
  const other = await buildClub(ctx);
  const join = async (name: string, startsOn: string, accountId?: string) => {
    const org = await buildOrganization(ctx.db, { name });
    const email = `${randomUUID().slice(0, 8)}@example.org`;
    const added = await call(
      'POST',
      `/api/networks/${club.network.id}/memberships`,
      club.coordinator.cookies,
      {
        organizationId: org.id,
        planId: club.small.id,
        startsOn,
        contacts: [{ name: `Contact ${name}`, role: 'main', email, accountId: accountId ?? null }],
      },
    );
    expect(added.statusCode, added.body).toBe(201);
    const member = added.json();
    const paid = await call('POST', `/api/members/${member.id}/payments`, club.coordinator.cookies, {
      amountCents: member.periods[0].amountCents,
      method: 'transfer',
      paidOn: startsOn,
    });
    expect(paid.statusCode, paid.body).toBe(201);
    return { id: member.id as string, email };
  };
  const quietSince2026 = await join('Silencieuse 2026', '2026-01-01');
  const attendee = await join('Présente aux afterworks', '2026-01-01');
  const elsewhere = await join('Vue ailleurs seulement', '2026-01-01');
  // A sign-in (a session opened now) is a sign of life.
  const person = await buildAccount(ctx.db);
  await join('Connectée', '2026-01-01', person.account.id);
  // Joined within the window: not quiet.
  await join('Nouvelle', '2026-09-01');
  // The attendee came to the club's event in October; the other came only to another network's event.
  const register = async (networkId: string, email: string) => {
    const event = await buildEvent(ctx.db, networkId, {
      startsAt: new Date('2026-10-08T17:00:00Z'),
      endsAt: new Date('2026-10-08T19:00:00Z'),
    });
    await ctx.db.insert(registrations).values({
      eventId: event.id,
      occurrenceStartsAt: event.startsAt,
      seq: 1,
      status: 'confirmed',
      name: 'Quelqu’un',
      email,
      consentAt: new Date('2026-10-01T00:00:00Z'),
      manageTokenHash: randomUUID(),
    });
  };
  await register(club.network.id, attendee.email);
  await register(other.network.id, elsewhere.email);
  // An older member, quieter still: joined in 2024, renewed in 2025 and 2026.
  const older = await join('Silencieuse depuis 2024', '2026-01-01');
  await ctx.db.update(members).set({ memberSince: '2024-01-01' }).where(eq(members.id, older.id));

  const radar = await call(
    'GET',
    `/api/networks/${club.network.id}/radar?months=6`,
    club.coordinator.cookies,
  );
  expect(radar.statusCode, radar.body).toBe(200);
  const items = radar.json().items as { memberId: string; name: string; lastSign: { kind: string } }[];
  expect(items.map((i) => i.name)).toEqual([
    'Silencieuse depuis 2024',
    'Silencieuse 2026',
    'Vue ailleurs seulement',
  ]);
  expect(items[0].lastSign.kind).toBe('joined');
  expect(items.map((i) => i.memberId)).not.toContain(attendee.id);
  // Over a shorter window the attendee (October) is still off it; over 2 months everyone but the new ones is quiet.
  const wide = (
    await call('GET', `/api/networks/${club.network.id}/radar?months=1`, club.coordinator.cookies)
  ).json();
  expect(wide.items.map((i: { name: string }) => i.name)).toContain('Présente aux afterworks');

  // The next step, recorded, shows on the radar.
  const step = await call('POST', `/api/members/${quietSince2026.id}/followups`, club.coordinator.cookies, {
    note: 'Appelée : viendra à l’afterwork de décembre',
  });
  expect(step.statusCode, step.body).toBe(201);
  expect(step.json()).toEqual({ on: '2026-11-15', note: 'Appelée : viendra à l’afterwork de décembre' });
  const again = (
    await call('GET', `/api/networks/${club.network.id}/radar`, club.coordinator.cookies)
  ).json();
  expect(again.items.find((i: { memberId: string }) => i.memberId === quietSince2026.id).nextStep).toEqual({
    on: '2026-11-15',
    note: 'Appelée : viendra à l’afterwork de décembre',
  });

  // Staff only, own network only; bad input in words.
  expect(
    (await call('GET', `/api/networks/${club.network.id}/radar`, other.coordinator.cookies)).statusCode,
  ).toBe(403);
  expect((await call('GET', `/api/networks/${club.network.id}/radar`)).statusCode).toBe(401);
  expect((await call('GET', `/api/networks/${club.network.id}/radar`, person.cookies)).statusCode).toBe(403);
  const bad = await call('GET', `/api/networks/${club.network.id}/radar?months=0`, club.coordinator.cookies);
  expect(bad.statusCode).toBe(400);
  expect(bad.body).toMatch(/au moins 1 mois/);
  expect(
    (
      await call('POST', `/api/members/${quietSince2026.id}/followups`, other.coordinator.cookies, {
        note: 'x',
      })
    ).statusCode,
  ).toBe(404);
  const empty = await call('POST', `/api/members/${quietSince2026.id}/followups`, club.coordinator.cookies, {
    note: '',
  });
  expect(empty.statusCode).toBe(400);
});

it('pairs a new member with a current member of the same network as its sponsor', async () => {
  const call = caller(ctx);
  const club = await buildClub(ctx);
  const other = await buildClub(ctx);
  const add = async (c: typeof club, name: string) => {
    const org = await buildOrganization(ctx.db, { name });
    const res = await call('POST', `/api/networks/${c.network.id}/memberships`, c.coordinator.cookies, {
      organizationId: org.id,
      planId: c.small.id,
      startsOn: '2026-01-01',
    });
    const m = res.json();
    await call('POST', `/api/members/${m.id}/payments`, c.coordinator.cookies, {
      amountCents: m.periods[0].amountCents,
      method: 'cheque',
      paidOn: '2026-01-10',
    });
    return m.id as string;
  };
  const sponsor = await add(club, 'Marraine SARL');
  const newcomer = await add(club, 'Nouvelle venue');
  const foreign = await add(other, 'Ailleurs');
  const url = `/api/members/${newcomer}/sponsor`;
  expect(
    (await call('PUT', url, club.coordinator.cookies, { sponsorId: newcomer })).json().error.fields.sponsorId,
  ).toMatch(/son propre parrain/);
  expect(
    (await call('PUT', url, club.coordinator.cookies, { sponsorId: foreign })).json().error.fields.sponsorId,
  ).toMatch(/aucun adhérent de ce réseau/);
  expect((await call('PUT', url, other.coordinator.cookies, { sponsorId: sponsor })).statusCode).toBe(404);
  expect((await call('PUT', url, club.coordinator.cookies, { sponsorId: sponsor })).statusCode).toBe(204);
  const detail = (await call('GET', `/api/members/${newcomer}`, club.coordinator.cookies)).json();
  expect(detail.sponsor).toEqual({ id: sponsor, name: 'Marraine SARL' });
  expect((await call('PUT', url, club.coordinator.cookies, { sponsorId: null })).statusCode).toBe(204);
  expect((await call('GET', `/api/members/${newcomer}`, club.coordinator.cookies)).json().sponsor).toBeNull();
});
