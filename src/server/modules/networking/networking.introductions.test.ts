import { and, eq, isNull } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../testing.ts';
import { auditLog } from '../audit/audit.tables.ts';
import { listOutbox } from '../mail/mail.service.ts';
import { buildClub, buildMember, caller } from './networking.fixtures.ts';
import { sendIntroductionFollowups } from './networking.followups.ts';
import { introductions } from './networking.tables.ts';

// Introductions: both members mailed their own link, no contact detail shown before both accepted, the same
// answer twice changes nothing and sends nothing, a decline ends it, the follow-up mail goes once whatever the
// number of runs, and the coordinators count what came of it.

let ctx: TestContext;
let now = new Date('2026-04-02T10:00:00Z');
beforeAll(async () => {
  ctx = await createTestApp({ now: () => now });
});
afterAll(() => ctx?.close());

const linkIn = (text: string) => {
  const m = text.match(/\/mises-en-relation\/reponse\/([A-Za-z0-9_-]+)/);
  if (!m) throw new Error(`no link in ${text}`);
  return m[1];
};
async function mailsTo(email: string, kind?: string) {
  const rows = await listOutbox(ctx.db, { to: email, limit: 100 });
  return rows.filter((r) => !kind || r.kind === kind);
}

async function setUp() {
  const club = await buildClub(ctx);
  const a = await buildMember(ctx, club, { name: 'Boulangerie Martin', communeCode: '52269' });
  const b = await buildMember(ctx, club, { name: 'Charpentes Langroises', communeCode: '52269' });
  return { club, a, b };
}

it('shows no contact before both accept, then each other’s; the same answer twice sends one mail', async () => {
  const call = caller(ctx);
  const { club, a, b } = await setUp();
  const asked = await call('POST', `/api/networks/${club.network.id}/introductions`, a.cookies, {
    memberAId: a.member.id,
    memberBId: b.member.id,
    message: 'Pour notre extension',
  });
  expect(asked.statusCode).toBe(201);
  const [toA] = await mailsTo(a.contact.email, 'networking.introduction-request');
  const [toB] = await mailsTo(b.contact.email, 'networking.introduction-request');
  // The request mails name the organisations, never the other side's contact details.
  expect(toB.text).toContain('Boulangerie Martin');
  for (const secret of [a.contact.email, a.contact.phone, a.contact.name])
    expect(toB.text).not.toContain(secret);
  for (const secret of [b.contact.email, b.contact.phone, b.contact.name])
    expect(toA.text).not.toContain(secret);
  const tokenA = linkIn(toA.text);
  const tokenB = linkIn(toB.text);
  expect(tokenA).not.toBe(tokenB);

  const view = async (token: string) => (await call('GET', `/api/introduction-links/${token}`)).json();
  expect(await view(tokenB)).toMatchObject({
    organizationName: 'Charpentes Langroises',
    otherOrganizationName: 'Boulangerie Martin',
    contacts: [],
    status: 'pending',
  });
  const answer = (token: string, decision: string) =>
    call('POST', `/api/introduction-links/${token}/answer`, undefined, { decision });

  const first = await answer(tokenA, 'accepted');
  expect(first.statusCode).toBe(200);
  expect(first.json()).toMatchObject({ myAnswer: 'accepted', status: 'pending', contacts: [] });
  expect((await answer(tokenA, 'accepted')).json()).toMatchObject({
    myAnswer: 'accepted',
    status: 'pending',
    contacts: [],
  });
  // Still nothing for anyone: the links, "Mes mises en relation".
  const leak = JSON.stringify([
    await view(tokenA),
    await view(tokenB),
    (await call('GET', '/api/me/introductions', a.cookies)).json(),
    (await call('GET', '/api/me/introductions', b.cookies)).json(),
  ]);
  for (const secret of [a.contact.email, a.contact.phone, b.contact.email, b.contact.phone])
    expect(leak).not.toContain(secret);
  expect(await mailsTo(a.contact.email, 'networking.introduction-accepted')).toHaveLength(0);

  const both = await answer(tokenB, 'accepted');
  expect(both.json()).toMatchObject({
    status: 'accepted',
    contacts: [{ name: a.contact.name, email: a.contact.email, phone: a.contact.phone }],
  });
  expect(await view(tokenA)).toMatchObject({
    status: 'accepted',
    contacts: [{ email: b.contact.email, phone: b.contact.phone }],
  });
  const mine = (await call('GET', '/api/me/introductions', a.cookies)).json().items;
  expect(mine[0]).toMatchObject({
    otherOrganizationName: 'Charpentes Langroises',
    contacts: [{ email: b.contact.email }],
  });
  // Accepting again: same answer, no further mail.
  expect((await answer(tokenB, 'accepted')).json().status).toBe('accepted');
  expect((await answer(tokenA, 'accepted')).json().status).toBe('accepted');
  expect(await mailsTo(a.contact.email, 'networking.introduction-accepted')).toHaveLength(1);
  expect(await mailsTo(b.contact.email, 'networking.introduction-accepted')).toHaveLength(1);
  expect((await mailsTo(a.contact.email, 'networking.introduction-accepted'))[0].text).toContain(
    b.contact.phone,
  );
  // Changing one's mind once settled: 409.
  expect((await answer(tokenA, 'declined')).statusCode).toBe(409);
  expect((await call('GET', '/api/introduction-links/inconnu-inconnu-inconnu-inconnu')).statusCode).toBe(404);

  const audit = await ctx.db.select().from(auditLog).where(eq(auditLog.entityId, asked.json().id));
  expect(audit.map((e) => e.action).sort()).toEqual([
    'networking.introduction-accept',
    'networking.introduction-accept',
    'networking.introduction-request',
  ]);
});

