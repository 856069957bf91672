import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { networkOrganizations, networks } from '../../server/modules/accounts/accounts.tables.ts';
import { organizations } from '../../server/modules/organizations/organizations.tables.ts';
import { normalizeName } from '../../server/modules/territories/territories.service.ts';
import { createTestApp, type TestContext } from '../../server/testing.ts';
import { demoAccounts } from './directory.ts';
import { demoSignIns, seedDemo } from './seed.ts';

let t: TestContext;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t?.close());

const countOrgs = async () => (await t.db.select({ n: count() }).from(organizations))[0].n;

it('seeds the demo on an empty database and keeps it on a second start', async () => {
  const started = performance.now();
  await seedDemo(t.deps);
  // How long it took is printed, not asserted: a timed test only measures the machine's load (37 s on a loaded CI
  // machine, under 10 s idle).
  console.log(`demo seeded in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  expect(await countOrgs()).toBe(608);
  expect(demoSignIns.map((s) => s.email)).toEqual(Object.values(demoAccounts).map((a) => a.email));

  const attached = await t.db
    .select({ slug: networks.slug, n: count() })
    .from(networkOrganizations)
    .innerJoin(networks, eq(networks.id, networkOrganizations.networkId))
    .groupBy(networks.slug);
  expect(Object.fromEntries(attached.map((a) => [a.slug, a.n]))).toEqual({
    'cress-grand-est-demo': 308,
    'club-sud-haute-marne-demo': 100,
  });

  await seedDemo(t.deps);
  expect(await countOrgs()).toBe(608);
  expect((await t.app.inject({ url: '/api/site' })).json().demo).toBe(true);
  // Two seedings: ~10 s idle, over 30 s (the default timeout) on a loaded machine.
}, 180_000);

it('reads varied: a page of the directory is not twenty organisations of one kind in a row', async () => {
  const page = (await t.app.inject({ url: '/api/organizations?pageSize=20' })).json().items as {
    name: string;
  }[];
  expect(page).toHaveLength(20);
  // The default order is by name: a naming pattern shared by many rows would fill the first page.
  const shared = (words: number) => {
    const counts = new Map<string, number>();
    for (const { name } of page) {
      const key = normalizeName(name)
        .split(/[\s’']+/)
        .slice(0, words)
        .join(' ');
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    return { most: Math.max(...counts.values()), distinct: counts.size };
  };
  expect(shared(1).most, page.map((o) => o.name).join('\n')).toBeLessThanOrEqual(5);
  expect(shared(1).distinct).toBeGreaterThanOrEqual(8);
  expect(shared(2).most).toBeLessThanOrEqual(4);
});

it('fills the fair near Nancy mostly from Meurthe-et-Moselle, each pitch saying what its exhibitor does', async () => {
  const village = (await t.app.inject({ url: '/api/fairs' }))
    .json()
    .items.find((f: { name: string }) => f.name.includes('Village'));
  const exhibitors = (await t.app.inject({ url: `/api/fairs/${village.id}/exhibitors` })).json().items as {
    name: string;
    essFamily: string;
    departmentCode: string;
    pitch: string;
  }[];
  expect(exhibitors).toHaveLength(86);
  const local = exhibitors.filter((e) => e.departmentCode === '54');
  expect(local.length / exhibitors.length).toBeGreaterThanOrEqual(0.7);
  expect(local.length).toBeLessThan(exhibitors.length); // and a few neighbours
  // The pitch follows the activity the name announces, and only associations call for volunteers.
  const gardens = exhibitors.filter((e) =>
    /^(Les Jardins|Jardin solidaire|Potager|Les Paniers)/.test(e.name),
  );
  expect(gardens.length).toBeGreaterThan(0);
  for (const g of gardens) expect(g.pitch).toMatch(/légumes/);
  for (const e of exhibitors.filter((x) => /^CUMA /.test(x.name))) expect(e.pitch).toMatch(/matériel/);
  for (const e of exhibitors.filter((x) => x.essFamily !== 'association'))
    expect(e.pitch, e.name).not.toMatch(/bénévoles/);
  expect(new Set(exhibitors.map((e) => e.pitch.split(/[.;:]/)[0])).size).toBeGreaterThan(15);
});

it('lets the demo coordinator sign in with the printed password and edit a chamber organisation', async () => {
  const { email, password } = demoAccounts.chamberCoordinator;
  const signIn = await t.app.inject({
    method: 'POST',
    url: '/api/auth/sign-in',
    payload: { email, password },
  });
  expect(signIn.statusCode).toBe(200);
  const cookie = String(signIn.headers['set-cookie']).split(';')[0];
  const me = (await t.app.inject({ url: '/api/me', headers: { cookie } })).json();
  expect(me.networks).toMatchObject([{ slug: 'cress-grand-est-demo', role: 'coordinator' }]);

  const byText = (await t.app.inject({ url: '/api/organizations?q=jardins' })).json();
  expect(byText.items.length).toBeGreaterThan(5);
  expect(byText.items[0].name).toMatch(/Jardins?\b/);
  const found = await t.app.inject({ url: '/api/organizations?territory=dep:54&family=association' });
  expect(found.statusCode).toBe(200);
  const org = found.json().items[0];
  expect(org).toMatchObject({ isDemo: true, departmentCode: '54', essFamily: 'association' });
  const detail = (await t.app.inject({ url: `/api/organizations/${org.id}`, headers: { cookie } })).json();
  expect(detail.canEdit).toBe(true);
  expect(detail.networks[0].slug).toBe('cress-grand-est-demo');
});

it('gives the demo editor one organisation to edit', async () => {
  const { email, password } = demoAccounts.editor;
  const signIn = await t.app.inject({
    method: 'POST',
    url: '/api/auth/sign-in',
    payload: { email, password },
  });
  const cookie = String(signIn.headers['set-cookie']).split(';')[0];
  const me = (await t.app.inject({ url: '/api/me', headers: { cookie } })).json();
  expect(me.organizations).toHaveLength(1);
});
