import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../context.ts';
import { getSiteInfo, packageVersion } from './site.service.ts';

export function siteRoutes(app: FastifyInstance, deps: Deps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/site',
    {
      schema: {
        tags: ['system'],
        summary: 'The installation: its name, version, whether it holds demo data, and its map tile server',
        response: {
          200: z.object({
            demo: z.boolean(),
            name: z.literal('Maillage'),
            version: z.string(),
            mapTiles: z.object({ url: z.string(), attribution: z.string() }),
          }),
        },
      },
    },
    async () => getSiteInfo(deps, packageVersion),
  );
}
