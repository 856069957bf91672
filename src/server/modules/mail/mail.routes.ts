import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../context.ts';
import { errorBody } from '../../lib/http.ts';
import { readOutbox } from './mail.service.ts';

export function mailRoutes(app: FastifyInstance, deps: Deps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/admin/outbox',
    {
      schema: {
        tags: ['admin'],
        summary:
          'Mails written by the platform, newest first: kept (no SMTP), sent or failed (platform admin)',
        querystring: z.strictObject({
          to: z.string().max(254).optional(),
          limit: z.coerce.number().int().min(1).max(500).default(100),
        }),
        response: {
          200: z.object({
            items: z.array(
              z.object({
                id: z.uuid(),
                createdAt: z.string(),
                to: z.string(),
                subject: z.string(),
                text: z.string(),
                status: z.string(),
                kind: z.string(),
                error: z.string().nullable(),
              }),
            ),
          }),
          400: errorBody,
          401: errorBody,
          403: errorBody,
        },
      },
    },
    async (req) => ({ items: await readOutbox(deps, req.actor, req.query) }),
  );
}
