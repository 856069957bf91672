import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../testing.ts';
import { canonicalTerritoryCode, communeAncestry, searchTerritories } from './territories.service.ts';

describe('territories (reference)', () => {
  it('finds Saint-Dizier by a sloppy name and by postcode', () => {
    expect(searchTerritories('st dizier')[0]).toMatchObject({ code: 'com:52448', name: 'Saint-Dizier' });
    expect(searchTerritories('SAINT-DIZIER')[0].code).toBe('com:52448');
    expect(searchTerritories('52100').map((t) => t.code)).toContain('com:52448');
  });

  it('maps municipal arrondissements and former codes to their commune', () => {
    expect(canonicalTerritoryCode('com:13201')).toBe('com:13055');
    expect(canonicalTerritoryCode('75112')).toBe('com:75056');
    expect(canonicalTerritoryCode('52241')).toBe('com:52448');
    expect(canonicalTerritoryCode('com:99999')).toBeUndefined();
  });

  it('gives a commune its EPCI, department and region', () => {
    expect(communeAncestry('54395')).toMatchObject({ departmentCode: '54', regionCode: '44', name: 'Nancy' });
    expect(communeAncestry('54395')?.epciCode).toMatch(/^\d{9}$/);
  });
});

describe('territories API', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('searches and returns a territory with parents and children', async () => {
    const search = await t.app.inject({ url: '/api/territories?q=st%20dizier' });
    expect(search.statusCode).toBe(200);
    expect(search.json().items[0].label).toBe('Saint-Dizier (52)');

    const dep = await t.app.inject({ url: '/api/territories/dep:54' });
    expect(dep.statusCode).toBe(200);
    const body = dep.json();
    expect(body.name).toBe('Meurthe-et-Moselle');
    expect(body.parents.map((p: { code: string }) => p.code)).toEqual(['region:44', 'fr']);
    expect(body.children.length).toBeGreaterThan(5);
  });

  it('answers 404 in JSON for an unknown territory and an unknown route', async () => {
    const res = await t.app.inject({ url: '/api/territories/dep:00' });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('NOT_FOUND');
    const route = await t.app.inject({ url: '/api/nothing-here' });
    expect(route.statusCode).toBe(404);
    expect(route.json().error.code).toBe('NOT_FOUND');
  });

  it('reports health with the database kind', async () => {
    const res = await t.app.inject({ url: '/healthz' });
    expect(res.json()).toMatchObject({
      status: 'ok',
      database: process.env.DATABASE_URL ? 'postgres' : 'embedded',
    });
  });
});
