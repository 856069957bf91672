import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../context.ts';
import { errorBody } from '../../lib/http.ts';
import { readAuditLog } from './audit.service.ts';

export function auditRoutes(app: FastifyInstance, deps: Deps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/audit',
    {
      schema: {
        tags: ['audit'],
        summary:
          'Audit log, newest first (coordinators: entries of their networks; platform admin: all). Page with `before` = last id.',
        querystring: z.strictObject({
          networkId: z.uuid().optional(),
          entityType: z.string().max(60).optional(),
          entityId: z.string().max(100).optional(),
          before: z.coerce.number().int().positive().optional(),
          limit: z.coerce.number().int().min(1).max(200).default(50),
        }),
        response: {
          200: z.object({
            items: z.array(
              z.object({
                id: z.number(),
                at: z.string(),
                actorLabel: z.string().nullable(),
                action: z.string(),
                entityType: z.string(),
                entityId: z.string().nullable(),
                networkIds: z.array(z.string()),
                before: z.unknown(),
                after: z.unknown(),
              }),
            ),
          }),
          400: errorBody,
          401: errorBody,
          403: errorBody,
        },
      },
    },
    async (req) => ({ items: await readAuditLog(deps, req.actor, req.query) }),
  );
}
