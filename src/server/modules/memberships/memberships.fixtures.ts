import type { TestContext } from '../../testing.ts';
import { buildAccount, buildNetwork, buildOrganization } from '../registrations/registrations.fixtures.ts';

// Test helpers of the memberships tests: a club with its coordinator, settings and two plans.

export type Cookies = Record<string, string>;

export function caller(ctx: TestContext) {
  return (method: 'GET' | 'POST' | 'PUT' | 'PATCH', url: string, cookies?: Cookies, payload?: unknown) =>
    ctx.app.inject({ method, url, cookies, payload: payload as Record<string, unknown> });
}

/** A network with a coordinator, membership settings and two plans (small: not subject to VAT; large: 20 %). */
export async function buildClub(ctx: TestContext) {
  const call = caller(ctx);
  const network = await buildNetwork(ctx.db);
  const coordinator = await buildAccount(ctx.db, { coordinatorOf: network.id });
  const settings = await call('PUT', `/api/networks/${network.id}/membership-settings`, coordinator.cookies, {
    legalName: 'Club des entreprises test',
    address: '1 place de la Mairie, 52200 Langres',
    siret: '00000000000017',
    iban: 'FR76 0000 0000 0000 0000 0000 000',
    termsText: 'Les adhérents respectent la charte du club.',
    termsVersion: '2026-01',
  });
  if (settings.statusCode !== 200) throw new Error(settings.body);
  const plan = async (body: Record<string, unknown>) => {
    const res = await call('POST', `/api/networks/${network.id}/membership-plans`, coordinator.cookies, body);
    if (res.statusCode !== 201) throw new Error(res.body);
    return res.json();
  };
  const small = await plan({
    name: 'TPE (moins de 10 salariés)',
    priceCents: 12_000,
    vatRateBp: null,
    contactsLimit: 2,
  });
  const large = await plan({ name: 'PME et plus', priceCents: 30_000, vatRateBp: 2000, graceDays: 30 });
  return { network, coordinator, small, large };
}

export { buildAccount, buildNetwork, buildOrganization };
