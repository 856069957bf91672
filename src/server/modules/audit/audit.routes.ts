import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../context.ts';
import { errorBody } from '../../lib/http.ts';
import { parseLocalDateTime } from '../events/events.time.ts';
import { readAuditLog } from './audit.service.ts';

/** Midnight in Paris at the start of `date` + `days` days. */
function parisMidnight(date: string, days: number): Date | undefined {
  const day = new Date(`${date}T12:00:00Z`);
  day.setUTCDate(day.getUTCDate() + days);
  return parseLocalDateTime(`${day.toISOString().slice(0, 10)}T00:00`);
}

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
          actor: z.string().trim().max(100).optional(),
          since: z.iso.date().optional(),
          until: z.iso.date().optional(),
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
                actorName: z.string().nullable(),
                action: z.string(),
                entityType: z.string(),
                entityId: z.string().nullable(),
                subject: z.string().nullable(),
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
    async (req) => {
      const { since, until, ...rest } = req.query;
      return {
        items: await readAuditLog(deps, req.actor, {
          ...rest,
          // Days are Paris days (the staff's), from the start of `since` to the end of `until`.
          since: since ? parisMidnight(since, 0) : undefined,
          until: until ? parisMidnight(until, 1) : undefined,
        }),
      };
    },
  );
}
