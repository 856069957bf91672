import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../testing.ts';
import { listOutbox } from '../mail/mail.service.ts';
import { buildAccount, buildClub, buildOrganization, caller } from '../memberships/memberships.fixtures.ts';
import { buildEvent, person } from './registrations.fixtures.ts';
import { signPendingSignUp } from './registrations.members-only.ts';
import { registrations } from './registrations.tables.ts';

// A members-only event: a member signed in registers at once; someone else, with the address the network knows
// for a member, gets a link to confirm; the answer is the same for an address that is no member's, and nothing is
// stored nor sent for it.

let ctx: TestContext;
let ip = 0;
const nextIp = () => `10.9.${Math.floor(++ip / 250)}.${(ip % 250) + 1}`;
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(() => ctx?.close());

async function clubWithMember() {
  const call = caller(ctx);
  const club = await buildClub(ctx);
  const org = await buildOrganization(ctx.db, { name: 'Menuiserie Adhérente' });
  const added = await call('POST', `/api/networks/${club.network.id}/memberships`, club.coordinator.cookies, {
    organizationId: org.id,
    planId: club.small.id,
    contacts: [
      { name: 'Marc Menuisier', role: 'main', email: `marc-${org.id.slice(0, 6)}@menuiserie.example` },
    ],
  });
  const member = added.json();
  await call('POST', `/api/members/${member.id}/payments`, club.coordinator.cookies, {
    amountCents: member.periods[0].amountCents,
    method: 'transfer',
    paidOn: member.periods[0].startsOn,
  });
  const editor = await buildAccount(ctx.db, { editorOf: org.id });
  const event = await buildEvent(ctx.db, club.network.id, { membersOnly: true, title: 'Assemblée générale' });
  return { club, event, editor, contactEmail: member.contacts[0].email as string };
}

const register = (eventId: string, body: Record<string, unknown>, cookies?: Record<string, string>) =>
  ctx.app.inject({
    method: 'POST',
    url: `/api/events/${eventId}/registrations`,
    payload: body,
    cookies,
    remoteAddress: nextIp(),
  });
const registered = async (eventId: string, email: string) =>
  ctx.db
    .select()
    .from(registrations)
    .where(and(eq(registrations.eventId, eventId), eq(registrations.email, email)));

it('registers a signed-in member at once', async () => {
  const { event, editor } = await clubWithMember();
  const res = await register(event.id, person(1, { email: editor.account.email }), editor.cookies);
  expect(res.statusCode, res.body).toBe(201);
  expect(res.json().status).toBe('confirmed');
});

it('answers the same for a member’s address and for another, and mails a link only to the member', async () => {
  const { event, contactEmail } = await clubWithMember();
  const stranger = await buildAccount(ctx.db);
  const asMember = await register(event.id, person(2, { email: contactEmail }));
  const asNobody = await register(event.id, person(3, { email: 'inconnu@example.org' }));
  const signedInNonMember = await register(
    event.id,
    person(4, { email: stranger.account.email }),
    stranger.cookies,
  );
  for (const res of [asMember, asNobody, signedInNonMember]) {
    expect(res.statusCode).toBe(202);
    expect(res.json()).toEqual({ status: 'confirmation-sent' });
  }
  expect(await registered(event.id, contactEmail)).toEqual([]);
  expect(await listOutbox(ctx.db, { to: 'inconnu@example.org' })).toEqual([]);
  expect(await listOutbox(ctx.db, { to: stranger.account.email })).toEqual([]);
  const [mail] = await listOutbox(ctx.db, { to: contactEmail });
  expect(mail.kind).toBe('events.registration-member-confirm');
  expect(mail.text).toMatch(/réservé aux adhérents de/);
  const token = decodeURIComponent(/\/inscription\/confirmer\/(\S+)/.exec(mail.text)![1]);

  // The link registers as asked, once.
  const confirm = (t: string) =>
    ctx.app.inject({
      method: 'POST',
      url: '/api/registration-confirmations',
      payload: { token: t },
      remoteAddress: nextIp(),
    });
  const first = await confirm(token);
  expect(first.statusCode, first.body).toBe(201);
  expect(first.json()).toMatchObject({ status: 'confirmed' });
  expect(first.json().manageToken).toBeTruthy();
  const second = await confirm(token);
  expect(second.statusCode).toBe(200);
  expect(await registered(event.id, contactEmail)).toHaveLength(1);

  // A forged, altered or expired link: 400 naming the token, nothing registered.
  const forged = await confirm(`${token.slice(0, -4)}AAAA`);
  expect(forged.statusCode).toBe(400);
  expect(forged.json().error.fields.token).toMatch(/n’est pas valide/);
  const expired = signPendingSignUp(ctx.deps.config.sessionSecret, {
    eventId: event.id,
    occurrence: event.startsAt.toISOString(),
    name: 'Ancien lien',
    email: 'ancien@example.org',
    organization: null,
    accessibilityNeeds: null,
    expiresAt: Date.now() - 1000,
  });
  const late = await confirm(expired);
  expect(late.statusCode).toBe(400);
  expect(late.json().error.fields.token).toMatch(/expiré/);
  expect(await registered(event.id, 'ancien@example.org')).toEqual([]);
});

it('keeps an event open to all when it is not members only, and shows the flag in the listing', async () => {
  const { club } = await clubWithMember();
  const open = await buildEvent(ctx.db, club.network.id);
  const res = await register(open.id, person(5, { email: 'tout.le.monde@example.org' }));
  expect(res.statusCode).toBe(201);
  const listed = (await ctx.app.inject('/api/events?pageSize=500')).json().items;
  expect(listed.find((e: { id: string }) => e.id === open.id).membersOnly).toBe(false);
});
