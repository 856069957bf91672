import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../testing.ts';
import { geocodeAddress } from './events.geocode.ts';

// The address search against a local HTTP peer standing in for api-adresse.data.gouv.fr: suggestions, nothing
// found, a geocoder that does not answer in time, one that is unreachable, and one that answers nonsense.

let peer: Server;
let peerUrl: string;
const asked: URL[] = [];
let ctx: TestContext;

const feature = (label: string, citycode: string, lon: number, lat: number) => ({
  type: 'Feature',
  geometry: { type: 'Point', coordinates: [lon, lat] },
  properties: { label, citycode, postcode: '52200', name: label.split(' 52200')[0], score: 0.9 },
});

beforeAll(async () => {
  peer = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://peer');
    asked.push(url);
    const q = url.searchParams.get('q') ?? '';
    if (q.startsWith('lent')) return; // never answers
    if (q.startsWith('bizarre')) return res.end('<html>pas du JSON</html>');
    res.setHeader('content-type', 'application/json');
    const features = q.startsWith('rue')
      ? [feature('12 Rue Diderot 52200 Langres', '52269', 5.3345, 47.8611)]
      : [];
    res.end(JSON.stringify({ type: 'FeatureCollection', features }));
  });
  await new Promise<void>((resolve) => peer.listen(0, '127.0.0.1', resolve));
  peerUrl = `http://127.0.0.1:${(peer.address() as AddressInfo).port}`;
  ctx = await createTestApp({ geocoderUrl: peerUrl });
});
afterAll(async () => {
  await ctx?.close();
  peer.closeAllConnections();
  await new Promise((resolve) => peer.close(resolve));
});

const search = (query: string) => ctx.app.inject({ method: 'GET', url: `/api/events/geocode?${query}` });

it('gives the geocoder’s addresses with their commune code and position, searching in the chosen commune', async () => {
  const res = await search('q=rue+Diderot+Langres&communeCode=52269');
  expect(res.statusCode, res.body).toBe(200);
  expect(res.json()).toEqual({
    status: 'found',
    suggestions: [
      {
        label: '12 Rue Diderot 52200 Langres',
        street: '12 Rue Diderot',
        postalCode: '52200',
        communeCode: '52269',
        latitude: 47.8611,
        longitude: 5.3345,
      },
    ],
    communeCentre: null,
  });
  const last = asked.at(-1)!;
  expect(last.pathname).toBe('/search/');
  expect(Object.fromEntries(last.searchParams)).toEqual({
    q: 'rue Diderot Langres',
    limit: '5',
    citycode: '52269',
  });
});

it('falls back on the commune’s centre when the geocoder finds nothing', async () => {
  const res = await search('q=nulle+part&communeCode=52269');
  expect(res.json()).toEqual({
    status: 'none',
    suggestions: [],
    communeCentre: { communeCode: '52269', name: 'Langres', latitude: 47.8625, longitude: 5.3331 },
  });
});

it('gives up after its timeout, and on an answer that is not the expected JSON', async () => {
  const started = Date.now();
  const slow = await geocodeAddress({ db: ctx.db, geocoderUrl: peerUrl, timeoutMs: 300 }, 'lent', '52269');
  expect(Date.now() - started).toBeLessThan(2000);
  expect(slow).toMatchObject({ status: 'unavailable', suggestions: [], communeCentre: { name: 'Langres' } });
  const odd = await search('q=bizarre');
  expect(odd.json()).toEqual({ status: 'unavailable', suggestions: [], communeCentre: null });
});

it('says so when the geocoder is unreachable (the form then offers the commune’s centre or a pin)', async () => {
  const other = await createTestApp({ geocoderUrl: 'http://127.0.0.1:9' });
  try {
    const res = await other.app.inject({
      method: 'GET',
      url: '/api/events/geocode?q=rue+Diderot&communeCode=52269',
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'unavailable', communeCentre: { communeCode: '52269' } });
  } finally {
    await other.close();
  }
});

it('refuses a query too short with a French message naming the field', async () => {
  const res = await search('q=ab');
  expect(res.statusCode).toBe(400);
  expect(res.json().error.fields).toEqual({ q: 'au moins 3 caractères' });
});
