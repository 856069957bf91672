import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../context.ts';
import { errorBody } from '../../lib/http.ts';
import { campaignsRoutes } from './campaigns.routes.ts';
import { eventsFeedsRoutes } from './events.feeds.routes.ts';
import { getEventImage, MAX_IMAGE_BYTES, requireImageBody, setEventImage } from './events.images.ts';
import { eventsPagesRoutes } from './events.pages.ts';
import { eventsRoutes } from './events.routes.ts';

/** Every HTTP route of the events module (campaigns, events, moderation, feeds, pages, images). */
export function eventsModule(app: FastifyInstance, deps: Deps) {
  campaignsRoutes(app, deps);
  eventsRoutes(app, deps);
  eventsFeedsRoutes(app, deps);
  eventsPagesRoutes(app, deps);

  app.addContentTypeParser(
    ['image/jpeg', 'image/png', 'image/webp', 'application/octet-stream'],
    { parseAs: 'buffer', bodyLimit: MAX_IMAGE_BYTES + 1 },
    (_req, body, done) => done(null, body),
  );
  const r = app.withTypeProvider<ZodTypeProvider>();
  const params = z.object({ id: z.string().max(64) });
  r.put(
    '/api/events/:id/image',
    {
      schema: {
        tags: ['events'],
        summary: 'Set the event image (raw JPEG, PNG or WebP body, 2 MB at most)',
        params,
        response: {
          200: z.object({ id: z.string(), contentType: z.string(), size: z.number() }),
          400: errorBody,
          403: errorBody,
          413: errorBody,
          415: errorBody,
        },
      },
    },
    async (req) => setEventImage(deps, req.actor, req.params.id, requireImageBody(req.body)),
  );
  r.get(
    '/api/events/:id/image',
    { schema: { tags: ['events'], summary: 'The event image', params } },
    async (req, reply) => {
      const img = await getEventImage(deps, req.params.id);
      return reply.type(img.contentType).header('cache-control', 'public, max-age=300').send(img.bytes);
    },
  );
}
