import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../context.ts';
import { errorBody } from '../../lib/http.ts';
import { readOutbox, requeueMail } from './mail.service.ts';

const outboxMail = z.object({
  id: z.uuid(),
  createdAt: z.string(),
  to: z.string(),
  subject: z.string(),
  text: z.string(),
  status: z.enum(['queued', 'sent', 'failed', 'kept']),
  kind: z.string(),
  attempts: z.number().int(),
  /** A queued mail's next try (or the end of the lease of the worker sending it). */
  nextAttemptAt: z.string().nullable(),
  sentAt: z.string().nullable(),
  /** Why the last failed attempt failed. */
  error: z.string().nullable(),
});

export function mailRoutes(app: FastifyInstance, deps: Deps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/admin/outbox',
    {
      schema: {
        tags: ['admin'],
        summary:
          'Mails written by the platform, newest first: queued (to be sent, with attempts and next try), sent, failed (given up) or kept (no SMTP) (platform admin)',
        querystring: z.strictObject({
          to: z.string().max(254).optional(),
          limit: z.coerce.number().int().min(1).max(500).default(100),
        }),
        response: {
          200: z.object({
            items: z.array(outboxMail),
          }),
          400: errorBody,
          401: errorBody,
          403: errorBody,
        },
      },
    },
    async (req) => ({ items: await readOutbox(deps, req.actor, req.query) }),
  );
  r.post(
    '/api/admin/outbox/:id/requeue',
    {
      schema: {
        tags: ['admin'],
        summary: 'Sends a failed mail again: queued, due now, fresh attempts (platform admin)',
        params: z.strictObject({ id: z.uuid() }),
        response: {
          200: outboxMail,
          400: errorBody,
          401: errorBody,
          403: errorBody,
          404: errorBody,
          409: errorBody,
        },
      },
    },
    async (req) => requeueMail(deps, req.actor, req.params.id),
  );
}
