import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../context.ts';
import { invalidInput } from '../../lib/errors.ts';
import { errorBody, rawBodyRoutes } from '../../lib/http.ts';
import { getNetworkBySlug } from '../accounts/networks.service.ts';
import { newsAtom, newsRss } from './news.feeds.ts';
import { getPostImage, MAX_NEWS_IMAGE_BYTES, setPostImage } from './news.images.ts';
import { newsPagesRoutes } from './news.pages.ts';
import {
  createCategory,
  createPost,
  deleteDraft,
  getPost,
  listCategories,
  listPosts,
  publicPosts,
  publishPost,
  unpublishPost,
  updatePost,
} from './news.posts.ts';
import {
  categoryInput,
  listOut,
  listQuery,
  networkParams,
  postInput,
  postOut,
  postPatch,
  publishInput,
} from './news.schemas.ts';

// A network's news: public list, post and feeds; its staff write, publish, unpublish and delete drafts.

const tags = ['news'];
const postParams = z.object({ id: z.string().max(64) });
const category = z.object({ id: z.string(), name: z.string() });

export function newsRoutes(app: FastifyInstance, deps: Deps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  newsPagesRoutes(app, deps);

  r.get(
    '/api/networks/:id/news',
    {
      schema: {
        tags,
        summary: 'A network’s news, newest first (published ones; drafts too for its staff with `status`)',
        params: networkParams,
        querystring: listQuery,
        response: { 200: listOut },
      },
    },
    async (req) => listPosts(deps, req.actor, req.params.id, req.query),
  );
  r.post(
    '/api/networks/:id/news',
    {
      schema: {
        tags,
        summary: 'Write a news post (a draft) for the network (its staff)',
        params: networkParams,
        body: postInput,
        response: { 201: postOut },
      },
    },
    async (req, reply) => reply.status(201).send(await createPost(deps, req.actor, req.params.id, req.body)),
  );
  r.get(
    '/api/networks/:id/news-categories',
    {
      schema: {
        tags,
        summary: 'The categories of a network’s news',
        params: networkParams,
        response: { 200: z.object({ items: z.array(category) }) },
      },
    },
    async (req) => ({ items: await listCategories(deps.db, req.params.id) }),
  );
  r.post(
    '/api/networks/:id/news-categories',
    {
      schema: {
        tags,
        summary: 'Add a category to the network’s news (its staff)',
        params: networkParams,
        body: categoryInput,
        response: { 201: category },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await createCategory(deps, req.actor, req.params.id, req.body.name)),
  );
  r.get(
    '/api/news/:id',
    {
      schema: {
        tags,
        summary: 'One news post (public once published; a draft for its network’s staff only)',
        params: postParams,
        response: { 200: postOut },
      },
    },
    async (req) => getPost(deps, req.actor, req.params.id),
  );
  r.patch(
    '/api/news/:id',
    {
      schema: {
        tags,
        summary: 'Change a news post',
        params: postParams,
        body: postPatch,
        response: { 200: postOut },
      },
    },
    async (req) => updatePost(deps, req.actor, req.params.id, req.body),
  );
  r.post(
    '/api/news/:id/publish',
    {
      schema: {
        tags,
        summary: 'Publish a news post, now or from `publishedAt`',
        params: postParams,
        body: publishInput,
        response: { 200: postOut },
      },
    },
    async (req) => publishPost(deps, req.actor, req.params.id, req.body.publishedAt),
  );
  r.post(
    '/api/news/:id/unpublish',
    {
      schema: {
        tags,
        summary: 'Take a news post back to draft',
        params: postParams,
        response: { 200: postOut },
      },
    },
    async (req) => unpublishPost(deps, req.actor, req.params.id),
  );
  r.delete(
    '/api/news/:id',
    {
      schema: { tags, summary: 'Delete a draft', params: postParams, response: { 204: z.null() } },
    },
    async (req, reply) => {
      await deleteDraft(deps, req.actor, req.params.id);
      return reply.status(204).send(null);
    },
  );
  r.get(
    '/api/news/:id/image',
    { schema: { tags, summary: 'A news post’s image', params: postParams } },
    async (req, reply) => {
      const img = await getPostImage(deps, req.actor, req.params.id);
      // A draft's image is its staff's: no shared cache may keep it.
      return reply
        .type(img.contentType)
        .header('cache-control', img.isPublic ? 'public, max-age=300' : 'private, no-store')
        .send(img.bytes);
    },
  );
  const imageTypes = ['image/jpeg', 'image/png', 'image/webp', 'application/octet-stream'];
  rawBodyRoutes(app, { contentTypes: imageTypes, limit: MAX_NEWS_IMAGE_BYTES + 1 }, (scope) => {
    scope.withTypeProvider<ZodTypeProvider>().put(
      '/api/news/:id/image',
      {
        schema: {
          tags,
          summary: 'Set a news post’s image (raw JPEG, PNG or WebP body, 2 MB at most)',
          params: postParams,
          response: {
            200: z.object({ id: z.string(), contentType: z.string(), size: z.number() }),
            400: errorBody,
            404: errorBody,
            413: errorBody,
            415: errorBody,
          },
        },
      },
      async (req) => {
        if (!Buffer.isBuffer(req.body) || req.body.length === 0)
          throw invalidInput('Image manquante', { image: 'image requise' });
        return setPostImage(deps, req.actor, req.params.id, req.body);
      },
    );
  });

  const feed = (kind: 'rss' | 'atom') =>
    r.get(
      `/api/networks/:id/news.${kind}`,
      {
        schema: {
          tags,
          summary: `The network’s published news as ${kind === 'rss' ? 'RSS 2.0' : 'Atom'}`,
          params: networkParams,
          response: { 200: z.string(), 404: errorBody },
        },
      },
      async (req, reply) => {
        const network = await getNetworkBySlug(deps.db, req.params.id);
        const posts = await publicPosts(deps.db, network.id, deps.clock(), 50);
        const opts = {
          network,
          publicUrl: deps.config.publicUrl,
          selfUrl: `${deps.config.publicUrl}/api/networks/${network.id}/news.${kind}`,
        };
        return reply
          .type(kind === 'rss' ? 'application/rss+xml; charset=utf-8' : 'application/atom+xml; charset=utf-8')
          .header('cache-control', 'public, max-age=300')
          .send(kind === 'rss' ? newsRss(posts, opts) : newsAtom(posts, opts, deps.clock()));
      },
    );
  feed('rss');
  feed('atom');
}
