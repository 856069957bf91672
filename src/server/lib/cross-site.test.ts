import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildNetwork, signInAs } from '../modules/accounts/accounts.factory.ts';
import { createTestApp, type TestContext } from '../testing.ts';
import { installCrossSiteCheck } from './cross-site.ts';

// A page on another site cannot make a signed-in person's browser write: every POST/PUT/PATCH/DELETE is checked.

let t: TestContext;
let coordinator: string;
let networkId: string;
beforeAll(async () => {
  t = await createTestApp();
  const network = await buildNetwork(t.deps);
  networkId = network.id;
  coordinator = await signInAs(t.app, t.deps, { email: 'coord@example.fr', coordinatorOf: [network.id] });
});
afterAll(() => t?.close());

const csv = 'name,siret\nAssociation piégée,\n';
const importAs = (headers: Record<string, string>) =>
  t.app.inject({
    method: 'POST',
    url: `/api/organizations/import?dryRun=true&networkId=${networkId}`,
    payload: csv,
    headers: { 'content-type': 'text/plain', host: 'maillage.test', ...headers },
  });

describe('cross-site writes', () => {
  it("refuses a text/plain form post with the coordinator's cookie from a foreign origin", async () => {
    const res = await importAs({ cookie: coordinator, origin: 'https://evil.example' });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('FORBIDDEN');
    expect(res.json().error.message).toContain('autre site');
    const modern = await importAs({
      cookie: coordinator,
      origin: 'https://evil.example',
      'sec-fetch-site': 'cross-site',
    });
    expect(modern.statusCode).toBe(403);
    expect((await importAs({ cookie: coordinator, 'sec-fetch-site': 'same-site' })).statusCode).toBe(403);
    expect((await importAs({ cookie: coordinator, origin: 'null' })).statusCode).toBe(403);
  });

  it('lets same-origin requests, the public URL and header-less API clients through', async () => {
    const allowed: Record<string, string>[] = [
      { cookie: coordinator, origin: 'http://maillage.test', 'sec-fetch-site': 'same-origin' },
      { cookie: coordinator, origin: 'http://maillage.test' }, // the public URL, and the Host
      { cookie: coordinator }, // no browser headers: a script or the command line
      {}, // anonymous API client
    ];
    for (const headers of allowed) expect((await importAs(headers)).statusCode).not.toBe(403);
    // Reads are never refused.
    const read = await t.app.inject({
      url: '/api/organizations',
      headers: { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' },
    });
    expect(read.statusCode).toBe(200);
  });

  it('the public URL is trusted even when the Host differs (a proxy that rewrites it)', async () => {
    const res = await importAs({
      cookie: coordinator,
      origin: 'http://maillage.test',
      host: '10.0.0.5:3000',
    });
    expect(res.statusCode).not.toBe(403);
    const other = await importAs({
      cookie: coordinator,
      origin: 'http://10.0.0.6:3000',
      host: '10.0.0.5:3000',
    });
    expect(other.statusCode).toBe(403);
  });

  it('a route opts out with config.crossSite (webhooks)', async () => {
    const app = Fastify();
    installCrossSiteCheck(app, 'https://maillage.example');
    app.post('/hook', { config: { crossSite: 'allow' } }, async () => ({ ok: true }));
    app.post('/write', async () => ({ ok: true }));
    const headers = { origin: 'https://payments.example', 'sec-fetch-site': 'cross-site' };
    expect((await app.inject({ method: 'POST', url: '/hook', headers })).statusCode).toBe(200);
    expect((await app.inject({ method: 'POST', url: '/write', headers })).statusCode).toBe(403);
    await app.close();
  });
});
