import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { demoAccounts } from '../../../cli/demo/directory.ts';
import { seedDemo } from '../../../cli/demo/seed.ts';
import { createTestApp, type TestContext } from '../../testing.ts';
import { networks } from '../accounts/accounts.tables.ts';
import { members } from '../memberships/memberships.tables.ts';
import { exchangePosts, introductions } from './networking.tables.ts';
import { youthAnswers } from './networking.youth.tables.ts';

// The demo: the club's members' offers and needs, some answering each other, and introductions in each state.

let t: TestContext;
beforeAll(async () => {
  t = await createTestApp();
  await seedDemo(t.deps);
}, 120_000);
afterAll(() => t?.close());

it('seeds offers, needs and introductions in each state, labelled demo', async () => {
  const [club] = await t.db.select().from(networks).where(eq(networks.kind, 'club'));
  const posts = await t.db.select().from(exchangePosts).where(eq(exchangePosts.networkId, club.id));
  expect(posts.length).toBe(12);
  expect(posts.every((p) => p.isDemo)).toBe(true);
  expect(new Set(posts.map((p) => p.kind))).toEqual(new Set(['offer', 'need']));
  const intros = await t.db.select().from(introductions).where(eq(introductions.networkId, club.id));
  expect(new Set(intros.map((i) => i.status))).toEqual(new Set(['pending', 'accepted', 'declined']));
  expect(intros.some((i) => i.outcome === 'business' && i.outcomeAmountCents)).toBe(true);
  expect(intros.every((i) => i.isDemo)).toBe(true);

  // The club's coordinator sees the need's suggestions: the matching offer first, with its reason.
  const signIn = await t.app.inject({
    method: 'POST',
    url: '/api/auth/sign-in',
    payload: { email: demoAccounts.clubCoordinator.email, password: demoAccounts.clubCoordinator.password },
  });
  const cookie = String(signIn.headers['set-cookie']).split(';')[0];
  const need = posts.find((p) => p.title === 'Charpente pour agrandir notre atelier')!;
  const res = await t.app.inject({ url: `/api/exchange-posts/${need.id}/suggestions`, headers: { cookie } });
  const [first] = res.json().items;
  expect(first).toMatchObject({ type: 'offer', title: 'Charpente et ossature bois' });
  expect(first.reason).toMatch(/^même secteur : Construction ; .*mots en commun : charpente/);
  const summary = await t.app.inject({ url: `/api/networks/${club.id}/introductions`, headers: { cookie } });
  expect(summary.json().counts.requested).toBeGreaterThan(0);
}, 120_000);

it('puts a few quiet members on the radar, with next steps, and sponsors this year’s new members', async () => {
  const [club] = await t.db.select().from(networks).where(eq(networks.kind, 'club'));
  const signIn = await t.app.inject({
    method: 'POST',
    url: '/api/auth/sign-in',
    payload: { email: demoAccounts.clubCoordinator.email, password: demoAccounts.clubCoordinator.password },
  });
  const cookie = String(signIn.headers['set-cookie']).split(';')[0];
  const radar = (await t.app.inject({ url: `/api/networks/${club.id}/radar`, headers: { cookie } })).json();
  const current = await t.db
    .select()
    .from(members)
    .where(and(eq(members.networkId, club.id), inArray(members.status, ['active', 'grace'])));
  // A few: more than none, far fewer than the members.
  expect(radar.total).toBeGreaterThan(0);
  expect(radar.total).toBeLessThan(current.length / 4);
  expect(radar.items.slice(0, 3).every((i: { nextStep: unknown }) => i.nextStep)).toBe(true);
  const year = new Date().toISOString().slice(0, 4);
  const newcomers = current.filter((m) => m.memberSince?.startsWith(year));
  expect(newcomers.length).toBeGreaterThan(0);
  expect(newcomers.every((m) => m.sponsorMemberId)).toBe(true);
}, 120_000);

it('seeds offers to young people, the two lycées answering one, and young people hosted last year', async () => {
  const [club] = await t.db.select().from(networks).where(eq(networks.kind, 'club'));
  const signIn = await t.app.inject({
    method: 'POST',
    url: '/api/auth/sign-in',
    payload: { email: demoAccounts.clubCoordinator.email, password: demoAccounts.clubCoordinator.password },
  });
  const cookie = String(signIn.headers['set-cookie']).split(';')[0];
  const staff = (
    await t.app.inject({ url: `/api/networks/${club.id}/youth-offers`, headers: { cookie } })
  ).json();
  expect(staff.items.length).toBe(5);
  expect(new Set(staff.items.map((o: { kind: string }) => o.kind))).toEqual(
    new Set(['internship', 'apprenticeship', 'observation', 'visit']),
  );
  expect(staff.items.every((o: { isDemo: boolean }) => o.isDemo)).toBe(true);
  const pub = (await t.app.inject({ url: `/api/networks/${club.id}/youth-offers` })).json();
  expect(pub.items.length).toBe(3);
  expect(pub.items.filter((o: { contact: unknown }) => o.contact).length).toBe(1);
  const answers = await t.db.select().from(youthAnswers).where(eq(youthAnswers.networkId, club.id));
  expect(answers.length).toBe(2);
  expect(new Set(answers.map((a) => a.offerId)).size).toBe(1);
  const hosted = (
    await t.app.inject({ url: `/api/networks/${club.id}/youth-hosted`, headers: { cookie } })
  ).json();
  expect(hosted.years).toHaveLength(1);
  expect(hosted.years[0]).toMatchObject({ year: new Date().getFullYear() - 1, total: 7 });
}, 120_000);
