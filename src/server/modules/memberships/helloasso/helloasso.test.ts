import { like, sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { logRequest } from '../../../lib/observability.ts';
import { createTestApp, type TestContext } from '../../../testing.ts';
import { buildClub, buildOrganization, type Cookies, caller } from '../memberships.fixtures.ts';
import { membershipPayments } from '../memberships.tables.ts';
import { forgetHelloAssoTokens } from './helloasso.client.ts';
import { membershipOrder, startHelloAssoPeer } from './helloasso.peer.testing.ts';

// HelloAsso membership payments through the HTTP layer into a real database, against a local HTTP peer that
// answers like HelloAsso's API (token, orders two per page, an order by id).

let ctx: TestContext;
let today = new Date('2026-03-10T09:00:00Z');
const credentials = { clientId: 'client-club', clientSecret: 'secret-du-club-0123456789' };
let peer: Awaited<ReturnType<typeof startHelloAssoPeer>>;
beforeAll(async () => {
  ctx = await createTestApp({ now: () => today });
  peer = await startHelloAssoPeer({
    ...credentials,
    organizationSlug: 'club-test',
    formSlug: 'adhesion-2026',
  });
});
beforeEach(() => {
  // Tests stand for HELLOASSO_API_URL pointing at the peer; each starts with an empty peer and no cached token.
  ctx.deps.config.helloAsso = { apiUrl: peer.apiUrl };
  peer.orders.length = 0;
  peer.revokeTokens();
  Object.assign(peer.seen, { tokenRequests: 0, pages: [], orderReads: [] });
  forgetHelloAssoTokens();
});
afterAll(async () => {
  await peer?.close();
  await ctx?.close();
});

const call = () => caller(ctx);
const helloAssoPayments = async () =>
  (
    await ctx.db
      .select({ n: sql<number>`count(*)::int` })
      .from(membershipPayments)
      .where(like(membershipPayments.reference, 'HelloAsso %'))
  )[0].n;

/** A club configured for HelloAsso, with members whose first call for dues is waiting. */
async function configuredClub() {
  const club = await buildClub(ctx);
  const put = await call()('PUT', `/api/networks/${club.network.id}/helloasso`, club.coordinator.cookies, {
    organizationSlug: 'club-test',
    formSlug: 'adhesion-2026',
    ...credentials,
  });
  expect(put.statusCode).toBe(200);
  const addMember = async (name: string, opts: { email?: string; siret?: string } = {}) => {
    const org = await buildOrganization(ctx.db, { name, siret: opts.siret ?? null });
    const res = await call()(
      'POST',
      `/api/networks/${club.network.id}/memberships`,
      club.coordinator.cookies,
      {
        organizationId: org.id,
        planId: club.small.id,
        startsOn: '2026-03-10',
        contacts: opts.email ? [{ name: 'Contact', role: 'main', email: opts.email }] : [],
      },
    );
    expect(res.statusCode).toBe(201);
    const member = res.json();
    return { id: member.id as string, dueCents: member.periods[0].amountCents as number };
  };
  return { ...club, settings: put.json(), addMember };
}

const importOrders = (networkId: string, cookies: Cookies) =>
  call()('POST', `/api/networks/${networkId}/helloasso/import`, cookies);

it('imports paid orders page by page, matched by email or SIRET, once; lists the others until attached', async () => {
  const club = await configuredClub();
  // The secret is kept but never shown; the notification URL carries the network's key.
  expect(club.settings).toMatchObject({ clientId: 'client-club', clientSecretSet: true });
  expect(JSON.stringify(club.settings)).not.toContain(credentials.clientSecret);
  const got = await call()('GET', `/api/networks/${club.network.id}/helloasso`, club.coordinator.cookies);
  expect(got.body).not.toContain(credentials.clientSecret);
  expect(got.json().settings.notificationUrl).toMatch(
    new RegExp(
      `^http://maillage.test/api/integrations/helloasso/notifications\\?network=${club.network.id}&key=.{20,}`,
    ),
  );

  const claire = await club.addMember('Menuiserie Vautrin', { email: 'claire@example.org' });
  const bySiret = await club.addMember('Fromagerie de Langres', { siret: '00000000200014' });
  const overpaid = await club.addMember('Garage Central', { email: 'garage@example.org' });
  const later = await club.addMember('Imprimerie Nouvelle');
  peer.orders.push(
    membershipOrder(1001, { email: 'Claire@Example.org', amountCents: claire.dueCents }),
    membershipOrder(1002, {
      email: 'inconnu@example.org',
      amountCents: bySiret.dueCents,
      siret: '000 000 002 00014',
    }),
    membershipOrder(1003, { email: 'personne@example.org', amountCents: later.dueCents }),
    membershipOrder(1004, { email: 'claire@example.org', amountCents: 500, state: 'Refused' }),
    membershipOrder(1005, { email: 'garage@example.org', amountCents: overpaid.dueCents + 1000 }),
  );

  const first = await importOrders(club.network.id, club.coordinator.cookies);
  expect(first.statusCode).toBe(200);
  expect(first.json()).toEqual({ recorded: 2, unmatched: 2, known: 0, notPaid: 1 });
  expect(peer.seen.pages).toEqual([1, 2, 3]);
  const member = (await call()('GET', `/api/members/${claire.id}`, club.coordinator.cookies)).json();
  expect(member.payments).toMatchObject([
    { amountCents: claire.dueCents, method: 'card', paidOn: '2026-03-12', reference: 'HelloAsso 1001' },
  ]);
  expect(member.periods[0].state).toBe('paid');
  const fromagerie = (await call()('GET', `/api/members/${bySiret.id}`, club.coordinator.cookies)).json();
  expect(fromagerie.payments).toMatchObject([{ reference: 'HelloAsso 1002' }]);

  // The same orders again: nothing more is recorded.
  const again = await importOrders(club.network.id, club.coordinator.cookies);
  expect(again.json()).toEqual({ recorded: 0, unmatched: 2, known: 2, notPaid: 1 });
  expect(await helloAssoPayments()).toBe(2);

  const unmatched = async () =>
    (
      await call()('GET', `/api/networks/${club.network.id}/helloasso/unmatched`, club.coordinator.cookies)
    ).json().items;
  const listed = await unmatched();
  expect(listed.map((o: { orderId: number }) => o.orderId).sort()).toEqual([1003, 1005]);
  expect(listed.find((o: { orderId: number }) => o.orderId === 1003)).toMatchObject({
    payerEmail: 'personne@example.org',
    reason: 'aucun adhérent avec l’e-mail personne@example.org ni de SIRET (la commande n’en donne pas)',
  });
  expect(listed.find((o: { orderId: number }) => o.orderId === 1005).reason).toMatch(
    /^la commande paie .* alors que Garage Central doit /,
  );

  // Another network's coordinator sees and does nothing.
  const other = await buildClub(ctx);
  const base = `/api/networks/${club.network.id}/helloasso`;
  expect((await call()('GET', `${base}/unmatched`, other.coordinator.cookies)).statusCode).toBe(403);
  expect((await call()('GET', base, other.coordinator.cookies)).statusCode).toBe(403);
  expect((await importOrders(club.network.id, other.coordinator.cookies)).statusCode).toBe(403);
  const foreign = await call()('POST', `${base}/unmatched/1003/attach`, other.coordinator.cookies, {
    memberId: later.id,
  });
  expect(foreign.statusCode).toBe(403);

  // Attaching to a member of another network is refused naming the field; to the right member, it is paid.
  const otherMember = await buildOrganization(ctx.db);
  const otherAdd = await call()(
    'POST',
    `/api/networks/${other.network.id}/memberships`,
    other.coordinator.cookies,
    {
      organizationId: otherMember.id,
      planId: other.small.id,
    },
  );
  const wrong = await call()('POST', `${base}/unmatched/1003/attach`, club.coordinator.cookies, {
    memberId: otherAdd.json().id,
  });
  expect(wrong.statusCode).toBe(400);
  expect(wrong.json().error.fields).toHaveProperty('memberId');
  const attached = await call()('POST', `${base}/unmatched/1003/attach`, club.coordinator.cookies, {
    memberId: later.id,
  });
  expect(attached.statusCode).toBe(200);
  const imprimerie = (await call()('GET', `/api/members/${later.id}`, club.coordinator.cookies)).json();
  expect(imprimerie.payments).toMatchObject([{ reference: 'HelloAsso 1003', amountCents: later.dueCents }]);
  expect((await call()('POST', `${base}/unmatched/1005/dismiss`, club.coordinator.cookies)).statusCode).toBe(
    200,
  );
  expect(await unmatched()).toEqual([]);
  expect(await helloAssoPayments()).toBe(3);
  // Neither an attached nor a dismissed order comes back on the next import.
  expect((await importOrders(club.network.id, club.coordinator.cookies)).json()).toEqual({
    recorded: 0,
    unmatched: 0,
    known: 4,
    notPaid: 1,
  });
});

it('records one payment when two imports of the same order run at once', async () => {
  const club = await configuredClub();
  const member = await club.addMember('Scierie du Plateau', { email: 'scierie@example.org' });
  // Half the dues: were the order recorded twice, both halves would fit.
  const half = Math.floor(member.dueCents / 2);
  peer.orders.push(membershipOrder(3001, { email: 'scierie@example.org', amountCents: half }));
  const before = await helloAssoPayments();
  const [a, b] = await Promise.all([
    importOrders(club.network.id, club.coordinator.cookies),
    importOrders(club.network.id, club.coordinator.cookies),
  ]);
  expect([a.statusCode, b.statusCode]).toEqual([200, 200]);
  expect(a.json().recorded + b.json().recorded).toBe(1);
  expect(await helloAssoPayments()).toBe(before + 1);
});

it('keeps the token until shortly before it expires, asks again on a 401, and says in French what went wrong', async () => {
  const club = await configuredClub();
  peer.setExpiresIn(600);
  expect((await importOrders(club.network.id, club.coordinator.cookies)).statusCode).toBe(200);
  expect((await importOrders(club.network.id, club.coordinator.cookies)).statusCode).toBe(200);
  expect(peer.seen.tokenRequests).toBe(1);
  // HelloAsso no longer takes the token: one new token, and the import goes through.
  peer.revokeTokens();
  expect((await importOrders(club.network.id, club.coordinator.cookies)).statusCode).toBe(200);
  expect(peer.seen.tokenRequests).toBe(2);
  // Ten minutes later the token has expired: a new one is asked before calling.
  today = new Date(today.getTime() + 10 * 60_000);
  expect((await importOrders(club.network.id, club.coordinator.cookies)).statusCode).toBe(200);
  expect(peer.seen.tokenRequests).toBe(3);
  peer.setExpiresIn(1800);

  // A wrong secret: a 400 naming the setting.
  forgetHelloAssoTokens();
  await call()('PUT', `/api/networks/${club.network.id}/helloasso`, club.coordinator.cookies, {
    organizationSlug: 'club-test',
    formSlug: 'adhesion-2026',
    clientId: credentials.clientId,
    clientSecret: 'pas-le-bon-secret',
  });
  const refused = await importOrders(club.network.id, club.coordinator.cookies);
  expect(refused.statusCode).toBe(400);
  expect(refused.json().error.message).toMatch(/^HelloAsso refuse cet identifiant client ou ce secret/);

  // HelloAsso down: a sentence, not a 500.
  ctx.deps.config.helloAsso = { apiUrl: 'http://127.0.0.1:9/v5' };
  const down = await importOrders(club.network.id, club.coordinator.cookies);
  expect(down.statusCode).toBe(409);
  expect(down.json().error.message).toBe(
    'HelloAsso ne répond pas pour le moment : réessayez dans quelques minutes.',
  );
});

it('records a notified order as HelloAsso has it, once; refuses a wrong key; ignores other events', async () => {
  const club = await configuredClub();
  const member = await club.addMember('Coutellerie Langroise', { email: 'coutellerie@example.org' });
  const second = await club.addMember('Vannerie de Fayl', { email: 'vannerie@example.org' });
  peer.orders.push(
    membershipOrder(2001, { email: 'coutellerie@example.org', amountCents: member.dueCents }),
    membershipOrder(2002, { email: 'vannerie@example.org', amountCents: second.dueCents }),
  );
  const url = new URL(club.settings.notificationUrl);
  const notify = (payload: unknown, query = url.search) =>
    ctx.app.inject({ method: 'POST', url: `${url.pathname}${query}`, payload: payload as object });
  const before = await helloAssoPayments();

  // A wrong key, or another network's id: 403, nothing read nor recorded.
  const forgedOrder = {
    eventType: 'Order',
    data: { id: 2001, amount: { total: 1 }, payments: [{ amount: 1 }] },
  };
  const wrongKey = await notify(forgedOrder, `?network=${club.network.id}&key=pas-la-cle`);
  expect(wrongKey.statusCode).toBe(403);
  const otherNetwork = await notify(
    forgedOrder,
    `?network=00000000-0000-4000-8000-000000000000&key=${url.searchParams.get('key')}`,
  );
  expect(otherNetwork.statusCode).toBe(403);
  expect(peer.seen.orderReads).toEqual([]);
  expect(await helloAssoPayments()).toBe(before);

  // An event of another kind: 200, nothing recorded.
  const form = await notify({ eventType: 'Form', data: { formSlug: 'adhesion-2026' } });
  expect(form.statusCode).toBe(200);
  expect(form.json()).toEqual({ received: true, outcome: 'ignored' });

  // A body claiming 0.01 €: the order is read again from HelloAsso, whose amount is recorded.
  const forged = await notify(forgedOrder);
  expect(forged.json()).toEqual({ received: true, outcome: 'recorded' });
  expect(peer.seen.orderReads).toEqual([2001]);
  const paid = (await call()('GET', `/api/members/${member.id}`, club.coordinator.cookies)).json();
  expect(paid.payments).toMatchObject([{ amountCents: member.dueCents, reference: 'HelloAsso 2001' }]);
  // The same notification again: nothing more.
  expect((await notify(forgedOrder)).json()).toEqual({ received: true, outcome: 'known' });
  expect(await helloAssoPayments()).toBe(before + 1);

  // A Payment event names its order; an order HelloAsso does not know is nothing to record.
  const payment = await notify({ eventType: 'Payment', data: { id: 200200, order: { id: 2002 } } });
  expect(payment.json()).toEqual({ received: true, outcome: 'recorded' });
  expect((await notify({ eventType: 'Order', data: { id: 999999 } })).json().outcome).toBe('ignored');
  expect(await helloAssoPayments()).toBe(before + 2);

  // The key never reaches the request log.
  const logged = logRequest({
    method: 'POST',
    url: `${url.pathname}${url.search}`,
    host: 'h',
    ip: '1',
    socket: undefined as never,
  });
  expect(logged.url).toBe(`${url.pathname}?network=${club.network.id}&key=[masqué]`);

  // The route takes small bodies only.
  const big = await notify({ eventType: 'Order', data: { id: 2001, filler: 'x'.repeat(100_000) } });
  expect(big.statusCode).toBe(413);
});
