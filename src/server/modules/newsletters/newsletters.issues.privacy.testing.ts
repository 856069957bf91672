import type { PrivateFixture } from '../../privacy-sweep.testing.ts';
import type { TestContext } from '../../testing.ts';
import { buildList, subscribe } from './newsletters.testing.ts';

// The issues' private data for the cross-network sweep: a draft issue (subject, body), its list and the network's
// sending settings (sender name, reply-to). A draft is the network's staff's business until it is sent.

type Inject = { method: 'POST' | 'PUT'; url: string; payload?: object };
async function as(ctx: TestContext, cookie: string, req: Inject) {
  const res = await ctx.app.inject({ ...req, headers: { cookie } });
  if (res.statusCode >= 300) throw new Error(`${req.method} ${req.url}: ${res.statusCode} ${res.body}`);
  return res.json();
}

export const newsletterIssuesFixture: PrivateFixture = {
  module: 'newsletter issues',
  async seed(ctx, network, secret) {
    const list = await buildList(ctx.db, network.id, secret('Liste'));
    await subscribe(ctx.db, list, 2, secret('abonne').toLowerCase());
    const issue = await as(ctx, network.coordinator, {
      method: 'POST',
      url: `/api/networks/${network.id}/newsletter-issues`,
      payload: {
        listId: list.id,
        subject: secret('Objet de la lettre'),
        bodyMarkdown: secret('Texte de la lettre'),
      },
    });
    await as(ctx, network.coordinator, {
      method: 'PUT',
      url: `/api/networks/${network.id}/newsletter-sending-settings`,
      payload: {
        senderName: secret('Expéditeur'),
        replyTo: `${secret('reponse').toLowerCase()}@example.org`,
      },
    });
    return {
      ids: [network.id, list.id, issue.id],
      secrets: [
        secret('Objet de la lettre'),
        secret('Texte de la lettre'),
        secret('Expéditeur'),
        secret('reponse').toLowerCase(),
      ],
    };
  },
};
