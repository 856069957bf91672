import type { PrivateFixture } from '../../privacy-sweep.testing.ts';
import type { TestContext } from '../../testing.ts';
import { buildOrganization } from '../organizations/organizations.factory.ts';

// The surveys' private data for the cross-network sweep: a paid-up member and a wave sent to it. The wave (its
// title, its recipients) stays with the network's coordinators. (A company's answers are
// beyond even them: gtec.test.ts tries every route as the coordinator and the platform admin.)

type Inject = { method: 'POST' | 'PUT'; url: string; payload: object };
async function as(ctx: TestContext, cookie: string, req: Inject) {
  const res = await ctx.app.inject({ ...req, headers: { cookie } });
  if (res.statusCode >= 300) throw new Error(`${req.method} ${req.url}: ${res.statusCode} ${res.body}`);
  return res.json();
}

export const gtecFixture: PrivateFixture = {
  module: 'gtec',
  async seed(ctx, network, secret) {
    const coordinator = network.coordinator;
    await as(ctx, coordinator, {
      method: 'PUT',
      url: `/api/networks/${network.id}/membership-settings`,
      payload: { legalName: `Club ${network.label}`, termsText: 'Charte.', termsVersion: '1' },
    });
    const plan = await as(ctx, coordinator, {
      method: 'POST',
      url: `/api/networks/${network.id}/membership-plans`,
      payload: { name: 'Formule GTEC', priceCents: 10_000, vatRateBp: null },
    });
    // The organisation itself is in the public directory: only its being asked, and the wave, are private.
    const org = await buildOrganization(ctx.deps, { name: `Entreprise GTEC ${network.label}` });
    const member = await as(ctx, coordinator, {
      method: 'POST',
      url: `/api/networks/${network.id}/memberships`,
      payload: {
        organizationId: org.id,
        planId: plan.id,
        contacts: [{ name: 'Contact GTEC', role: 'main', email: null }],
      },
    });
    const today = new Date().toISOString().slice(0, 10);
    await as(ctx, coordinator, {
      method: 'POST',
      url: `/api/members/${member.id}/payments`,
      payload: { amountCents: 10_000, method: 'transfer', paidOn: today },
    });
    const closesOn = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    const wave = await as(ctx, coordinator, {
      method: 'POST',
      url: `/api/networks/${network.id}/gtec/waves`,
      payload: {
        kind: 'gtec',
        title: secret('Vague GTEC'),
        opensOn: today,
        closesOn,
        memberIds: [member.id],
      },
    });
    return { ids: [network.id, wave.id, member.id, org.id], secrets: [secret('Vague GTEC')] };
  },
};
