import { eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { adminActor, createTestApp, type TestContext } from '../../testing.ts';
import { signInAs } from '../accounts/accounts.factory.ts';
import { listOutbox } from '../mail/mail.service.ts';
import { helloAssoOrders } from '../memberships/memberships.helloasso.tables.ts';
import { membershipDocuments } from '../memberships/memberships.tables.ts';
import { buildClub, buildMember, caller, postBody } from '../networking/networking.fixtures.ts';
import { importSubscribers } from '../newsletters/newsletters.import.ts';
import { newsletterLists } from '../newsletters/newsletters.tables.ts';
import { buildEvent, buildOrganization } from '../registrations/registrations.fixtures.ts';
import { registrations } from '../registrations/registrations.tables.ts';
import { collectPersonalData } from './privacy.export.ts';
import { seedPrivacyPerson } from './privacy.fixtures.ts';

// The erasure of a person present in every module: afterwards the export of the address finds nothing, the kept
// accounting records (receipts, HelloAsso payments) no longer hold the person's name or address (an organisation's
// legal name stays), the audit log keeps the facts under a pseudonym, an import never subscribes the address again,
// another person's data is untouched. The person's own way: the emailed link, one click, the report.

let ctx: TestContext;
const now = new Date('2026-05-10T08:00:00Z');
beforeAll(async () => {
  ctx = await createTestApp({ now: () => now });
});
afterAll(() => ctx?.close());

const alice = 'alice.effacee@example.org';
const bob = 'bob.garde@example.org';

it('erases a person everywhere, keeps the accounting records without their name, and leaves others alone', async () => {
  const call = caller(ctx);
  const club = await buildClub(ctx);
  const a = await seedPrivacyPerson(ctx, alice, 'Alice Effacée', club);
  const b = await seedPrivacyPerson(ctx, bob, 'Bob Gardé', club);
  await call('POST', `/api/networks/${club.network.id}/exchange`, a.cookies, {
    ...postBody(a.memberId),
    title: 'Offre écrite par Alice',
    expiresOn: '2026-12-31',
  });
  const other = await buildMember(ctx, club, { name: 'Charpentes Tierces' });
  const intro = await call('POST', `/api/networks/${club.network.id}/introductions`, a.cookies, {
    memberAId: a.memberId,
    memberBId: other.member.id,
    message: 'Bonjour, ici Alice Effacée',
  });
  expect(intro.statusCode).toBe(201);
  // A sole trader billed in her own name: her receipt names her, and must not afterwards.
  const soleTrader = await buildOrganization(ctx.db, { name: 'Alice Effacée', departmentCode: '52' });
  const own = await call('POST', `/api/networks/${club.network.id}/memberships`, club.coordinator.cookies, {
    organizationId: soleTrader.id,
    planId: club.small.id,
    contacts: [{ name: 'Alice Effacée', role: 'main', email: alice }],
  });
  expect(own.statusCode).toBe(201);
  const paid = await call('POST', `/api/members/${own.json().id}/payments`, club.coordinator.cookies, {
    amountCents: 12_000,
    method: 'card',
    paidOn: '2026-04-02',
  });
  expect(paid.statusCode).toBe(201);
  await ctx.db.insert(helloAssoOrders).values({
    networkId: club.network.id,
    orderId: 4242,
    state: 'recorded',
    amountCents: 12_000,
    paidOn: '2026-04-02',
    payerName: 'Alice Effacée',
    payerEmail: alice,
  });
  // A registration to a date already held (kept for the counts, without her).
  const past = await buildEvent(ctx.db, club.network.id, {
    title: 'Forum passé',
    startsAt: new Date('2026-03-01T18:00:00Z'),
    endsAt: new Date('2026-03-01T20:00:00Z'),
  });
  await ctx.db.insert(registrations).values({
    eventId: past.id,
    occurrenceStartsAt: new Date('2026-03-01T18:00:00Z'),
    seq: 1,
    status: 'confirmed',
    name: 'Alice Effacée',
    email: alice,
    consentAt: new Date('2026-02-01T00:00:00Z'),
    manageTokenHash: 'past-registration-hash',
  });
  expect((await collectPersonalData(ctx.deps, alice, now)).total).toBeGreaterThan(15);
  const bobBefore = (await collectPersonalData(ctx.deps, bob, now)).counts;

  const admin = await signInAs(ctx.app, ctx.deps, {
    email: 'admin-erase@example.org',
    isPlatformAdmin: true,
  });
  // Only the platform admin.
  const refused = await ctx.app.inject({
    method: 'POST',
    url: '/api/admin/privacy/erasure',
    cookies: club.coordinator.cookies,
    payload: { email: alice },
  });
  expect(refused.statusCode).toBe(403);
  const bad = await ctx.app.inject({
    method: 'POST',
    url: '/api/admin/privacy/erasure',
    headers: { cookie: admin },
    payload: { email: 'pas une adresse' },
  });
  expect(bad.statusCode).toBe(400);
  expect(bad.json().error.fields.email).toBe('adresse e-mail invalide');

  const started = performance.now();
  const res = await ctx.app.inject({
    method: 'POST',
    url: '/api/admin/privacy/erasure',
    headers: { cookie: admin },
    payload: { email: ' Alice.Effacee@Example.org' },
  });
  console.log(`erasure of a person present in every module: ${(performance.now() - started).toFixed(0)} ms`);
  expect(res.statusCode).toBe(200);
  const report = res.json();
  const text = report.sentences.join('\n');
  expect(report.pseudonym).toMatch(/^personne effacée #[0-9a-f]{8}$/);
  expect(text).toContain('1 inscription à venir supprimée');
  expect(text).toContain('1 inscription passée anonymisée');
  expect(text).toMatch(/paiement HelloAsso conservé \(obligation comptable, 10 ans\)/);
  expect(text).toMatch(/documents? comptables? .*conservés? \(obligation comptable, 10 ans\), nom remplacé/);
  expect(text).toContain('1 compte supprimé');
  expect(text).toMatch(/entrées? du journal conservée/);
  expect(report.deleted).toBeGreaterThan(5);

  // The export of the address finds nothing any more.
  const after = await collectPersonalData(ctx.deps, alice, now);
  expect(after.counts).toEqual(
    Object.fromEntries(
      Object.entries(after.counts).map(([m, t]) => [
        m,
        Object.fromEntries(Object.keys(t).map((k) => [k, 0])),
      ]),
    ),
  );
  expect(after.total).toBe(0);
  // The accounting records are kept, without her name or address; the organisation's legal name stays.
  const docs = await ctx.db
    .select({ memberId: membershipDocuments.memberId, content: membershipDocuments.content })
    .from(membershipDocuments)
    .where(inArray(membershipDocuments.memberId, [a.memberId, own.json().id]));
  expect(docs.length).toBeGreaterThanOrEqual(2);
  const recipient = (d: (typeof docs)[number]) => (d.content.recipient as { name: string }).name;
  for (const d of docs.filter((d) => d.memberId === own.json().id))
    expect(recipient(d)).toBe(report.pseudonym);
  for (const d of docs.filter((d) => d.memberId === a.memberId))
    expect(recipient(d)).toBe('Atelier de Alice Effacée');
  expect(JSON.stringify(docs)).not.toContain(alice);
  const [order] = await ctx.db.select().from(helloAssoOrders).where(eq(helloAssoOrders.orderId, 4242));
  expect(order).toMatchObject({ payerName: report.pseudonym, payerEmail: null, amountCents: 12_000 });
  // The audit log keeps the facts, not the person.
  const count = async (q: ReturnType<typeof sql>) =>
    ((await ctx.db.execute(q)) as unknown as { rows: { n: number }[] }).rows[0].n;
  const n = await count(
    sql`select count(*)::int as n from audit_log where lower(coalesce(actor_label, '') || coalesce(before::text, '') || coalesce(after::text, '')) like ${`%${alice}%`}`,
  );
  expect(n).toBe(0);
  const m = await count(
    sql`select count(*)::int as n from audit_log where actor_label = ${report.pseudonym} or after::text like ${`%${report.pseudonym}%`}`,
  );
  expect(m).toBeGreaterThan(2);
  // The past registration still counts for the event, with nobody in it.
  const kept = await ctx.db.select().from(registrations).where(eq(registrations.eventId, past.id));
  expect(kept).toMatchObject([{ status: 'confirmed', name: 'personne effacée', organization: null }]);
  // Her session no longer opens anything.
  const me = await ctx.app.inject({ url: '/api/me', cookies: a.cookies });
  expect(me.json().account ?? null).toBeNull();
  // An import of the address is refused: it is never subscribed again.
  const [list] = await ctx.db
    .insert(newsletterLists)
    .values({
      networkId: club.network.id,
      name: 'Lettre d’après',
      consentText: 'J’accepte',
      consentVersion: '1',
    })
    .returning();
  const imported = await importSubscribers(
    ctx.deps,
    adminActor,
    list.id,
    `email;base;date du consentement\n${alice};consentement;01/05/2026\n`,
    { dryRun: true },
  );
  expect(imported.refused).toMatchObject([{ email: alice, reason: expect.stringMatching(/effacement/) }]);
  // Bob is untouched.
  expect((await collectPersonalData(ctx.deps, bob, now)).counts.registrations).toEqual(
    bobBefore.registrations,
  );
  expect(b.memberId).toBeTruthy();
}, 120_000);

it('erases through the emailed link: one click, the report, and the link is spent', async () => {
  const ask = (email: string) =>
    ctx.app.inject({ method: 'POST', url: '/api/privacy/erasure-requests', payload: { email } });
  const known = await ask(bob);
  const unknown = await ask('personne.inconnue@example.org');
  expect(known.statusCode).toBe(202);
  expect(unknown.body).toBe(known.body);
  expect(known.json().message).toMatch(/24 heures/);
  const [mail] = (await listOutbox(ctx.db, { to: bob })).filter((m) => m.kind === 'privacy.erasure-link');
  const token = mail.text.match(/\/donnees-personnelles\/effacement\/([A-Za-z0-9_-]+)/)?.[1];
  expect(token).toBeTruthy();
  // The export's link is not the erasure's, nor the other way round.
  expect((await ctx.app.inject({ url: `/api/privacy/exports/${token}` })).statusCode).toBe(404);
  const page = await ctx.app.inject({ url: `/api/privacy/erasures/${token}` });
  expect(page.statusCode).toBe(200);
  expect(page.json().email).toBe('bo•••••••@example.org');
  const done = await ctx.app.inject({ method: 'POST', url: `/api/privacy/erasures/${token}` });
  expect(done.statusCode).toBe(200);
  expect(done.json().sentences.join('\n')).toContain('1 compte supprimé');
  expect((await collectPersonalData(ctx.deps, bob, now)).total).toBe(0);
  const again = await ctx.app.inject({ method: 'POST', url: `/api/privacy/erasures/${token}` });
  expect(again.statusCode).toBe(404);
  expect(again.json().error.message).toMatch(/déjà utilisé ou a expiré/);
}, 60_000);
