import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../testing.ts';
import { listOutbox } from '../mail/mail.service.ts';
import { buildAccount, buildClub, buildOrganization, caller } from './memberships.fixtures.ts';

// Joining through the public form: consent with the terms' version, spam protection, approval (member, first call
// for dues mailed with its PDF) or decline (mailed), a second decision refused.

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp({ now: () => new Date('2026-04-02T10:00:00Z') });
});
afterAll(() => ctx?.close());

it('takes an application, and the coordinator approves it once: member, call for dues mailed', async () => {
  const call = caller(ctx);
  const { network, coordinator, small, large } = await buildClub(ctx);
  const other = await buildClub(ctx);
  const org = await buildOrganization(ctx.db, { name: 'Garage des Trois Provinces' });
  const staff = await buildAccount(ctx.db, { editorOf: org.id });
  const form = (extra: Record<string, unknown> = {}, ip = '203.0.113.7') =>
    ctx.app.inject({
      method: 'POST',
      url: `/api/networks/${network.id}/applications`,
      headers: { 'x-forwarded-for': ip },
      payload: {
        organizationId: org.id,
        planId: large.id,
        contacts: [{ name: 'Lucie Garage', role: 'main', email: staff.account.email }],
        applicantEmail: staff.account.email,
        termsVersion: '2026-01',
        consent: true,
        ...extra,
      },
    });

  const noConsent = await form({ consent: false });
  expect(noConsent.statusCode).toBe(400);
  expect(noConsent.json().error.fields).toHaveProperty('consent');
  const stale = await form({ termsVersion: '2025-01' });
  expect(stale.statusCode).toBe(400);
  expect(stale.json().error.fields).toHaveProperty('termsVersion');
  const wrongPlan = await form({ planId: other.small.id });
  expect(wrongPlan.json().error.fields).toHaveProperty('planId');
  const noOrg = await form({ organizationId: null });
  expect(noOrg.json().error.fields).toHaveProperty('organizationId');
  const badSiret = await form({
    organizationId: null,
    newOrganization: { name: 'Nouvelle SARL', siret: '12345678901234' },
  });
  expect(badSiret.statusCode).toBe(400);
  expect(badSiret.json().error.fields).toHaveProperty(['newOrganization.siret']);

  const sent = await form({ message: 'Nous aimerions rejoindre le club.' });
  expect(sent.statusCode).toBe(201);
  expect((await form()).statusCode).toBe(409);
  // A new organisation, not yet in the directory.
  const fresh = await form({
    organizationId: null,
    newOrganization: { name: 'Fromagerie du Plateau', postalCode: '52200' },
    planId: small.id,
    contacts: [{ name: 'Jean Fromage', role: 'main', email: 'jean@fromagerie.example' }],
    applicantEmail: 'jean@fromagerie.example',
  });
  expect(fresh.statusCode).toBe(201);
  expect((await listOutbox(ctx.db, { to: 'jean@fromagerie.example' }))[0].kind).toBe(
    'memberships.application-received',
  );

  // The coordinators review; another network sees nothing.
  expect(
    (await call('GET', `/api/networks/${network.id}/applications`, other.coordinator.cookies)).statusCode,
  ).toBe(403);
  expect((await call('GET', `/api/networks/${network.id}/applications`)).statusCode).toBe(401);
  const items = (
    await call('GET', `/api/networks/${network.id}/applications?status=pending`, coordinator.cookies)
  ).json().items;
  expect(items.map((a: { organizationName: string }) => a.organizationName)).toEqual([
    'Garage des Trois Provinces',
    'Fromagerie du Plateau',
  ]);
  expect(items[0]).toMatchObject({ termsVersion: '2026-01', message: 'Nous aimerions rejoindre le club.' });

  const decide = (id: string, body: Record<string, unknown>, who = coordinator) =>
    call('POST', `/api/networks/${network.id}/applications/${id}/decision`, who.cookies, body);
  expect((await decide(items[0].id, { decision: 'approved' }, other.coordinator)).statusCode).toBe(403);
  const approved = await decide(items[0].id, { decision: 'approved', message: 'Bienvenue au club !' });
  expect(approved.statusCode).toBe(200);
  const memberId = approved.json().memberId;
  expect((await decide(items[0].id, { decision: 'approved' })).statusCode).toBe(409);
  expect((await decide(items[0].id, { decision: 'declined' })).statusCode).toBe(409);

  const [mail] = await listOutbox(ctx.db, { to: staff.account.email });
  expect(mail.kind).toBe('memberships.application-approved');
  expect(mail.text).toContain('Bienvenue au club !');
  expect(mail.text).toContain('360,00 € TTC');
  expect(mail.attachments?.[0].filename).toMatch(/^appel-de-cotisation-2026-\d{5}\.pdf$/);
  // The applicant, editor of the organisation and linked as its contact, reads its record and its call for dues.
  const own = (await call('GET', `/api/members/${memberId}`, staff.cookies)).json();
  expect(own).toMatchObject({
    status: 'pending',
    contacts: [{ name: 'Lucie Garage', accountId: staff.account.id }],
  });
  expect(own.periods[0]).toMatchObject({ startsOn: '2026-04-02', endsOn: '2026-12-31', dueCents: 36_000 });
  const mine = (await call('GET', '/api/me/memberships', staff.cookies)).json().items;
  expect(mine).toEqual([
    expect.objectContaining({ id: memberId, organizationName: 'Garage des Trois Provinces' }),
  ]);

  // Declining the new organisation creates nothing, and says so by mail.
  expect(
    (
      await decide(items[1].id, {
        decision: 'declined',
        message: 'Réservé aux entreprises du sud du département.',
      })
    ).json().memberId,
  ).toBeNull();
  const [declined] = await listOutbox(ctx.db, { to: 'jean@fromagerie.example' });
  expect(declined.kind).toBe('memberships.application-declined');
  expect(declined.text).toContain('Réservé aux entreprises');
  expect(
    (await call('GET', `/api/networks/${network.id}/memberships`, coordinator.cookies)).json().total,
  ).toBe(1);
});

it('answers a filled honeypot like a success but stores nothing, and limits applications per address', async () => {
  const { network, coordinator, small } = await buildClub(ctx);
  const post = (ip: string, website?: string) =>
    ctx.app.inject({
      method: 'POST',
      url: `/api/networks/${network.id}/applications`,
      headers: { 'x-forwarded-for': ip },
      payload: {
        newOrganization: { name: 'Robot SARL' },
        planId: small.id,
        contacts: [{ name: 'Bot', role: 'main', email: 'bot@example.org' }],
        applicantEmail: 'bot@example.org',
        termsVersion: '2026-01',
        consent: true,
        website,
      },
    });
  expect((await post('198.51.100.1', 'http://spam.example')).statusCode).toBe(201);
  const list = await caller(ctx)('GET', `/api/networks/${network.id}/applications`, coordinator.cookies);
  expect(list.json().items).toHaveLength(0);
  expect(await listOutbox(ctx.db, { to: 'bot@example.org' })).toHaveLength(0);
  for (let i = 0; i < 19; i++) expect((await post('198.51.100.1', 'x')).statusCode).toBe(201);
  expect((await post('198.51.100.1', 'x')).statusCode).toBe(429);
  expect((await post('198.51.100.2', 'x')).statusCode).toBe(201);
});
