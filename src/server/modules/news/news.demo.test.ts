import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { demoAccounts } from '../../../cli/demo/directory.ts';
import { seedDemo } from '../../../cli/demo/seed.ts';
import { createTestApp, type TestContext } from '../../testing.ts';
import { networks } from '../accounts/accounts.tables.ts';

// The demo: each network's news, labelled demo, dated back from the seeding day, with one draft its coordinator
// alone sees.

let t: TestContext;
const now = new Date('2026-09-20T15:30:00Z');
beforeAll(async () => {
  t = await createTestApp({ now: () => now });
  await seedDemo(t.deps);
}, 120_000);
afterAll(() => t?.close());

it('seeds published news and one draft per network, labelled demo', async () => {
  const [club] = await t.db.select().from(networks).where(eq(networks.slug, 'club-sud-haute-marne-demo'));
  const pub = (await t.app.inject({ url: `/api/networks/${club.slug}/news` })).json();
  expect(pub.items.length).toBe(2);
  expect(
    pub.items.every((p: { isDemo: boolean; title: string }) => p.isDemo && p.title.endsWith('(démo)')),
  ).toBe(true);
  expect(pub.items[0].publishedAt).toBe('2026-09-18T09:00:00.000Z');
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/auth/sign-in',
    payload: { email: demoAccounts.clubCoordinator.email, password: demoAccounts.clubCoordinator.password },
  });
  const cookie = String(res.headers['set-cookie']).split(';')[0];
  const drafts = (
    await t.app.inject({ url: `/api/networks/${club.id}/news?status=draft`, headers: { cookie } })
  ).json();
  expect(drafts.items.map((p: { title: string }) => p.title)).toEqual([
    'Assemblée générale : les dates sont fixées (démo)',
  ]);
  const [chamber] = await t.db.select().from(networks).where(eq(networks.slug, 'cress-grand-est-demo'));
  expect((await t.app.inject({ url: `/api/networks/${chamber.id}/news` })).json().total).toBe(3);
}, 120_000);
