import { performance } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildNetwork, signInAs } from '../modules/accounts/accounts.factory.ts';
import { campaigns } from '../modules/events/events.tables.ts';
import { buildOrganization } from '../modules/organizations/organizations.factory.ts';
import { createTestApp, type TestContext } from '../testing.ts';

// The input boundary, through the real HTTP layer: bodies go only where a route takes them, validation errors are
// small, NUL bytes, lone surrogates, malformed ids and out-of-range dates are a 400 naming the field (they were
// 500s), and messages are French unless the request or the account asks for English.

let t: TestContext;
let admin: string;
let orgId: string;
beforeAll(async () => {
  t = await createTestApp();
  admin = await signInAs(t.app, t.deps, { email: 'admin@boundary.test', isPlatformAdmin: true });
  orgId = (await buildOrganization(t.deps)).id;
});
afterAll(async () => t?.close());

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT';
const send = (method: Method, url: string, payload?: unknown, headers: Record<string, string> = {}) =>
  t.app.inject({
    method,
    url,
    headers: { cookie: admin, ...headers },
    payload: payload as string | object | undefined,
  });
const fieldsOf = (res: { json: () => { error: { fields?: Record<string, string> } } }) =>
  res.json().error.fields ?? {};

describe('large bodies', () => {
  const fiveMb = Buffer.alloc(5 * 2 ** 20, 'name,siret\n');

  it('a 5 MB text body to an organisation route is refused at once with a small answer, /healthz answering meanwhile', async () => {
    for (const [method, url] of [
      ['PATCH', `/api/organizations/${orgId}`],
      ['POST', '/api/organizations'],
    ] as const) {
      for (const cookie of [undefined, admin]) {
        const t0 = performance.now();
        const inFlight = t.app.inject({
          method,
          url,
          headers: { 'content-type': 'text/plain', ...(cookie ? { cookie } : {}) },
          payload: fiveMb,
        });
        const h0 = performance.now();
        const health = await t.app.inject({ url: '/healthz' });
        const healthMs = performance.now() - h0;
        const res = await inFlight;
        // Over the 1 MB JSON limit: refused on its length, before anything reads it.
        expect(res.statusCode).toBe(413);
        expect(res.body.length).toBeLessThan(500);
        expect(health.statusCode).toBe(200);
        expect(healthMs).toBeLessThan(500);
        expect(performance.now() - t0).toBeLessThan(2000);
      }
    }
  });

  it('a small text or CSV body to a JSON route is one short error, not a field per byte', async () => {
    const text = await send('PATCH', `/api/organizations/${orgId}`, 'name,siret\nA,1', {
      'content-type': 'text/plain',
    });
    expect(text.statusCode).toBe(400);
    expect(text.json().error.fields).toEqual({ body: 'objet attendu' });
    const csv = await send('PATCH', `/api/organizations/${orgId}`, 'name,siret\nA,1', {
      'content-type': 'text/csv',
    });
    expect(csv.statusCode).toBe(415);
    expect(csv.json().error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  it('the import still takes its CSV, up to its own limit', async () => {
    const csv = 'nom;siret\nAsso;12345678901234\n';
    const res = await send('POST', '/api/organizations/import', csv, { 'content-type': 'text/csv' });
    expect(res.statusCode).toBe(200);
    const tooBig = await send('POST', '/api/organizations/import', Buffer.alloc(11 * 2 ** 20, 'a'), {
      'content-type': 'text/csv',
    });
    expect(tooBig.statusCode).toBe(413);
  });

  it('an uploaded CSV holding a NUL byte is refused as a whole, naming the file', async () => {
    for (const url of [
      '/api/organizations/import?dryRun=false',
      '/api/observatory/official-figures/import',
    ]) {
      const res = await send('POST', url, Buffer.from('nom;description\nAsso;a\u0000b\n'), {
        'content-type': 'text/csv',
      });
      expect(res.statusCode).toBe(400);
      expect(Object.keys(fieldsOf(res))).toEqual(['file']);
    }
  });

  it('a JSON body with 50,000 unknown keys gets at most 20 field errors', async () => {
    const body = Object.fromEntries(Array.from({ length: 50_000 }, (_, i) => [`k${i}`, i]));
    const res = await send('PATCH', `/api/organizations/${orgId}`, body);
    expect(res.statusCode).toBe(400);
    expect(Object.keys(fieldsOf(res))).toHaveLength(20);
    expect(fieldsOf(res).k0).toBe('champ inconnu');
    expect(res.body.length).toBeLessThan(3000);
  });
});

describe('malformed input is a 400 naming the field, not a 500', () => {
  it('refuses a NUL byte or a lone surrogate in a JSON field, a query or a path parameter', async () => {
    for (const name of ['a\u0000b', 'a\ud800b', '\udc00']) {
      const res = await send('PATCH', `/api/organizations/${orgId}`, { name });
      expect(res.statusCode).toBe(400);
      expect(fieldsOf(res)).toEqual({ name: expect.stringContaining('caractères invisibles') });
    }
    const nested = await send('PATCH', `/api/organizations/${orgId}`, { tags: ['ok', 'a\u0000'] });
    expect(fieldsOf(nested)).toHaveProperty(['tags.1']);
    const query = await send('GET', '/api/organizations?tag=a%00b');
    expect(query.statusCode).toBe(400);
    expect(Object.keys(fieldsOf(query))).toEqual(['tag']);
    const path = await send('GET', '/api/networks/a%00b');
    expect(path.statusCode).toBe(400);
    expect(Object.keys(fieldsOf(path))).toEqual(['slug']);
    // A pair of surrogates is one real character and stays.
    const emoji = await send('PATCH', `/api/organizations/${orgId}`, { name: 'Recyclerie 🚲' });
    expect(emoji.statusCode).toBe(200);
  });

  it('takes no UUID-shaped id that is not one to the database', async () => {
    for (const id of ['-'.repeat(36), '00000000-0000-0000-0000-00000000000-0']) {
      expect((await send('GET', `/api/organizations/${id}`)).statusCode).toBe(404);
      expect((await send('PATCH', `/api/organizations/${id}`, { name: 'x' })).statusCode).toBe(404);
      expect((await send('GET', `/api/events/${id}.ics`)).statusCode).toBe(404);
    }
  });

  it('refuses dates out of range in filters and fields', async () => {
    for (const from of ['-271821-04-20T00:00:00Z', '%2B275760-09-13T00:00:00Z', '0000-01-01']) {
      const res = await send('GET', `/api/events?from=${from}`);
      expect(res.statusCode).toBe(400);
      expect(Object.keys(fieldsOf(res))).toEqual(['from']);
    }
    const network = await buildNetwork(t.deps);
    const [campaign] = await t.db
      .insert(campaigns)
      .values({
        networkId: network.id,
        slug: 'mois',
        name: 'Mois',
        startsOn: '2026-11-01',
        endsOn: '2026-11-30',
      })
      .returning();
    for (const startsOn of ['0000-01-01', '+275760-09-13']) {
      const res = await send('PATCH', `/api/campaigns/${campaign.id}`, { startsOn });
      expect(res.statusCode).toBe(400);
      expect(Object.keys(fieldsOf(res))).toEqual(['startsOn']);
    }
    const opens = await send('PATCH', `/api/campaigns/${campaign.id}`, {
      callOpensAt: '-271821-04-20T00:00:00Z',
    });
    expect(opens.statusCode).toBe(400);
    expect(Object.keys(fieldsOf(opens))).toEqual(['callOpensAt']);
  });
});

describe('messages in the request’s language', () => {
  it('are French by default, English on Accept-Language or for an account in English, never zod’s defaults', async () => {
    const bad = { name: 123, website: 'pas une adresse', headcountBracket: 5, unknown: 1 };
    const fr = fieldsOf(await send('PATCH', `/api/organizations/${orgId}`, bad));
    expect(fr).toMatchObject({ name: 'texte attendu', unknown: 'champ inconnu' });
    const en = await send('PATCH', `/api/organizations/${orgId}`, bad, {
      'accept-language': 'en-GB,en;q=0.9',
    });
    expect(fieldsOf(en)).toMatchObject({ name: 'text expected', unknown: 'unknown field' });
    expect(en.json().error.message).toMatch(/^Invalid input \(/);
    const preferFr = await send('PATCH', `/api/organizations/${orgId}`, bad, {
      'accept-language': 'en;q=0.5, fr',
    });
    expect(fieldsOf(preferFr).name).toBe('texte attendu');

    const english = await signInAs(t.app, t.deps, { email: 'en@boundary.test', isPlatformAdmin: true });
    await t.app.inject({
      method: 'PATCH',
      url: '/api/me',
      headers: { cookie: english },
      payload: { locale: 'en' },
    });
    const res = await t.app.inject({
      method: 'PATCH',
      url: `/api/organizations/${orgId}`,
      headers: { cookie: english },
      payload: bad,
    });
    expect(fieldsOf(res).name).toBe('text expected');
    for (const message of [...Object.values(fr), ...Object.values(fieldsOf(en))])
      expect(message).not.toMatch(/Invalid input|expected string|received/);
  });
});
