import type { PrivateFixture } from '../../privacy-sweep.testing.ts';
import type { TestContext } from '../../testing.ts';

// The lists' private data for the cross-network sweep: a private list (its name and consent text), its subscribers
// imported from a file, and an address subscribed from the public form of a public list (whose name and consent
// text are public). Addresses and the private list's texts must stay with the network's staff.

type Inject = {
  method: 'POST' | 'GET';
  url: string;
  payload?: object | string;
  headers?: Record<string, string>;
};
async function as(ctx: TestContext, cookie: string | undefined, req: Inject) {
  const res = await ctx.app.inject({ ...req, headers: { ...(cookie ? { cookie } : {}), ...req.headers } });
  if (res.statusCode >= 300) throw new Error(`${req.method} ${req.url}: ${res.statusCode} ${res.body}`);
  return res.json();
}

export const newslettersFixture: PrivateFixture = {
  module: 'newsletters',
  async seed(ctx, network, secret) {
    const coordinator = network.coordinator;
    const base = `/api/networks/${network.id}/newsletter-lists`;
    const open = await as(ctx, coordinator, {
      method: 'POST',
      url: base,
      payload: { name: 'Lettre publique', consentText: 'J’accepte de recevoir la lettre publique.' },
    });
    const closed = await as(ctx, coordinator, {
      method: 'POST',
      url: base,
      payload: {
        name: secret('Liste privée'),
        visibility: 'private',
        consentText: secret('Texte de consentement privé'),
      },
    });
    const imported = `${secret('importe').toLowerCase()}@example.org`;
    await as(ctx, coordinator, {
      method: 'POST',
      url: `/api/newsletter-lists/${closed.id}/import?dryRun=false`,
      headers: { 'content-type': 'text/csv' },
      payload: `email;nom;base;date_consentement\n${imported};${secret('Abonné importé')};consentement;01/02/2025\n`,
    });
    const subscriber = `${secret('abonne').toLowerCase()}@example.org`;
    await as(ctx, undefined, {
      method: 'POST',
      url: `/api/newsletter-lists/${open.id}/subscriptions`,
      payload: { email: subscriber, consent: true, consentVersion: open.consentVersion },
    });
    return {
      ids: [network.id, open.id, closed.id],
      secrets: [
        secret('Liste privée'),
        secret('Texte de consentement privé'),
        imported,
        secret('Abonné importé'),
        subscriber,
      ],
    };
  },
};
