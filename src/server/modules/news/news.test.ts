import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../testing.ts';
import { buildNetwork, signInAs } from '../accounts/accounts.factory.ts';
import { listAudit } from '../audit/audit.service.ts';
import { latestNews } from './news.posts.ts';

// News through the HTTP layer: a draft is its network's staff's alone (another network's coordinator and the public
// get a 404 and nothing in lists or feeds); Markdown is sanitised everywhere it is shown; the feeds are well-formed
// XML with every text escaped and absolute links; each write is audited.

let ctx: TestContext;
const now = new Date('2026-05-10T08:00:00Z');
beforeAll(async () => {
  ctx = await createTestApp({ now: () => now });
});
afterAll(() => ctx?.close());

// sax ships no types: the few members used here.
type SaxParser = {
  onopentag: (node: { name: string }) => void;
  ontext: (text: string) => void;
  onclosetag: () => void;
  write(s: string): { close(): void };
};
const sax = createRequire(import.meta.url)('sax') as { parser(strict: boolean): SaxParser };

/** Parses strictly (sax throws on any well-formedness error) and returns the text of every element named `tag`. */
function parseXml(xml: string, tag: string): string[] {
  const parser = sax.parser(true);
  const found: string[] = [];
  let inside = false;
  parser.onopentag = (n) => {
    inside = n.name === tag;
  };
  parser.ontext = (t) => {
    if (inside) found.push(t);
  };
  parser.onclosetag = () => {
    inside = false;
  };
  parser.write(xml).close();
  return found;
}

async function setup() {
  const network = await buildNetwork(ctx.deps, { name: 'Club <des> "Entrepreneurs" & Co' });
  const other = await buildNetwork(ctx.deps);
  const coord = await signInAs(ctx.app, ctx.deps, {
    email: `coord-${network.id.slice(0, 8)}@example.org`,
    name: 'Claire Martin',
    coordinatorOf: [network.id],
  });
  const stranger = await signInAs(ctx.app, ctx.deps, {
    email: `coord-${other.id.slice(0, 8)}@example.org`,
    coordinatorOf: [other.id],
  });
  const member = await signInAs(ctx.app, ctx.deps, {
    email: `member-${network.id.slice(0, 8)}@example.org`,
    memberOf: [network.id],
  });
  const call = (
    method: 'GET' | 'POST' | 'PATCH' | 'DELETE' | 'PUT',
    url: string,
    cookie?: string,
    payload?: object,
  ) => ctx.app.inject({ method, url, payload, headers: cookie ? { cookie } : {} });
  return { network, other, coord, stranger, member, call };
}

