import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../testing.ts';
import { buildNetwork, signInAs } from '../accounts/accounts.factory.ts';
import { buildOrganization } from './organizations.factory.ts';
import { legalWordMatch } from './organizations.legal-words.ts';

// Searching by legal form or ESS family: "cooperative" finds every cooperative, whatever its name, accents and
// plurals ignored; and the "Réseau" filter keeps the organisations attached to one network.

let t: TestContext;
const ids: Record<string, string> = {};
beforeAll(async () => {
  t = await createTestApp();
  const make = async (key: string, fields: Parameters<typeof buildOrganization>[1]) => {
    ids[key] = (await buildOrganization(t.deps, fields)).id;
  };
  await make('namedCoop', {
    name: 'Coopérative Laitière de la Meuse',
    legalCategory: '5458',
    communeCode: '55029',
    postalCode: '55000',
  });
  await make('scop', { name: 'Les Ateliers du Bocage', legalCategory: '5458', communeCode: '54395' });
  await make('scic', {
    name: 'Énergies Citoyennes',
    legalCategory: '5560',
    communeCode: '88160',
    postalCode: '88000',
  });
  await make('mutual', { name: 'Prévoir Ensemble', legalCategory: '8210' });
  await make('foundation', { name: 'Les Amis du Patrimoine', legalCategory: '9300' });
  await make('association', {
    name: 'Jardins Partagés de Nancy',
    legalCategory: '9220',
    communeCode: '54395',
  });
  await make('company', { name: 'Boulangerie Martin', legalCategory: '5499' });
});
afterAll(() => t?.close());

const search = async (query: string) => {
  const res = await t.app.inject({ url: `/api/organizations?${query}` });
  expect(res.statusCode, res.body).toBe(200);
  return (res.json() as { items: { id: string }[] }).items.map((i) => i.id).sort();
};
const idsOf = (...keys: string[]) => keys.map((k) => ids[k]).sort();

describe('search by legal form and family', () => {
  it('finds every cooperative, named so or not, accents and plurals ignored', async () => {
    const coops = idsOf('namedCoop', 'scop', 'scic');
    expect(await search('q=cooperative')).toEqual(coops);
    expect(await search(`q=${encodeURIComponent('Coopératives')}`)).toEqual(coops);
    expect(await search('q=COOPERATIVES')).toEqual(coops);
  });

  it('finds mutuals, foundations and associations by their family word', async () => {
    expect(await search('q=mutuelles')).toEqual(idsOf('mutual'));
    expect(await search('q=fondation')).toEqual(idsOf('foundation'));
    expect(await search(`q=${encodeURIComponent('association déclarée')}`)).toEqual(idsOf('association'));
  });

  it('combines a family word with the other words (all must match)', async () => {
    expect(await search('q=cooperative%20nancy')).toEqual(idsOf('scop'));
    expect(await search('q=boulangerie')).toEqual(idsOf('company'));
  });

  it('reads the words of the table', () => {
    expect(legalWordMatch('cooperatives')?.families).toEqual(['cooperative']);
    expect(legalWordMatch('mutuelle')?.families).toContain('mutual');
    expect(legalWordMatch('nancy')).toBeUndefined();
  });
});

describe('the Réseau filter', () => {
  it('keeps the organisations attached to the network', async () => {
    const network = await buildNetwork(t.deps, { name: 'Réseau des Lacs' });
    const admin = await signInAs(t.app, t.deps, { email: 'admin@example.fr', isPlatformAdmin: true });
    for (const key of ['scop', 'mutual']) {
      const res = await t.app.inject({
        method: 'POST',
        url: `/api/networks/${network.id}/organizations`,
        headers: { cookie: admin },
        payload: { organizationId: ids[key] },
      });
      expect(res.statusCode, res.body).toBeLessThan(300);
    }
    expect(await search(`network=${network.id}`)).toEqual(idsOf('scop', 'mutual'));
    expect(await search(`network=${network.id}&q=cooperative`)).toEqual(idsOf('scop'));
    const bad = await t.app.inject({ url: '/api/organizations?network=pas-un-id' });
    expect(bad.statusCode).toBe(400);
  });
});
