import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../context.ts';
import { errorBody } from '../../lib/http.ts';
import { confirmErasure, eraseForAdmin, erasureLink, requestErasure } from './privacy.erasure.service.ts';
import type { PrivacyLimits } from './privacy.service.ts';

// The erasure of a person's data: the public request (a link mailed to the address), the link's page (what it
// will erase, then the click) and the platform admin's erasure of any address. Each answers with the report.

const tags = ['privacy'];
export const emailBody = z.strictObject({
  email: z
    .string()
    .trim()
    .max(254, 'adresse e-mail : 254 caractères au plus')
    .pipe(z.email('adresse e-mail invalide')),
});
const token = z.object({ token: z.string().max(200, 'lien : 200 caractères au plus') });
const count = z.object({
  table: z.string(),
  deleted: z.number(),
  pseudonymised: z.number(),
  kept: z.number().optional(),
  sentence: z.string(),
});
export const erasureReport = z.object({
  pseudonym: z.string(),
  deleted: z.number(),
  pseudonymised: z.number(),
  kept: z.number(),
  sentences: z.array(z.string()),
  parts: z.array(z.object({ module: z.string(), tables: z.array(count) })),
});

export function privacyErasureRoutes(app: FastifyInstance, deps: Deps, limits: PrivacyLimits) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.post(
    '/api/privacy/erasure-requests',
    {
      schema: {
        tags,
        summary:
          'Ask for one’s personal data to be erased: a confirmation link is mailed to the address if the platform holds anything about it (same answer either way)',
        body: emailBody,
        response: { 202: z.object({ message: z.string() }), 429: errorBody },
      },
    },
    async (req, reply) =>
      reply.status(202).send(await requestErasure(deps, limits, { email: req.body.email, ip: req.ip })),
  );
  r.get(
    '/api/privacy/erasures/:token',
    {
      schema: {
        tags,
        summary:
          'The mailed erasure link: the address it erases (partly hidden), until it expires (24 hours)',
        params: token,
        response: { 200: z.object({ email: z.string(), expiresAt: z.date() }), 404: errorBody },
      },
    },
    async (req) => erasureLink(deps, req.params.token),
  );
  r.post(
    '/api/privacy/erasures/:token',
    {
      schema: {
        tags,
        summary: 'Confirms the erasure through the mailed link (used once) and answers with what was done',
        params: token,
        response: { 200: erasureReport, 404: errorBody },
      },
    },
    async (req) => confirmErasure(deps, req.params.token),
  );
  r.post(
    '/api/admin/privacy/erasure',
    {
      schema: {
        tags,
        summary:
          'Erases everything the platform holds about an address, keeping accounting records pseudonymised (platform admin)',
        body: emailBody,
        response: { 200: erasureReport, 403: errorBody },
      },
    },
    async (req) => eraseForAdmin(deps, req.actor, req.body.email),
  );
}
