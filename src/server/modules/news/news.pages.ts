import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../context.ts';
import { AppError } from '../../lib/errors.ts';
import { escapeHtml, jsonForScript, renderShell } from '../../lib/web-shell.ts';
import { getNetworkBySlug } from '../accounts/networks.service.ts';
import { newsMarkdownToText } from './news.markdown.ts';
import { getPost, postPath, publicPosts } from './news.posts.ts';
import type { PostOut } from './news.schemas.ts';

// Server-rendered heads of the news pages (OpenGraph, schema.org NewsArticle JSON-LD, feed links) and a readable
// body for crawlers and visitors without JavaScript. Rendered as the public sees them: a draft gets the bare shell
// (404), and the web app shows it to its staff once signed in.

const frenchDay = (iso: string) =>
  new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeZone: 'Europe/Paris' }).format(new Date(iso));

function articleJsonLd(p: PostOut, url: string, publicUrl: string) {
  const network = {
    '@type': 'Organization',
    name: p.networkName,
    url: `${publicUrl}/actualites/${p.networkSlug}`,
  };
  return {
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    headline: p.title.slice(0, 110),
    description: p.summary || newsMarkdownToText(p.body).slice(0, 300),
    datePublished: p.publishedAt,
    dateModified: p.updatedAt,
    ...(p.imageUrl ? { image: [`${publicUrl}${p.imageUrl}`] } : {}),
    ...(p.categories.length ? { articleSection: p.categories.map((c) => c.name) } : {}),
    author: network,
    publisher: network,
    mainEntityOfPage: { '@type': 'WebPage', '@id': url },
    url,
    inLanguage: 'fr',
  };
}

const meta = (pairs: string[][]) =>
  pairs.map(([p, c]) => `<meta property="${p}" content="${escapeHtml(c)}">`).join('\n');

const feedLinks = (publicUrl: string, networkId: string, name: string) =>
  [
    `<link rel="alternate" type="application/rss+xml" title="${escapeHtml(`Actualités — ${name} (RSS)`)}" href="${escapeHtml(`${publicUrl}/api/networks/${networkId}/news.rss`)}">`,
    `<link rel="alternate" type="application/atom+xml" title="${escapeHtml(`Actualités — ${name} (Atom)`)}" href="${escapeHtml(`${publicUrl}/api/networks/${networkId}/news.atom`)}">`,
  ].join('\n');

export function newsPagesRoutes(app: FastifyInstance, deps: Deps) {
  const html = 'text/html; charset=utf-8';
  const publicUrl = deps.config.publicUrl;

  app.get('/actualites/articles/:id', { schema: { hide: true } }, async (req, reply) => {
    const { id } = req.params as { id: string };
    let p: PostOut;
    try {
      p = await getPost(deps, null, id);
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      return reply
        .status(404)
        .type(html)
        .send(renderShell({ title: 'Actualité — Maillage' }));
    }
    const url = `${publicUrl}${postPath(p.id)}`;
    const description = (p.summary || newsMarkdownToText(p.body)).slice(0, 300);
    const head = [
      meta([
        ['og:type', 'article'],
        ['og:title', p.title],
        ['og:description', description],
        ['og:url', url],
        ['og:site_name', p.networkName],
        ['og:locale', 'fr_FR'],
        ...(p.publishedAt ? [['article:published_time', p.publishedAt]] : []),
        ['article:modified_time', p.updatedAt],
        ...p.categories.map((c) => ['article:section', c.name]),
        ...(p.imageUrl ? [['og:image', `${publicUrl}${p.imageUrl}`]] : []),
        ...(p.imageUrl && p.imageAlt ? [['og:image:alt', p.imageAlt]] : []),
      ]),
      `<meta name="twitter:card" content="${p.imageUrl ? 'summary_large_image' : 'summary'}">`,
      `<link rel="canonical" href="${escapeHtml(url)}">`,
      feedLinks(publicUrl, p.networkId, p.networkName),
      `<script type="application/ld+json">${jsonForScript(articleJsonLd(p, url, publicUrl))}</script>`,
    ].join('\n');
    const body = `<main><article><h1>${escapeHtml(p.title)}</h1>
<p>${escapeHtml(p.networkName)}${p.publishedAt ? ` · ${escapeHtml(frenchDay(p.publishedAt))}` : ''}</p>
${p.summary ? `<p><strong>${escapeHtml(p.summary)}</strong></p>` : ''}${p.bodyHtml}
<p><a href="/actualites/${escapeHtml(p.networkSlug)}">Toutes les actualités de ${escapeHtml(p.networkName)}</a></p></article></main>`;
    return reply
      .type(html)
      .send(renderShell({ title: `${p.title} — ${p.networkName}`, description, head, body }));
  });

  app.get('/actualites/:slug', { schema: { hide: true } }, async (req, reply) => {
    const { slug } = req.params as { slug: string };
    let network: Awaited<ReturnType<typeof getNetworkBySlug>>;
    try {
      network = await getNetworkBySlug(deps.db, slug.slice(0, 100));
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      return reply
        .status(404)
        .type(html)
        .send(renderShell({ title: 'Actualités — Maillage' }));
    }
    const posts = await publicPosts(deps.db, network.id, deps.clock(), 20);
    const url = `${publicUrl}/actualites/${network.slug}`;
    const title = `Actualités — ${network.name}`;
    const description = network.description?.slice(0, 300) || `Les actualités de ${network.name}`;
    const head = [
      meta([
        ['og:type', 'website'],
        ['og:title', title],
        ['og:description', description],
        ['og:url', url],
        ['og:site_name', network.name],
        ['og:locale', 'fr_FR'],
      ]),
      `<link rel="canonical" href="${escapeHtml(url)}">`,
      feedLinks(publicUrl, network.id, network.name),
    ].join('\n');
    const items = posts
      .map(
        (p) =>
          `<li><h2><a href="${postPath(p.id)}">${escapeHtml(p.title)}</a></h2><p>${escapeHtml(frenchDay(p.publishedAt!.toISOString()))}</p>${p.summary ? `<p>${escapeHtml(p.summary)}</p>` : ''}</li>`,
      )
      .join('');
    const body = `<main><h1>${escapeHtml(title)}</h1>${posts.length ? `<ul>${items}</ul>` : '<p>Aucune actualité publiée pour l’instant.</p>'}</main>`;
    return reply.type(html).send(renderShell({ title, description, head, body }));
  });
}
