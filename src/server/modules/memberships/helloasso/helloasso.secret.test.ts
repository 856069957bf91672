import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../../testing.ts';
import { buildClub, caller } from '../memberships.fixtures.ts';
import { helloAssoSettings } from '../memberships.helloasso.tables.ts';
import { forgetHelloAssoTokens } from './helloasso.client.ts';
import { startHelloAssoPeer } from './helloasso.peer.testing.ts';

// The HelloAsso client secret at rest: sealed in the database, opened only to ask HelloAsso for a token; a clear
// secret stored before sealing still works and is sealed on first use; a changed server secret says what to do.

let ctx: TestContext;
const credentials = { clientId: 'client-club', clientSecret: 'secret-du-club-0123456789' };
let peer: Awaited<ReturnType<typeof startHelloAssoPeer>>;
beforeAll(async () => {
  ctx = await createTestApp({ now: () => new Date('2026-03-10T09:00:00Z') });
  peer = await startHelloAssoPeer({
    ...credentials,
    organizationSlug: 'club-test',
    formSlug: 'adhesion-2026',
  });
});
beforeEach(() => {
  ctx.deps.config.helloAsso = { apiUrl: peer.apiUrl };
  forgetHelloAssoTokens();
});
afterAll(async () => {
  await peer?.close();
  await ctx?.close();
});

const call = () => caller(ctx);
const stored = async (networkId: string) =>
  (
    await ctx.db
      .select({ secret: helloAssoSettings.clientSecret })
      .from(helloAssoSettings)
      .where(eq(helloAssoSettings.networkId, networkId))
  )[0].secret;

async function configuredClub() {
  const club = await buildClub(ctx);
  const put = await call()('PUT', `/api/networks/${club.network.id}/helloasso`, club.coordinator.cookies, {
    organizationSlug: 'club-test',
    formSlug: 'adhesion-2026',
    ...credentials,
  });
  expect(put.statusCode).toBe(200);
  const importOrders = () =>
    call()('POST', `/api/networks/${club.network.id}/helloasso/import`, club.coordinator.cookies);
  return { ...club, importOrders };
}

it('stores the secret sealed, and opens it to ask HelloAsso for a token', async () => {
  const club = await configuredClub();
  const column = await stored(club.network.id);
  expect(column).toMatch(/^v1\./);
  expect(column).not.toContain(credentials.clientSecret);
  // The peer only gives a token for the clear secret: the import going through proves it was opened.
  const before = peer.seen.tokenRequests;
  expect((await club.importOrders()).statusCode).toBe(200);
  expect(peer.seen.tokenRequests).toBe(before + 1);
  // Saving the settings without a secret keeps the sealed one as it is.
  await call()('PUT', `/api/networks/${club.network.id}/helloasso`, club.coordinator.cookies, {
    organizationSlug: 'club-test',
    formSlug: 'adhesion-2026',
    clientId: credentials.clientId,
  });
  expect(await stored(club.network.id)).toBe(column);
});

it('uses a clear secret stored before sealing existed, and seals it on first use', async () => {
  const club = await configuredClub();
  await ctx.db
    .update(helloAssoSettings)
    .set({ clientSecret: credentials.clientSecret })
    .where(eq(helloAssoSettings.networkId, club.network.id));
  const got = await call()('GET', `/api/networks/${club.network.id}/helloasso`, club.coordinator.cookies);
  expect(got.json().settings.clientSecretSet).toBe(true);
  expect((await club.importOrders()).statusCode).toBe(200);
  const column = await stored(club.network.id);
  expect(column).toMatch(/^v1\./);
  expect(column).not.toContain(credentials.clientSecret);
  forgetHelloAssoTokens();
  expect((await club.importOrders()).statusCode).toBe(200);
});

it('says in a sentence that the secret must be entered again when the server secret has changed', async () => {
  const club = await configuredClub();
  const original = ctx.deps.config.sessionSecret;
  ctx.deps.config.sessionSecret = 'another-server-secret-after-a-reinstall!';
  try {
    const before = peer.seen.tokenRequests;
    const refused = await club.importOrders();
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.message).toMatch(/^Le secret HelloAsso enregistré ne peut plus être lu/);
    expect(refused.json().error.fields).toHaveProperty('clientSecret');
    // Nothing was sent to HelloAsso.
    expect(peer.seen.tokenRequests).toBe(before);
    // Entering it again mends it.
    const put = await call()('PUT', `/api/networks/${club.network.id}/helloasso`, club.coordinator.cookies, {
      organizationSlug: 'club-test',
      formSlug: 'adhesion-2026',
      ...credentials,
    });
    expect(put.statusCode).toBe(200);
    expect((await club.importOrders()).statusCode).toBe(200);
  } finally {
    ctx.deps.config.sessionSecret = original;
  }
});

it('does not open another network’s sealed secret copied into this row', async () => {
  const a = await configuredClub();
  const b = await configuredClub();
  await ctx.db
    .update(helloAssoSettings)
    .set({ clientSecret: await stored(a.network.id) })
    .where(eq(helloAssoSettings.networkId, b.network.id));
  expect((await b.importOrders()).statusCode).toBe(400);
  expect((await a.importOrders()).statusCode).toBe(200);
});
