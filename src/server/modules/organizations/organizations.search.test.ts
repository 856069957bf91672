import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../testing.ts';
import { buildOrganization } from './organizations.factory.ts';

let t: TestContext;
const ids: Record<string, string> = {};

beforeAll(async () => {
  t = await createTestApp();
  const make = async (key: string, fields: Parameters<typeof buildOrganization>[1]) => {
    ids[key] = (await buildOrganization(t.deps, fields)).id;
  };
  await make('coop', {
    name: 'Coopérative Laitière de la Meuse',
    legalCategory: '5458',
    communeCode: '55029', // Bar-le-Duc
    postalCode: '55000',
    nafCode: '10.51C',
    tags: ['alimentation'],
  });
  await make('asso', {
    name: 'Association Saint-Dizier Solidarités',
    acronym: 'ASDS',
    communeCode: '52448', // Saint-Dizier
    postalCode: '52100',
    description: 'Épicerie solidaire et **insertion** professionnelle.',
    headcountBracket: '12',
    tags: ['insertion', 'alimentation'],
  });
  await make('nancy', {
    name: 'Éco-Jardins de Nancy',
    legalCategory: '9220',
    communeCode: '54395',
    nafCode: '81.30Z',
  });
  await make('mutual', { name: 'Mutuelle Vosgienne', legalCategory: '8210', communeCode: '88160' });
});
afterAll(async () => t?.close());

const search = async (query: string) => {
  const res = await t.app.inject({ url: `/api/organizations?${query}` });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as {
    items: { id: string; name: string }[];
    total: number;
    page: number;
    pageSize: number;
  };
};
const names = (r: { items: { name: string }[] }) => r.items.map((i) => i.name);

describe('directory search', () => {
  it('finds by name, accent- and case-insensitively', async () => {
    expect(names(await search('q=cooperative'))).toEqual(['Coopérative Laitière de la Meuse']);
    expect(names(await search('q=ECO JARDINS'))).toEqual(['Éco-Jardins de Nancy']);
    expect(names(await search('q=st dizier'))).toEqual(['Association Saint-Dizier Solidarités']);
  });

  it('tolerates typos', async () => {
    expect(names(await search('q=cooperatve'))).toEqual(['Coopérative Laitière de la Meuse']);
    expect(names(await search('q=mutuele vosgiene'))).toEqual(['Mutuelle Vosgienne']);
  });

  it('uses French full text on descriptions (stemming) and acronyms', async () => {
    expect(names(await search('q=epiceries'))).toEqual(['Association Saint-Dizier Solidarités']);
    expect(names(await search('q=asds'))).toEqual(['Association Saint-Dizier Solidarités']);
    expect((await search('q=introuvablexyz')).total).toBe(0);
  });

  it('filters by territory at any level, family, NAF section, headcount and tag', async () => {
    expect(names(await search('territory=dep:55'))).toEqual(['Coopérative Laitière de la Meuse']);
    expect(names(await search('territory=com:54395'))).toEqual(['Éco-Jardins de Nancy']);
    expect((await search('territory=region:44')).total).toBe(4);
    expect(names(await search('family=mutual'))).toEqual(['Mutuelle Vosgienne']);
    expect(names(await search('nafSection=C'))).toEqual(['Coopérative Laitière de la Meuse']);
    expect(names(await search('headcount=12'))).toEqual(['Association Saint-Dizier Solidarités']);
    expect(names(await search('tag=alimentation&sort=name'))).toEqual([
      'Association Saint-Dizier Solidarités',
      'Coopérative Laitière de la Meuse',
    ]);
    expect(names(await search('q=solidarites&territory=dep:54'))).toEqual([]);
  });

  it('refuses an unknown territory or filter value with 400', async () => {
    const res = await t.app.inject({ url: '/api/organizations?territory=dep:999' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields.territory).toBeDefined();
    expect((await t.app.inject({ url: '/api/organizations?family=club' })).statusCode).toBe(400);
    expect((await t.app.inject({ url: '/api/organizations?pageSize=1000' })).statusCode).toBe(400);
  });

  it('orders by name (accents ignored) and paginates with a total', async () => {
    const page1 = await search('sort=name&pageSize=3');
    expect(names(page1)).toEqual([
      'Association Saint-Dizier Solidarités',
      'Coopérative Laitière de la Meuse',
      'Éco-Jardins de Nancy',
    ]);
    expect(page1.total).toBe(4);
    const page2 = await search('sort=name&pageSize=3&page=2');
    expect(names(page2)).toEqual(['Mutuelle Vosgienne']);
    expect(page2).toMatchObject({ total: 4, page: 2, pageSize: 3 });
    expect((await search('sort=name&pageSize=3&page=5')).total).toBe(4);
  });
});
