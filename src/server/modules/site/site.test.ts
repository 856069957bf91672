import { afterAll, beforeAll, expect, it } from 'vitest';
import { loadConfig } from '../../config.ts';
import { createTestApp, type TestContext } from '../../testing.ts';
import { createAccount } from '../accounts/accounts.service.ts';

let t: TestContext;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t?.close());

it('says whether the installation holds demo data', async () => {
  const empty = await t.app.inject({ url: '/api/site' });
  expect(empty.statusCode).toBe(200);
  expect(empty.json()).toMatchObject({ demo: false, name: 'Maillage' });
  expect(empty.json().version).toMatch(/^\d+\.\d+\.\d+/);

  await createAccount(t.deps, { email: 'real@example.org', password: 'a-real-password' });
  expect((await t.app.inject({ url: '/api/site' })).json().demo).toBe(false);

  await createAccount(t.deps, { email: 'demo@example.org', password: 'a-demo-password', isDemo: true });
  expect((await t.app.inject({ url: '/api/site' })).json().demo).toBe(true);
});

it('names the map tile server, OpenStreetMap unless MAP_TILES_URL says otherwise', async () => {
  expect((await t.app.inject({ url: '/api/site' })).json().mapTiles).toEqual({
    url: 'https://tile.openstreetmap.org/{z}/{x}/{y}.png',
    attribution: '© contributeurs OpenStreetMap',
  });
  const env = { SESSION_SECRET: 's'.repeat(32) };
  const own = loadConfig({
    ...env,
    MAP_TILES_URL: 'https://tuiles.reseau.example/{z}/{x}/{y}.png',
    MAP_TILES_ATTRIBUTION: '© Réseau',
  });
  expect(own.mapTiles).toEqual({
    url: 'https://tuiles.reseau.example/{z}/{x}/{y}.png',
    attribution: '© Réseau',
  });
  expect(() => loadConfig({ ...env, MAP_TILES_URL: 'tiles.png' })).toThrow(
    /MAP_TILES_URL: must be an http\(s\) URL template/,
  );
});
