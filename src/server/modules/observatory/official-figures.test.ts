import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../testing.ts';
import { auditLog } from '../audit/audit.tables.ts';
import { testAccount, testNetwork } from '../organizations/organizations.test-helpers.ts';

// Published figures through the HTTP API: a coordinator previews a CSV (row errors by line and field), imports the
// good rows, the dashboards show them, and only the right people may import or remove them.

let t: TestContext;
let cress: { id: string };
let club: { id: string };
let coordinator: { cookie: string };
let clubCoordinator: { cookie: string };
let twoNetworks: { cookie: string };
let admin: { cookie: string };
let member: { cookie: string };

const csv = [
  'territoire;année;famille;emplois;etp;masse_salariale;établissements;source;url_source',
  'dep:54;2025;;30 500;;780 000 000;2 000;Presse régionale (Village 2025);https://example.org/village',
  'dep:54;2021;;30 200;23 910;;2 120;Presse régionale, article antérieur;',
  'dep:99;2025;;1;;;;Source;',
  'region:44;2015;association;;;;;RTES;',
  'region:44;20x5;;200 000;;;;RTES;pas-une-url',
].join('\n');

const importCsv = (cookie: string | undefined, body: string | Buffer, query = '') =>
  t.app.inject({
    method: 'POST',
    url: `/api/observatory/official-figures/import${query}`,
    headers: { 'content-type': 'text/csv', ...(cookie ? { cookie } : {}) },
    payload: body,
  });

beforeAll(async () => {
  t = await createTestApp();
  cress = await testNetwork(t.deps, 'CRESS test');
  club = await testNetwork(t.deps, 'Club test');
  coordinator = await testAccount(t.deps, { coordinatorOf: [cress.id] });
  clubCoordinator = await testAccount(t.deps, { coordinatorOf: [club.id] });
  twoNetworks = await testAccount(t.deps, { coordinatorOf: [cress.id, club.id] });
  admin = await testAccount(t.deps, { isPlatformAdmin: true });
  member = await testAccount(t.deps);
});
afterAll(() => t.close());

