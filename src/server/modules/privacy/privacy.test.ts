import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../testing.ts';
import { signInAs } from '../accounts/accounts.factory.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { listOutbox } from '../mail/mail.service.ts';
import { buildClub, buildMember, caller, postBody } from '../networking/networking.fixtures.ts';
import { collectPersonalData } from './privacy.export.ts';
import { type Club, seedPrivacyPerson } from './privacy.fixtures.ts';

// The personal data export: a person present in every module (an account, a member's contact, a registration, a
// post and an introduction, a relations contact, a subscription and a suppression, mails, audit entries, an
// event's contact, a directory entry) gets every part in the zip, and nothing of another person; the platform
// admin exports any address; the public form answers the same for a known and an unknown address, and mails a link
// only to a known one, valid 30 minutes.

let ctx: TestContext;
let now = new Date('2026-05-10T08:00:00Z');
beforeAll(async () => {
  ctx = await createTestApp({ now: () => now });
});
afterAll(() => ctx?.close());

const alice = 'alice.privee@example.org';
const bob = 'bob.autre@example.org';

const seedPerson = (email: string, name: string, club: Club) => seedPrivacyPerson(ctx, email, name, club);

it('puts a person’s data from every module in the zip, and nothing of another person’s', async () => {
  const call = caller(ctx);
  const club = await buildClub(ctx);
  const a = await seedPerson(alice, 'Alice Privée', club);
  const b = await seedPerson(bob, 'Bob Autre', club);
  // Networking: Alice posts an offer and asks an introduction to Bob's organisation.
  const post = await call('POST', `/api/networks/${club.network.id}/exchange`, a.cookies, {
    ...postBody(a.memberId),
    title: 'Offre écrite par Alice',
    expiresOn: '2026-12-31',
  });
  expect(post.statusCode).toBe(201);
  const other = await buildMember(ctx, club, { name: 'Charpentes Tierces' });
  const intro = await call('POST', `/api/networks/${club.network.id}/introductions`, a.cookies, {
    memberAId: a.memberId,
    memberBId: other.member.id,
    message: 'Message d’Alice pour la mise en relation',
  });
  expect(intro.statusCode).toBe(201);

  // Another person whose address holds Alice's: their entries are not Alice's.
  await recordAudit(ctx.db, null, {
    action: 'relations.contact-create',
    entityType: 'relation_contact',
    after: { name: 'Jim', email: `jim${alice}` },
  });
  const admin = await signInAs(ctx.app, ctx.deps, {
    email: 'admin-privacy@example.org',
    isPlatformAdmin: true,
  });
  const started = performance.now();
  const res = await ctx.app.inject({
    method: 'POST',
    url: '/api/admin/privacy/export',
    headers: { cookie: admin },
    payload: { email: 'Alice.Privee@Example.org ' },
  });
  console.log(
    `privacy export of a person present in every module: ${(performance.now() - started).toFixed(0)} ms`,
  );
  expect(res.statusCode).toBe(200);
  expect(res.headers['content-type']).toBe('application/zip');
  const files = unzipSync(new Uint8Array(res.rawPayload));
  const text = (name: string) => strFromU8(files[name]);
  const json = (name: string) => JSON.parse(text(name));
  for (const module of [
    'accounts',
    'memberships',
    'registrations',
    'networking',
    'relations',
    'newsletters',
    'mail',
    'events',
    'organizations',
    'audit',
  ])
    expect(Object.keys(files), module).toContain(`json/${module}.json`);
  expect(json('json/accounts.json').account[0]).toMatchObject({ email: alice, name: 'Alice Privée' });
  expect(JSON.stringify(json('json/accounts.json'))).not.toMatch(/password_?hash|tokenHash|\$argon/i);
  expect(json('json/memberships.json').contacts[0]).toMatchObject({
    email: alice,
    organization: 'Atelier de Alice Privée',
  });
  expect(json('json/registrations.json').registrations[0]).toMatchObject({
    event: 'Atelier où vient Alice Privée',
    accessibilityNeeds: 'Besoins de Alice Privée',
  });
  expect(json('json/networking.json').posts.map((p: { title: string }) => p.title)).toEqual([
    'Offre écrite par Alice',
  ]);
  expect(json('json/networking.json').introductions[0]).toMatchObject({
    message: 'Message d’Alice pour la mise en relation',
    requestedByThisPerson: true,
  });
  expect(json('json/relations.json').contacts[0]).toMatchObject({ notes: 'Notes sur Alice Privée' });
  expect(json('json/newsletters.json').subscriptions[0]).toMatchObject({
    ip: '203.0.113.7',
    consentText: 'J’accepte',
  });
  expect(json('json/newsletters.json').suppressions[0]).toMatchObject({ reason: 'complaint' });
  expect(json('json/mail.json').outbox.length).toBeGreaterThan(0);
  expect(json('json/events.json').events[0]).toMatchObject({ contactEmail: alice });
  expect(json('json/organizations.json').organizations[0]).toMatchObject({ email: alice });
  const audit = json('json/audit.json').entries as { action: string }[];
  expect(audit.map((e) => e.action)).toEqual(expect.arrayContaining(['networking.post-create']));
  // CSV for French Excel, formulas neutralised, one per table.
  const csv = text('csv/registrations-registrations.csv');
  expect([...files['csv/registrations-registrations.csv'].subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  expect(csv).toContain(";'=1+2;");
  expect(csv.split('\r\n')[0]).toContain(';');
  expect(Object.keys(files)).toContain('csv/newsletters-subscriptions.csv');
  // Nothing of Bob's, anywhere in the zip.
  const all = Object.values(files)
    .map((f) => strFromU8(f))
    .join('\n');
  for (const secret of [`jim${alice}`, bob, 'Bob Autre', 'Besoins de Bob', 'Notes sur Bob', 'Lettre Bob'])
    expect(all).not.toContain(secret);
  expect(all).toContain('Alice Privée');
  expect(b.memberId).toBeTruthy();

  // Only the platform admin: a coordinator is refused.
  const coord = await ctx.app.inject({
    method: 'POST',
    url: '/api/admin/privacy/export',
    cookies: club.coordinator.cookies,
    payload: { email: alice },
  });
  expect(coord.statusCode).toBe(403);
  expect(
    (await ctx.app.inject({ method: 'POST', url: '/api/admin/privacy/export', payload: { email: alice } }))
      .statusCode,
  ).toBe(401);
  const bad = await ctx.app.inject({
    method: 'POST',
    url: '/api/admin/privacy/export',
    headers: { cookie: admin },
    payload: { email: 'pas une adresse' },
  });
  expect(bad.statusCode).toBe(400);
  expect(bad.json().error.fields).toHaveProperty('email');

  // The time of the export alone (every module's part), printed: the target is under a second.
  const t0 = performance.now();
  const data = await collectPersonalData(ctx.deps, alice, now);
  console.log(`collectPersonalData: ${(performance.now() - t0).toFixed(0)} ms for ${data.total} rows`);
  expect(data.total).toBeGreaterThan(10);
}, 120_000);

it('answers the public form the same for any address, and mails a short-lived link to a known one', async () => {
  const ask = (email: string, ip = '198.51.100.1') =>
    ctx.app.inject({
      method: 'POST',
      url: '/api/privacy/export-requests',
      payload: { email },
      headers: { 'x-forwarded-for': ip },
    });
  const known = await ask(alice);
  const unknown = await ask('personne.inconnue@example.org');
  expect(known.statusCode).toBe(202);
  expect(unknown.statusCode).toBe(202);
  expect(unknown.body).toBe(known.body);
  expect(await listOutbox(ctx.db, { to: 'personne.inconnue@example.org' })).toEqual([]);
  const [mail] = (await listOutbox(ctx.db, { to: alice })).filter((m) => m.kind === 'privacy.export-link');
  const token = mail.text.match(/\/api\/privacy\/exports\/([A-Za-z0-9_-]+)/)?.[1];
  expect(token).toBeTruthy();

  const zip = await ctx.app.inject({ url: `/api/privacy/exports/${token}` });
  expect(zip.statusCode).toBe(200);
  const files = unzipSync(new Uint8Array(zip.rawPayload));
  expect(strFromU8(files['json/accounts.json'])).toContain(alice);
  expect((await ctx.app.inject({ url: '/api/privacy/exports/not-a-token' })).statusCode).toBe(404);
  // 30 minutes later the link is dead, with a message saying what to do.
  now = new Date(now.getTime() + 31 * 60_000);
  const late = await ctx.app.inject({ url: `/api/privacy/exports/${token}` });
  expect(late.statusCode).toBe(404);
  expect(late.json().error.message).toMatch(/expiré/);
  // A mailbox is not flooded: 3 requests an hour per address.
  await ask(bob, '198.51.100.2');
  await ask(bob, '198.51.100.3');
  await ask(bob, '198.51.100.4');
  expect((await ask(bob, '198.51.100.5')).statusCode).toBe(429);
  expect((await ask('pas une adresse')).statusCode).toBe(400);
}, 60_000);
