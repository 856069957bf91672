import { afterAll, beforeAll, expect, it } from 'vitest';
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
