import { eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { demoAccounts } from '../../../../cli/demo/directory.ts';
import { seedDemo } from '../../../../cli/demo/seed.ts';
import { createTestApp, type TestContext } from '../../../testing.ts';
import { networks } from '../../accounts/accounts.tables.ts';
import { helloAssoOrders } from '../memberships.helloasso.tables.ts';
import { membershipPayments } from '../memberships.tables.ts';

// The demo's HelloAsso: this year's card payments of the club came through a demo form, two orders wait for the
// coordinator, and the import says the demo is connected to no HelloAsso account (nothing is asked of HelloAsso).

let t: TestContext;
beforeAll(async () => {
  t = await createTestApp({ now: () => new Date('2026-12-03T09:00:00Z') });
  await seedDemo(t.deps);
}, 120_000);
afterAll(() => t?.close());

it('seeds the club’s HelloAsso orders matched to their payments, two waiting, and refuses a demo import', async () => {
  const [club] = await t.db.select().from(networks).where(eq(networks.kind, 'club'));
  const orders = await t.db.select().from(helloAssoOrders).where(eq(helloAssoOrders.networkId, club.id));
  const recorded = orders.filter((o) => o.state === 'recorded');
  console.log(
    `demo HelloAsso: ${recorded.length} orders recorded, ${orders.length - recorded.length} waiting`,
  );
  expect(recorded.length).toBeGreaterThanOrEqual(3);
  expect(orders.every((o) => o.isDemo)).toBe(true);
  const payments = await t.db
    .select()
    .from(membershipPayments)
    .where(like(membershipPayments.reference, 'HelloAsso %'));
  // Each recorded order is its payment: same member, amount, day, by card, referenced as the import does.
  expect(payments.length).toBe(recorded.length);
  for (const o of recorded) {
    const p = payments.find((x) => x.id === o.paymentId);
    expect(p).toMatchObject({
      memberId: o.memberId,
      amountCents: o.amountCents,
      paidOn: o.paidOn,
      method: 'card',
      reference: `HelloAsso ${o.orderId}`,
    });
    expect(p?.paidOn.startsWith('2026')).toBe(true);
  }

  const signIn = await t.app.inject({
    method: 'POST',
    url: '/api/auth/sign-in',
    payload: { email: demoAccounts.clubCoordinator.email, password: demoAccounts.clubCoordinator.password },
  });
  const cookie = String(signIn.headers['set-cookie']).split(';')[0];
  const get = (url: string) => t.app.inject({ url, headers: { cookie } });
  const settings = (await get(`/api/networks/${club.id}/helloasso`)).json().settings;
  expect(settings).toMatchObject({ demo: true, clientSecretSet: false });
  const unmatched = (await get(`/api/networks/${club.id}/helloasso/unmatched`)).json().items;
  expect(unmatched).toHaveLength(2);
  expect(unmatched.map((o: { reason: string }) => o.reason).sort()).toEqual([
    expect.stringMatching(/ n’a aucune cotisation en attente de paiement$/),
    expect.stringMatching(/^aucun adhérent avec l’e-mail .+@messagerie-perso\.example ni de SIRET/),
  ]);
  const imported = await t.app.inject({
    method: 'POST',
    url: `/api/networks/${club.id}/helloasso/import`,
    headers: { cookie },
  });
  expect(imported.statusCode).toBe(409);
  expect(imported.json().error.message).toMatch(/^Ces réglages HelloAsso sont ceux de la démonstration/);
  // The organisation's own credentials make them real settings.
  const put = await t.app.inject({
    method: 'PUT',
    url: `/api/networks/${club.id}/helloasso`,
    headers: { cookie },
    payload: {
      organizationSlug: 'mon-club',
      formSlug: 'adhesion',
      clientId: 'id',
      clientSecret: 'vrai-secret',
    },
  });
  expect(put.json()).toMatchObject({ demo: false, clientSecretSet: true });
}, 60_000);
