import type { Network } from '../accounts/networks.service.ts';
import type { PostRow } from './news.access.ts';
import { newsMarkdownToText, renderNewsMarkdown } from './news.markdown.ts';
import { postPath } from './news.posts.ts';

// A network's news as RSS 2.0 and Atom (RFC 4287): published posts only, absolute links from PUBLIC_URL, every text
// escaped, and the characters XML 1.0 forbids (control characters a paste may carry) dropped.

const xml = (s: string) =>
  s
    // biome-ignore lint/suspicious/noControlCharactersInRegex: these are the characters XML 1.0 refuses.
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')
    .replace(
      /[&<>"']/g,
      (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!,
    );

type FeedOpts = {
  network: Pick<Network, 'name' | 'slug' | 'description'>;
  publicUrl: string;
  selfUrl: string;
};

const summaryText = (p: PostRow) => p.summary || newsMarkdownToText(p.body).slice(0, 500);

export function newsRss(posts: PostRow[], o: FeedOpts): string {
  const home = `${o.publicUrl}/actualites/${o.network.slug}`;
  const items = posts.map((p) => {
    const link = `${o.publicUrl}${postPath(p.id)}`;
    return `<item><title>${xml(p.title)}</title><link>${xml(link)}</link><guid isPermaLink="true">${xml(link)}</guid><pubDate>${p.publishedAt!.toUTCString()}</pubDate><description>${xml(summaryText(p))}</description></item>`;
  });
  return `<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom"><channel><title>${xml(`Actualités — ${o.network.name}`)}</title><link>${xml(home)}</link><atom:link href="${xml(o.selfUrl)}" rel="self" type="application/rss+xml"/><description>${xml(o.network.description || `Les actualités de ${o.network.name}`)}</description><language>fr</language>${items.join('')}</channel></rss>`;
}

export function newsAtom(posts: PostRow[], o: FeedOpts, now: Date): string {
  const home = `${o.publicUrl}/actualites/${o.network.slug}`;
  const updated = (posts[0]?.updatedAt ?? now).toISOString();
  const entries = posts.map((p) => {
    const link = `${o.publicUrl}${postPath(p.id)}`;
    return `<entry><title>${xml(p.title)}</title><link rel="alternate" type="text/html" href="${xml(link)}"/><id>${xml(link)}</id><published>${p.publishedAt!.toISOString()}</published><updated>${p.updatedAt.toISOString()}</updated><summary>${xml(summaryText(p))}</summary><content type="html">${xml(renderNewsMarkdown(p.body))}</content></entry>`;
  });
  return `<?xml version="1.0" encoding="UTF-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="fr"><title>${xml(`Actualités — ${o.network.name}`)}</title><id>${xml(home)}</id><link rel="alternate" type="text/html" href="${xml(home)}"/><link rel="self" type="application/atom+xml" href="${xml(o.selfUrl)}"/><updated>${updated}</updated><author><name>${xml(o.network.name)}</name></author>${entries.join('')}</feed>`;
}