describe('news', () => {
  it('keeps drafts to the network’s staff, publishes, unpublishes, deletes drafts, audited', async () => {
    const { network, coord, stranger, member, call } = await setup();
    const base = `/api/networks/${network.id}`;
    const cat = await call('POST', `${base}/news-categories`, coord, { name: 'Vie du club' });
    expect(cat.statusCode).toBe(201);
    const draft = await call('POST', `${base}/news`, coord, {
      title: 'Afterwork secret de printemps',
      summary: 'Le chapô',
      body: 'Texte **gras**',
      categoryIds: [cat.json().id],
    });
    expect(draft.statusCode).toBe(201);
    const id = draft.json().id;
    expect(draft.json()).toMatchObject({
      status: 'draft',
      isPublic: false,
      categories: [{ name: 'Vie du club' }],
    });

    // Nobody but the staff sees the draft: not another network's coordinator, a member, nor the public.
    for (const cookie of [stranger, member, undefined]) {
      expect((await call('GET', `/api/news/${id}`, cookie)).statusCode).toBe(404);
      expect((await call('PATCH', `/api/news/${id}`, cookie, { title: 'x' })).statusCode).toBe(404);
      expect((await call('POST', `/api/news/${id}/publish`, cookie, {})).statusCode).toBe(404);
      const list = await call('GET', `${base}/news`, cookie);
      expect(list.statusCode).toBe(200);
      expect(list.body).not.toContain('secret de printemps');
      expect((await call('GET', `${base}/news?status=draft`, cookie)).statusCode).toBe(cookie ? 403 : 401);
    }
    expect((await call('GET', `/actualites/articles/${id}`)).statusCode).toBe(404);
    expect((await call('GET', `/actualites/articles/${id}`)).body).not.toContain('secret de printemps');
    expect((await call('GET', `${base}/news.rss`)).body).not.toContain('secret de printemps');
    expect((await call('GET', `${base}/news?status=all`, coord)).json().items).toHaveLength(1);
    expect(await latestNews(ctx.deps, network.id, 5)).toEqual([]);

    // A category of another network is refused, naming the field.
    const foreign = await call(
      'POST',
      `/api/networks/${(await setup()).network.id}/news-categories`,
      undefined,
      {
        name: 'x',
      },
    );
    expect(foreign.statusCode).toBe(401);
    const bad = await call('PATCH', `/api/news/${id}`, coord, {
      categoryIds: ['00000000-0000-4000-8000-000000000000'],
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields).toHaveProperty('categoryIds');
    expect((await call('POST', `${base}/news`, coord, { title: '' })).json().error.fields).toHaveProperty(
      'title',
    );

    // Published: public, in the list, the feeds and latestNews; a date ahead keeps it hidden until then.
    const ahead = await call('POST', `/api/news/${id}/publish`, coord, {
      publishedAt: '2026-06-01T08:00:00Z',
    });
    expect(ahead.json()).toMatchObject({ status: 'published', isPublic: false });
    expect((await call('GET', `/api/news/${id}`)).statusCode).toBe(404);
    const pub = await call('POST', `/api/news/${id}/publish`, coord, {});
    expect(pub.json()).toMatchObject({ status: 'published', isPublic: true, publishedAt: now.toISOString() });
    expect((await call('GET', `/api/news/${id}`, stranger)).json().canEdit).toBe(false);
    expect((await call('GET', `${base}/news`)).json().items.map((p: { id: string }) => p.id)).toEqual([id]);
    expect((await call('GET', `/api/networks/${network.slug}/news`)).json().total).toBe(1);
    const latest = await latestNews(ctx.deps, network.id, 5);
    expect(latest).toEqual([
      expect.objectContaining({
        title: 'Afterwork secret de printemps',
        url: `http://maillage.test/actualites/articles/${id}`,
        categories: ['Vie du club'],
      }),
    ]);
    expect((await call('DELETE', `/api/news/${id}`, coord)).statusCode).toBe(409);

    // Back to draft, then deleted.
    expect((await call('POST', `/api/news/${id}/unpublish`, coord)).json().status).toBe('draft');
    expect((await call('GET', `/api/news/${id}`)).statusCode).toBe(404);
    expect((await call('DELETE', `/api/news/${id}`, stranger)).statusCode).toBe(404);
    expect((await call('DELETE', `/api/news/${id}`, coord)).statusCode).toBe(204);
    expect((await call('GET', `/api/news/${id}`, coord)).statusCode).toBe(404);

    const actions = (await listAudit(ctx.db, { networkIds: [network.id], entityId: id }))
      .map((a) => a.action)
      .reverse();
    // The refused change wrote nothing.
    expect(actions).toEqual([
      'news.post-create',
      'news.post-publish',
      'news.post-publish',
      'news.post-unpublish',
      'news.post-delete',
    ]);
  });

  it('sanitises Markdown and escapes every text in pages and feeds', async () => {
    const { network, coord, call } = await setup();
    const created = await call('POST', `/api/networks/${network.id}/news`, coord, {
      title: 'Titre </script><script>alert(1)</script> & « guillemets » $&',
      summary: 'Chapô <b>brut</b>',
      body: 'Avant\u0001\n\n<script>alert("x")</script>\n\n<img src=x onerror=alert(2)>\n\n[lien](javascript:alert(3)) et [bon](https://example.org)\n\n# Titre un',
    });
    const id = created.json().id;
    const html = created.json().bodyHtml as string;
    expect(html).not.toMatch(/<script|onerror|javascript:|<img/i);
    expect(html).toContain('<a href="https://example.org" rel="nofollow noopener">bon</a>');
    expect(html).toContain('<h2>Titre un</h2>');
    await call('POST', `/api/news/${id}/publish`, coord, {});

    const page = await call('GET', `/actualites/articles/${id}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toMatch(/<script>alert|onerror|javascript:alert/);
    expect(page.body).toContain('<meta property="og:type" content="article">');
    expect(page.body).toContain(
      `<meta property="og:url" content="http://maillage.test/actualites/articles/${id}">`,
    );
    const ld = page.body.match(/<script type="application\/ld\+json">(.*?)<\/script>/s)?.[1];
    const json = JSON.parse(ld!);
    expect(json).toMatchObject({
      '@type': 'NewsArticle',
      headline: expect.stringContaining('</script><script>'),
      datePublished: now.toISOString(),
      publisher: { name: network.name },
    });
    expect(ld).not.toContain('</script');
    expect(page.body).toContain('$&amp;');

    const list = await call('GET', `/actualites/${network.slug}`);
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain(`href="http://maillage.test/api/networks/${network.id}/news.rss"`);
    expect(list.body).not.toContain('<script>alert');
    expect((await call('GET', '/actualites/nul-part')).statusCode).toBe(404);

    const rss = await call('GET', `/api/networks/${network.id}/news.rss`);
    expect(rss.headers['content-type']).toContain('application/rss+xml');
    expect(parseXml(rss.body, 'title')).toContain(
      'Titre </script><script>alert(1)</script> & « guillemets » $&',
    );
    expect(parseXml(rss.body, 'link')).toContain(`http://maillage.test/actualites/articles/${id}`);
    expect(rss.body).not.toContain('<script>');
    const atom = await call('GET', `/api/networks/${network.slug}/news.atom`);
    expect(rss.body + atom.body).not.toContain('\u0001');
    expect(atom.headers['content-type']).toContain('application/atom+xml');
    const content = parseXml(atom.body, 'content').join('');
    expect(content).toContain('<p>Avant</p>');
    expect(content).not.toMatch(/<script|onerror|javascript:/);
    expect(parseXml(atom.body, 'title')[0]).toBe(`Actualités — ${network.name}`);
    expect((await call('GET', '/api/networks/nul-part/news.atom')).statusCode).toBe(404);
  });

  it('takes an image, typed on its bytes, public once published', async () => {
    const { network, coord, stranger, call } = await setup();
    const id = (await call('POST', `/api/networks/${network.id}/news`, coord, { title: 'Avec image' })).json()
      .id;
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
    const put = (cookie: string | undefined, body: Buffer) =>
      ctx.app.inject({
        method: 'PUT',
        url: `/api/news/${id}/image`,
        payload: body,
        headers: { 'content-type': 'image/png', ...(cookie ? { cookie } : {}) },
      });
    expect((await put(stranger, png)).statusCode).toBe(404);
    expect((await put(coord, Buffer.from('<svg onload=alert(1)>'))).statusCode).toBe(415);
    expect((await put(coord, png)).statusCode).toBe(200);
    const post = (await call('GET', `/api/news/${id}`, coord)).json();
    expect(post.imageUrl).toMatch(/^\/api\/news\/.+\/image\?v=/);
    expect((await call('GET', `/api/news/${id}/image`)).statusCode).toBe(404);
    const own = await call('GET', `/api/news/${id}/image`, coord);
    expect(own.headers['cache-control']).toBe('private, no-store');
    await call('POST', `/api/news/${id}/publish`, coord, {});
    const pub = await call('GET', `/api/news/${id}/image`);
    expect(pub.statusCode).toBe(200);
    expect(pub.headers['content-type']).toBe('image/png');
    expect((await call('GET', `/actualites/articles/${id}`)).body).toContain(
      '<meta property="og:image" content="http://maillage.test/api/news/',
    );
  });
});