describe('published figures', () => {
  it('previews a CSV without writing anything: good rows counted, bad ones by line and field', async () => {
    const res = await importCsv(coordinator.cookie, csv);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      dryRun: true,
      total: 5,
      valid: 2,
      imported: 0,
      errors: [
        { line: 4, field: 'territory', reason: 'territoire inconnu : dep:99' },
        { line: 5, field: 'jobs', reason: 'aucun chiffre (emplois, ETP, masse salariale ou établissements)' },
        { line: 6, field: 'year', reason: 'année invalide : 20x5' },
        { line: 6, field: 'source_url', reason: 'adresse invalide : pas-une-url' },
      ],
    });
    expect((await t.app.inject({ url: '/api/observatory/official-figures' })).json().items).toEqual([]);
  });

  it('imports the good rows for the coordinator’s network, with one audit entry, and lists them', async () => {
    const res = await importCsv(coordinator.cookie, csv, '?dryRun=false');
    expect(res.json()).toMatchObject({ dryRun: false, total: 5, valid: 2, imported: 2 });
    const list = await t.app.inject({
      url: '/api/observatory/official-figures',
      headers: { cookie: coordinator.cookie },
    });
    const items = list.json().items;
    expect(items).toHaveLength(2);
    expect(items[0]).toMatchObject({
      territory: { code: 'dep:54', name: 'Meurthe-et-Moselle' },
      year: 2025,
      jobs: 30500,
      payroll: 780_000_000,
      establishments: 2000,
      source: 'Presse régionale (Village 2025)',
      sourceUrl: 'https://example.org/village',
      canRemove: true,
    });
    const audits = await t.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, 'observatory.official-figures.import'));
    expect(audits).toHaveLength(1);
    expect(audits[0].networkIds).toEqual([cress.id]);
    expect(audits[0].after).toMatchObject({ imported: 2, rejected: 4 });
    // Importing the same file again updates the same figures (territory, year, family, source).
    await importCsv(coordinator.cookie, csv, '?dryRun=false');
    expect((await t.app.inject({ url: '/api/observatory/official-figures' })).json().items).toHaveLength(2);
  });

  it('lets only the importing network’s coordinators and platform admins remove a figure', async () => {
    const items = (
      await t.app.inject({
        url: '/api/observatory/official-figures',
        headers: { cookie: clubCoordinator.cookie },
      })
    ).json().items;
    expect(items.every((i: { canRemove: boolean }) => !i.canRemove)).toBe(true);
    const remove = (cookie: string | undefined, id: string) =>
      t.app.inject({
        method: 'DELETE',
        url: `/api/observatory/official-figures/${id}`,
        headers: cookie ? { cookie } : {},
      });
    expect((await remove(undefined, items[0].id)).statusCode).toBe(401);
    expect((await remove(member.cookie, items[0].id)).statusCode).toBe(403);
    const refused = await remove(clubCoordinator.cookie, items[0].id);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.message).toMatch(/réseau qui a importé ce chiffre/);
    expect((await remove(coordinator.cookie, items[0].id)).statusCode).toBe(204);
    expect((await remove(admin.cookie, items[1].id)).statusCode).toBe(204);
    expect((await remove(admin.cookie, items[1].id)).statusCode).toBe(404);
    const removed = await t.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, 'observatory.official-figures.remove'));
    expect(removed.map((a) => a.entityId).sort()).toEqual([items[0].id, items[1].id].sort());
  });

  it('refuses visitors and accounts that coordinate nothing, and asks which network when there are several', async () => {
    expect((await importCsv(undefined, csv)).statusCode).toBe(401);
    expect((await importCsv(member.cookie, csv)).statusCode).toBe(403);
    const which = await importCsv(twoNetworks.cookie, csv);
    expect(which.statusCode).toBe(400);
    expect(which.json().error.fields).toHaveProperty('networkId');
    expect((await importCsv(twoNetworks.cookie, csv, `?networkId=${club.id}`)).statusCode).toBe(200);
    expect((await importCsv(clubCoordinator.cookie, csv, `?networkId=${cress.id}`)).statusCode).toBe(403);
  });

  it('refuses a file that is not UTF-8, lacks the required columns or is over 2 MB, naming the problem', async () => {
    const latin1 = Buffer.from(
      'territory;year;jobs;source\ndep:54;2025;30500;Conseil départemental\n',
      'latin1',
    );
    const notUtf8 = await importCsv(admin.cookie, latin1);
    expect(notUtf8.statusCode).toBe(400);
    expect(notUtf8.json().error.message).toMatch(/UTF-8/);
    const missing = await importCsv(admin.cookie, 'territory;jobs\ndep:54;1\n');
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.message).toBe('Colonnes manquantes : year, source');
    const tooBig = await importCsv(admin.cookie, Buffer.alloc(3 * 1024 * 1024, 'a'));
    expect(tooBig.statusCode).toBe(413);
    expect(tooBig.json().error.message).toBe('Fichier trop volumineux (2 Mo au plus)');
  });

  it('refuses rows that would replace another network’s figure, and lets that network replace its own', async () => {
    await importCsv(coordinator.cookie, csv, '?dryRun=false');
    const edited = csv.replace('30 500', '99 999');
    const taken = await importCsv(clubCoordinator.cookie, edited, '?dryRun=false');
    expect(taken.json()).toMatchObject({ valid: 0, imported: 0 });
    expect(taken.json().errors.filter((e: { reason: string }) => /autre réseau/.test(e.reason))).toEqual([
      expect.objectContaining({ line: 2, field: 'source' }),
      expect.objectContaining({ line: 3, field: 'source' }),
    ]);
    const jobs = async () =>
      (await t.app.inject({ url: '/api/observatory/official-figures' }))
        .json()
        .items.find((f: { year: number }) => f.year === 2025)?.jobs;
    expect(await jobs()).toBe(30500);
    expect((await importCsv(coordinator.cookie, edited, '?dryRun=false')).json().imported).toBe(2);
    expect(await jobs()).toBe(99999);
  });

  it('takes an empty year as unknown: one figure per territory, family and source, a bad year still refused', async () => {
    const file = (jobs: string, year = '') =>
      [
        'territoire;année;famille;emplois;source',
        `region:44;${year};;${jobs};RTES / INSEE Analyses Grand Est n° 33`,
        `region:44;  ;;17 000;Autre source`,
        'region:44;vers 2015;;1;RTES',
      ].join('\n');
    const first = await importCsv(admin.cookie, file('200 000'), '?dryRun=false');
    expect(first.json()).toMatchObject({
      imported: 2,
      errors: [{ line: 4, field: 'year', reason: 'année invalide : vers 2015' }],
    });
    // The same unknown-year figure imported again replaces the first one instead of adding a second.
    expect((await importCsv(admin.cookie, file('210 000'), '?dryRun=false')).json().imported).toBe(2);
    expect((await importCsv(admin.cookie, file('150 000', '2015'), '?dryRun=false')).json().imported).toBe(2);
    const items = (await t.app.inject({ url: '/api/observatory/official-figures' }))
      .json()
      .items.filter((f: { territory: { code: string } }) => f.territory.code === 'region:44')
      .map((f: { year: number | null; jobs: number; source: string }) => [f.year, f.jobs, f.source]);
    expect(items).toEqual([
      [2015, 150000, 'RTES / INSEE Analyses Grand Est n° 33'],
      [null, 17000, 'Autre source'],
      [null, 210000, 'RTES / INSEE Analyses Grand Est n° 33'],
    ]);
  });
});
