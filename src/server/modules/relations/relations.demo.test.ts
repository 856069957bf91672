import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { demoAccounts } from '../../../cli/demo/directory.ts';
import { seedDemo } from '../../../cli/demo/seed.ts';
import { createTestApp, type TestContext } from '../../testing.ts';
import { networks } from '../accounts/accounts.tables.ts';

// The demo: the club coordinator's relations log, with the mayors of Langres and Chaumont, the département,
// France Travail and two lycées, interactions and open tasks; the chamber's coordinator sees none of it.

let t: TestContext;
beforeAll(async () => {
  t = await createTestApp();
  await seedDemo(t.deps);
}, 120_000);
afterAll(() => t?.close());

async function signIn(account: { email: string; password: string }) {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/auth/sign-in',
    payload: { email: account.email, password: account.password },
  });
  return String(res.headers['set-cookie']).split(';')[0];
}

it('seeds the club’s relations log for its coordinator alone, labelled demo', async () => {
  const [club] = await t.db.select().from(networks).where(eq(networks.slug, 'club-sud-haute-marne-demo'));
  const cookie = await signIn(demoAccounts.clubCoordinator);
  const list = (
    await t.app.inject({ url: `/api/networks/${club.id}/relation-contacts`, headers: { cookie } })
  ).json();
  expect(list.total).toBe(6);
  expect(
    list.items.every((c: { isDemo: boolean; name: string }) => c.isDemo && c.name.endsWith('(démo)')),
  ).toBe(true);
  const mayors = list.items.filter((c: { role: string }) => c.role === 'Maire');
  expect(mayors.map((m: { territoryName: string }) => m.territoryName).sort()).toEqual([
    'Chaumont',
    'Langres',
  ]);
  const tasks = (await t.app.inject({ url: '/api/me/relation-tasks', headers: { cookie } })).json().items;
  expect(tasks).toHaveLength(3);
  expect(tasks.some((x: { overdue: boolean }) => x.overdue)).toBe(true);
  const dep = await t.app.inject({
    url: `/api/networks/${club.id}/relations/territory-timeline?territory=dep:52`,
    headers: { cookie },
  });
  // The relations demo's four interactions in the département, and the two lycées' answers to a member's internship
  // offer (networking.youth.demo.ts), logged as interactions with those schools.
  expect(dep.json().items).toHaveLength(6);

  const chamber = await signIn(demoAccounts.chamberCoordinator);
  const other = await t.app.inject({
    url: `/api/networks/${club.id}/relation-contacts`,
    headers: { cookie: chamber },
  });
  expect(other.statusCode).toBe(403);
}, 120_000);
