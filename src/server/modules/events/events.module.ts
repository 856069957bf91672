import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../context.ts';
import { errorBody, rawBodyRoutes } from '../../lib/http.ts';
import { plugOrganizationDeleted } from '../organizations/organizations.deleted.ts';
import { campaignsRoutes } from './campaigns.routes.ts';
import { eventsFeedsRoutes } from './events.feeds.routes.ts';
import { getEventImage, MAX_IMAGE_BYTES, requireImageBody, setEventImage } from './events.images.ts';
import { forgetDeletedOrganizer } from './events.organizers.ts';
import { eventsPagesRoutes } from './events.pages.ts';
import { eventsRoutes } from './events.routes.ts';

/** Every HTTP route of the events module (campaigns, events, moderation, feeds, pages, images). */
export function eventsModule(app: FastifyInstance, deps: Deps) {
  plugOrganizationDeleted(forgetDeletedOrganizer);
  campaignsRoutes(app, deps);
  eventsRoutes(app, deps);
  // In a scope of their own: their hook (the campaign filter check) is theirs alone.
  app.register(async (scope) => eventsFeedsRoutes(scope, deps));
  eventsPagesRoutes(app, deps);

  const r = app.withTypeProvider<ZodTypeProvider>();
  const params = z.object({ id: z.string().max(64) });
  // Image bodies are taken raw on the upload route only.
  const imageTypes = ['image/jpeg', 'image/png', 'image/webp', 'application/octet-stream'];
  rawBodyRoutes(app, { contentTypes: imageTypes, limit: MAX_IMAGE_BYTES + 1 }, (scope) => {
    scope.withTypeProvider<ZodTypeProvider>().put(
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
  });
  r.get(
    '/api/events/:id/image',
    { schema: { tags: ['events'], summary: 'The event image', params } },
    async (req, reply) => {
      const img = await getEventImage(deps, req.actor, req.params.id);
      // A draft's image is for its organisers only: no shared cache may keep it.
      const cache = img.isPublic ? 'public, max-age=300' : 'private, no-store';
      return reply.type(img.contentType).header('cache-control', cache).send(img.bytes);
    },
  );
}