it('ends on a decline: no contacts, and refuses self, cross-network and strangers', async () => {
  const call = caller(ctx);
  const { club, a, b } = await setUp();
  const other = await buildClub(ctx);
  const far = await buildMember(ctx, other, { name: 'Ailleurs SARL' });
  const url = `/api/networks/${club.network.id}/introductions`;
  const self = await call('POST', url, a.cookies, { memberAId: a.member.id, memberBId: a.member.id });
  expect(self.statusCode).toBe(400);
  expect(self.json().error.fields.memberBId).toMatch(/lui-même/);
  const across = await call('POST', url, a.cookies, { memberAId: a.member.id, memberBId: far.member.id });
  expect(across.statusCode).toBe(400);
  expect(across.json().error.fields.memberBId).toMatch(/n’appartient pas à ce réseau/);
  // Asking in someone else's name, or from another network: 403.
  expect(
    (await call('POST', url, a.cookies, { memberAId: b.member.id, memberBId: a.member.id })).statusCode,
  ).toBe(403);
  expect(
    (await call('POST', url, other.coordinator.cookies, { memberAId: a.member.id, memberBId: b.member.id }))
      .statusCode,
  ).toBe(403);
  expect(
    (await call('POST', url, far.cookies, { memberAId: far.member.id, memberBId: b.member.id })).statusCode,
  ).toBe(403);

  // The coordinator introduces them; B declines through its link.
  const asked = await call('POST', url, club.coordinator.cookies, {
    memberAId: a.member.id,
    memberBId: b.member.id,
  });
  expect(asked.statusCode).toBe(201);
  expect(
    (await call('POST', url, club.coordinator.cookies, { memberAId: b.member.id, memberBId: a.member.id }))
      .statusCode,
  ).toBe(409);
  const tokenB = linkIn((await mailsTo(b.contact.email, 'networking.introduction-request'))[0].text);
  const tokenA = linkIn((await mailsTo(a.contact.email, 'networking.introduction-request'))[0].text);
  const declined = await call('POST', `/api/introduction-links/${tokenB}/answer`, undefined, {
    decision: 'declined',
  });
  expect(declined.json()).toMatchObject({ status: 'declined', contacts: [] });
  const late = await call('POST', `/api/introduction-links/${tokenA}/answer`, undefined, {
    decision: 'accepted',
  });
  expect(late.statusCode).toBe(409);
  const seen = JSON.stringify((await call('GET', `/api/introduction-links/${tokenA}`)).json());
  expect(seen).not.toContain(b.contact.email);
  expect(await mailsTo(a.contact.email, 'networking.introduction-accepted')).toHaveLength(0);
  const bad = await call('POST', `/api/introduction-links/${tokenA}/answer`, undefined, {
    decision: 'peut-être',
  });
  expect(bad.statusCode).toBe(400);
  expect(bad.json().error.fields.decision).toMatch(/réponse/);
});

