import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../context.ts';
import { day, text, uuid } from '../memberships/memberships.schemas.ts';
import { followupsOf, isolationRadar, recordFollowup, setSponsor } from './networking.radar.ts';

// The isolation radar (quiet members, the staff's next steps) and sponsors for new members: the network's staff only.

const tags = ['networking'];
const networkParams = z.object({ id: uuid('identifiant de réseau invalide') });
const memberParams = z.object({ id: uuid('identifiant d’adhérent invalide') });
const step = z.object({ on: z.string(), note: z.string() });

export function radarRoutes(app: FastifyInstance, deps: Deps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/networks/:id/radar',
    {
      schema: {
        tags,
        summary:
          'Current members with no sign of life (event attended, offer or need, introduction, sign-in, joining) for `months` months, the quietest first, with the latest next step (coordinators)',
        params: networkParams,
        querystring: z.object({
          months: z.coerce
            .number({ error: 'nombre de mois invalide' })
            .int('nombre de mois entier')
            .min(1, 'au moins 1 mois')
            .max(60, 'au plus 60 mois')
            .default(6),
        }),
        response: {
          200: z.object({
            months: z.number(),
            total: z.number(),
            items: z.array(
              z.object({
                memberId: z.string(),
                name: z.string(),
                lastSign: z
                  .object({
                    kind: z.enum(['event', 'post', 'introduction', 'signIn', 'joined']),
                    at: z.string(),
                  })
                  .nullable(),
                quietDays: z.number().nullable(),
                nextStep: step.nullable(),
              }),
            ),
          }),
        },
      },
    },
    async (req) => isolationRadar(deps, req.actor, req.params.id, { months: req.query.months }),
  );
  r.get(
    '/api/members/:id/followups',
    {
      schema: {
        tags,
        summary: 'The staff’s next steps about a member, the latest first (coordinators)',
        params: memberParams,
        response: { 200: z.object({ items: z.array(step) }) },
      },
    },
    async (req) => ({ items: await followupsOf(deps.db, req.actor, req.params.id) }),
  );
  r.post(
    '/api/members/:id/followups',
    {
      schema: {
        tags,
        summary: 'Record a next step about a member ("called on …"), audited (coordinators)',
        params: memberParams,
        body: z.strictObject({ note: text(1000, 'écrivez ce qui a été fait ou prévu'), on: day.optional() }),
        response: { 201: step },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await recordFollowup(deps, req.actor, req.params.id, req.body)),
  );
  r.put(
    '/api/members/:id/sponsor',
    {
      schema: {
        tags,
        summary:
          'Pair a member with a sponsor member of the same network ("parrain"), or none (coordinators)',
        params: memberParams,
        body: z.strictObject({ sponsorId: uuid('identifiant d’adhérent invalide').nullable() }),
        response: { 204: z.null() },
      },
    },
    async (req, reply) => {
      await setSponsor(deps, req.actor, req.params.id, req.body.sponsorId);
      return reply.status(204).send(null);
    },
  );
}
