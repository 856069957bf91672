import iconv from 'iconv-lite';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../testing.ts';
import { withLuhnDigit } from '../company-identity/siret.ts';
import { buildOrganization, nextSiret } from './organizations.factory.ts';
import { testAccount, testNetwork } from './organizations.test-helpers.ts';

let t: TestContext;
let admin: { cookie: string };

beforeAll(async () => {
  t = await createTestApp();
  admin = await testAccount(t.deps, { isPlatformAdmin: true });
});
afterAll(async () => t?.close());

const upload = (body: string | Buffer, query = 'dryRun=false', cookie = admin.cookie) =>
  t.app.inject({
    method: 'POST',
    url: `/api/organizations/import?${query}`,
    payload: body,
    headers: { cookie, 'content-type': 'text/csv' },
  });

const count = async () => (await t.app.inject({ url: '/api/organizations' })).json().total as number;

describe('CSV import', () => {
  it('imports a French Excel file (BOM, `;`), keeps good rows and reports bad ones by line and field', async () => {
    const s1 = nextSiret();
    const s2 = nextSiret();
    const csv = [
      'Nom;SIRET;Catégorie juridique;Code NAF;Code commune;Code postal;Étiquettes;Colonne libre',
      `Épicerie Solidaire du Toulois;${s1};9220;8899B;54528;54200;alimentation|insertion;x`,
      'Mauvais SIRET;73282932000075;9220;;54395;;;',
      `Commune inconnue;;;;99999;;;`,
      `"Ressourcerie ""Le Grenier""";${s2};5458;38.32Z;52448;52100;;`,
      ';;;;;;;',
      `Doublon fichier;${s2};;;;;;`,
    ].join('\r\n');
    const before = await count();
    const dry = await upload(`\uFEFF${csv}`, 'dryRun=true');
    expect(dry.statusCode, dry.body).toBe(200);
    expect(dry.json()).toMatchObject({ dryRun: true, total: 5, valid: 2, created: 2, updated: 0 });
    expect(await count()).toBe(before);

    const res = await upload(`\uFEFF${csv}`);
    const report = res.json();
    expect(report).toMatchObject({ dryRun: false, total: 5, valid: 2, created: 2, updated: 0 });
    expect(report.ignoredColumns).toEqual(['Colonne libre']);
    expect(report.errors).toEqual([
      { line: 3, field: 'siret', reason: expect.stringMatching(/clé de contrôle/) },
      { line: 4, field: 'communeCode', reason: expect.stringMatching(/commune inconnue/) },
      { line: 7, field: 'siret', reason: 'SIRET déjà présent ligne 5 du fichier' },
    ]);
    expect(await count()).toBe(before + 2);
    const found = (await t.app.inject({ url: '/api/organizations?q=grenier' })).json().items[0];
    expect(found).toMatchObject({
      name: 'Ressourcerie "Le Grenier"',
      essFamily: 'cooperative',
      nafSection: 'E',
    });
    const toulois = (await t.app.inject({ url: '/api/organizations?q=toulois' })).json().items[0];
    expect(toulois).toMatchObject({ nafCode: '88.99B', tags: ['alimentation', 'insertion'] });
  });

  it('upserts by SIRET, with English headers and commas', async () => {
    const existing = await buildOrganization(t.deps, { name: 'Ancien Nom', siret: nextSiret() });
    const csv = `name,siret,website,esus\nNouveau Nom,${existing.siret},https://nouveau.example.org,oui\n`;
    const report = (await upload(csv)).json();
    expect(report).toMatchObject({ created: 0, updated: 1, errors: [] });
    const after = (await t.app.inject({ url: `/api/organizations/${existing.id}` })).json();
    expect(after).toMatchObject({ name: 'Nouveau Nom', website: 'https://nouveau.example.org', esus: true });
    expect(after.communeCode).toBe('54395');
  });

  it('refuses a file that is not UTF-8 or lacks the name column, before writing anything', async () => {
    const before = await count();
    const latin1 = iconv.encode('Nom;Code commune\nAssociation Été;54395\n', 'win1252');
    const res = await upload(latin1);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toMatch(/UTF-8/);
    const noName = await upload('siret;commune\n123;54395\n');
    expect(noName.statusCode).toBe(400);
    expect(noName.json().error.message).toMatch(/Colonne obligatoire absente/);
    expect(await count()).toBe(before);
  });

  it('requires a coordinator (with networkId) or an admin, and attaches to the network', async () => {
    const network = await testNetwork(t.deps);
    const coordinator = await testAccount(t.deps, { coordinatorOf: [network.id] });
    const stranger = await testAccount(t.deps);
    const csv = `Nom;SIRET\nAsso du club;${nextSiret()}\n`;
    expect((await upload(csv, 'dryRun=false', '')).statusCode).toBe(401);
    expect((await upload(csv, `dryRun=false&networkId=${network.id}`, stranger.cookie)).statusCode).toBe(403);
    const ok = await upload(csv, `dryRun=false&networkId=${network.id}`, coordinator.cookie);
    expect(ok.json()).toMatchObject({ created: 1 });
    const org = (await t.app.inject({ url: '/api/organizations?q=asso du club' })).json().items[0];
    const detail = (await t.app.inject({ url: `/api/organizations/${org.id}` })).json();
    expect(detail.networks.map((n: { id: string }) => n.id)).toEqual([network.id]);
    expect(detail.source).toBe('import');
  });

  it('accepts files over 1 MB on the import route, up to 10 MB', async () => {
    const lines = ['Nom;Description'];
    for (let i = 0; i < 1200; i++) lines.push(`Association ${i};${'x'.repeat(1000)}`);
    const res = await upload(lines.join('\n'), 'dryRun=true');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ total: 1200, valid: 1200 });
    const tooBig = await upload(`Nom;Description\nA;${'x'.repeat(10 * 1024 * 1024)}\n`, 'dryRun=true');
    expect(tooBig.statusCode).toBe(413);
    expect(tooBig.json().error).toMatchObject({
      code: 'PAYLOAD_TOO_LARGE',
      message: expect.stringMatching(/10 Mo/),
    });
    const bad = await upload('siret\n1\n', 'dryRun=true');
    expect(bad.json().error.code).toBe('INVALID_INPUT');
  });
});

describe('CSV export', () => {
  it('writes UTF-8 with BOM, `;`, and neutralises formula cells', async () => {
    await buildOrganization(t.deps, {
      name: '=HYPERLINK("http://evil")',
      communeCode: '88160',
      siret: withLuhnDigit(`${withLuhnDigit('41234567')}0001`),
      tags: ['-risque', '@lien'],
    });
    const res = await t.app.inject({ url: '/api/organizations/export.csv?territory=dep:88' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/csv/);
    expect(res.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const parsed = Papa.parse<string[]>(res.body.replace(/^\uFEFF/, ''), { delimiter: ';' });
    const [header, row] = parsed.data;
    expect(header?.[0]).toBe('Nom');
    expect(row?.[0]).toBe(`'=HYPERLINK("http://evil")`);
    expect(row?.[header!.indexOf('Étiquettes')]).toBe(`'-risque|@lien`);
    expect(row?.[header!.indexOf('Commune')]).toBe('Épinal');
    expect(parsed.data.filter((r) => r.length > 1)).toHaveLength(2);

    const bad = await t.app.inject({ url: '/api/organizations/export.csv?territory=nowhere' });
    expect(bad.statusCode).toBe(400);
  });
});
