import type { PrivateFixture } from '../../privacy-sweep.testing.ts';
import type { TestContext } from '../../testing.ts';

// The news' private data for the cross-network sweep: a draft (title, summary, body) and a post scheduled ahead.
// Both must stay with the network's staff until their date.

async function as(ctx: TestContext, cookie: string, url: string, payload: object) {
  const res = await ctx.app.inject({ method: 'POST', url, payload, headers: { cookie } });
  if (res.statusCode >= 300) throw new Error(`POST ${url}: ${res.statusCode} ${res.body}`);
  return res.json();
}

export const newsFixture: PrivateFixture = {
  module: 'news',
  async seed(ctx, network, secret) {
    const base = `/api/networks/${network.id}`;
    const category = await as(ctx, network.coordinator, `${base}/news-categories`, { name: 'Vie du réseau' });
    const draft = await as(ctx, network.coordinator, `${base}/news`, {
      title: secret('Brouillon d’actualité'),
      summary: secret('Chapô du brouillon'),
      body: secret('Texte du brouillon'),
      categoryIds: [category.id],
    });
    const scheduled = await as(ctx, network.coordinator, `${base}/news`, {
      title: secret('Annonce à venir'),
    });
    await as(ctx, network.coordinator, `/api/news/${scheduled.id}/publish`, {
      publishedAt: '2199-01-01T08:00:00Z',
    });
    return {
      ids: [network.id, network.slug, draft.id, scheduled.id, category.id],
      secrets: [
        secret('Brouillon d’actualité'),
        secret('Chapô du brouillon'),
        secret('Texte du brouillon'),
        secret('Annonce à venir'),
      ],
    };
  },
};