it('sends the follow-up once across two concurrent runs, and the coordinators count the business done', async () => {
  const call = caller(ctx);
  const { club, a, b } = await setUp();
  await call('POST', `/api/networks/${club.network.id}/introductions`, a.cookies, {
    memberAId: a.member.id,
    memberBId: b.member.id,
  });
  const tokenA = linkIn((await mailsTo(a.contact.email, 'networking.introduction-request'))[0].text);
  const tokenB = linkIn((await mailsTo(b.contact.email, 'networking.introduction-request'))[0].text);
  // B accepts signed in, from "Mes mises en relation"; A through the link.
  const [mineB] = (await call('GET', '/api/me/introductions', b.cookies)).json().items;
  expect(
    (await call('POST', `/api/introductions/${mineB.id}/answer`, b.cookies, { decision: 'accepted' }))
      .statusCode,
  ).toBe(200);
  expect(
    (
      await call('POST', `/api/introductions/${mineB.id}/answer`, club.coordinator.cookies, {
        decision: 'accepted',
      })
    ).statusCode,
  ).toBe(404);
  await call('POST', `/api/introduction-links/${tokenA}/answer`, undefined, { decision: 'accepted' });

  const deps = ctx.deps;
  // Too early: nothing.
  now = new Date('2026-04-10T10:00:00Z');
  expect(await sendIntroductionFollowups({ ...deps, clock: () => now })).toBe(0);
  now = new Date('2026-04-30T10:00:00Z');
  // Every accepted introduction of this file waits for its follow-up (the first test's too).
  const waiting = await ctx.db
    .select({ id: introductions.id })
    .from(introductions)
    .where(and(eq(introductions.status, 'accepted'), isNull(introductions.followupSentAt)));
  expect(waiting.length).toBeGreaterThanOrEqual(1);
  const runs = await Promise.all([
    sendIntroductionFollowups({ ...deps, clock: () => now }),
    sendIntroductionFollowups({ ...deps, clock: () => now }),
  ]);
  expect(runs.reduce((s, n) => s + n, 0)).toBe(waiting.length);
  expect(await sendIntroductionFollowups({ ...deps, clock: () => now })).toBe(0);
  const followups = await mailsTo(a.contact.email, 'networking.introduction-followup');
  expect(followups).toHaveLength(1);
  expect(linkIn(followups[0].text)).toBe(tokenA);
  expect(await mailsTo(b.contact.email, 'networking.introduction-followup')).toHaveLength(1);

  const told = await call('POST', `/api/introduction-links/${tokenB}/outcome`, undefined, {
    outcome: 'business',
    amountCents: 450_000,
  });
  expect(told.statusCode).toBe(200);
  expect(JSON.stringify(told.json())).not.toContain('450000');
  expect(JSON.stringify((await call('GET', '/api/me/introductions', a.cookies)).json())).not.toContain(
    '450000',
  );
  const bad = await call('POST', `/api/introduction-links/${tokenB}/outcome`, undefined, {
    outcome: 'super',
  });
  expect(bad.json().error.fields).toHaveProperty('outcome');

  const summary = await call(
    'GET',
    `/api/networks/${club.network.id}/introductions?year=2026`,
    club.coordinator.cookies,
  );
  expect(summary.json().counts).toMatchObject({
    requested: 1,
    accepted: 1,
    business: 1,
    businessAmountCents: 450_000,
  });
  expect(summary.json().items[0]).toMatchObject({ outcome: 'business', outcomeAmountCents: 450_000 });
  expect((await call('GET', `/api/networks/${club.network.id}/introductions`, a.cookies)).statusCode).toBe(
    403,
  );
  now = new Date('2026-04-02T10:00:00Z');
});
