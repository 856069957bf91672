import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../context.ts';
import { dateTimeField, oneLine } from '../../lib/fields.ts';
import { applyToFair, assignStand, decideApplication, listApplications } from './fairs.exhibitors.ts';
import { exhibitorsCsv, publicExhibitors } from './fairs.public.ts';
import { createFair, getFair, listFairs, updateFair } from './fairs.service.ts';
import { withdrawApplication } from './fairs.withdraw.ts';

const tags = ['fairs'];
const fairParams = z.object({ id: z.uuid('identifiant de salon invalide') });
const appParams = fairParams.extend({ applicationId: z.uuid('identifiant de candidature invalide') });
const zones = z.array(z.string().trim().min(1).max(40)).max(50);

const fairOut = z.object({
  id: z.string(),
  eventId: z.string(),
  networkId: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  zones: z.array(z.string()),
  applicationsOpen: z.boolean(),
  applicationsCloseAt: z.date().nullable(),
  exhibitorCount: z.number(),
  isDemo: z.boolean(),
  event: z.object({
    id: z.string(),
    title: z.string(),
    startsAt: z.date(),
    endsAt: z.date(),
    venueName: z.string().nullable(),
    communeName: z.string().nullable(),
  }),
});
const applicationOut = z.object({
  id: z.string(),
  fairId: z.string(),
  organizationId: z.string(),
  organizationName: z.string().optional(),
  pitch: z.string(),
  needsTable: z.boolean(),
  needsPower: z.boolean(),
  needsOther: z.string().nullable(),
  status: z.string(),
  decisionMessage: z.string().nullable(),
  decidedAt: z.date().nullable(),
  contactName: z.string(),
  contactEmail: z.string(),
  standZone: z.string().nullable(),
  standNumber: z.number().nullable(),
  withdrawnAt: z.date().nullable(),
  withdrawalMessage: z.string().nullable(),
  createdAt: z.date(),
});

export function fairsRoutes(app: FastifyInstance, deps: Deps) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/fairs',
    {
      schema: {
        tags,
        summary: 'Fairs taking exhibitors (optionally for one event)',
        querystring: z.object({ eventId: z.uuid().optional() }),
        response: { 200: z.object({ items: z.array(fairOut) }) },
      },
    },
    async (req) => ({ items: await listFairs(deps, req.actor, req.query) }),
  );
  r.post(
    '/api/fairs',
    {
      schema: {
        tags,
        summary: 'Turn an event into a fair taking exhibitor applications (coordinators of its network)',
        body: z.strictObject({
          eventId: z.uuid('identifiant d’événement invalide'),
          name: oneLine(z.string().trim().max(200)).optional(),
          description: z.string().max(5000).nullish(),
          zones: zones.optional(),
          applicationsOpen: z.boolean().optional(),
          applicationsCloseAt: dateTimeField().nullish(),
        }),
      },
    },
    async (req, reply) => {
      const fair = await createFair(deps, req.actor, req.body);
      return reply.status(201).send(await getFair(deps, req.actor, fair.id));
    },
  );
  r.get(
    '/api/fairs/:id',
    { schema: { tags, summary: 'A fair (public)', params: fairParams, response: { 200: fairOut } } },
    async (req) => getFair(deps, req.actor, req.params.id),
  );
  r.patch(
    '/api/fairs/:id',
    {
      schema: {
        tags,
        summary: 'Edit a fair: name, description, zones, applications open (coordinators)',
        params: fairParams,
        body: z.strictObject({
          name: oneLine(z.string().trim().min(1).max(200)).optional(),
          description: z.string().max(5000).nullish(),
          zones: zones.optional(),
          applicationsOpen: z.boolean().optional(),
          applicationsCloseAt: dateTimeField().nullish(),
        }),
        response: { 200: fairOut },
      },
    },
    async (req) => {
      await updateFair(deps, req.actor, req.params.id, req.body);
      return getFair(deps, req.actor, req.params.id);
    },
  );

  r.post(
    '/api/fairs/:id/applications',
    {
      schema: {
        tags,
        summary: 'Apply to exhibit, for an organisation of the directory that the signed-in person may edit',
        params: fairParams,
        body: z.strictObject({
          organizationId: z.uuid('organisation invalide'),
          pitch: z
            .string()
            .trim()
            .min(10, 'présentez votre projet en quelques mots (10 caractères au moins)')
            .max(2000),
          needs: z.strictObject({
            table: z.boolean(),
            power: z.boolean(),
            other: z.string().trim().max(500).nullish(),
          }),
        }),
        response: { 201: applicationOut },
      },
    },
    async (req, reply) => reply.status(201).send(await applyToFair(deps, req.actor, req.params.id, req.body)),
  );
  r.get(
    '/api/fairs/:id/applications',
    {
      schema: {
        tags,
        summary: 'Applications: all for coordinators, one’s own organisations’ for others',
        params: fairParams,
        querystring: z.object({
          status: z.enum(['pending', 'accepted', 'rejected', 'withdrawn']).optional(),
        }),
        response: { 200: z.object({ canReview: z.boolean(), items: z.array(applicationOut) }) },
      },
    },
    async (req) => listApplications(deps.db, req.actor, req.params.id, req.query),
  );
  r.post(
    '/api/fairs/:id/applications/:applicationId/decision',
    {
      schema: {
        tags,
        summary: 'Accept or reject an application; the message is mailed to the applicant (coordinators)',
        params: appParams,
        body: z.strictObject({
          decision: z.enum(['accepted', 'rejected']),
          message: z.string().trim().max(2000).nullish(),
        }),
        response: { 200: applicationOut },
      },
    },
    async (req) => decideApplication(deps, req.actor, req.params.id, req.params.applicationId, req.body),
  );
  r.post(
    '/api/fairs/:id/applications/:applicationId/withdrawal',
    {
      schema: {
        tags,
        summary:
          'Withdraw a pending or accepted application before the fair starts (whoever may act for the organisation); its stand is freed and the coordinators are mailed',
        params: appParams,
        body: z.strictObject({ message: z.string().trim().max(2000).nullish() }).nullish(),
        response: { 200: applicationOut },
      },
    },
    async (req) =>
      withdrawApplication(deps, req.actor, req.params.id, req.params.applicationId, req.body ?? {}),
  );
  r.put(
    '/api/fairs/:id/applications/:applicationId/stand',
    {
      schema: {
        tags,
        summary: 'Assign a stand (zone + number, never two exhibitors on one stand) or clear it with null',
        params: appParams,
        body: z
          .strictObject({
            zone: z.string().trim().min(1, 'zone obligatoire').max(40),
            number: z.number().int('numéro entier').min(1, 'numéro positif').max(10_000),
          })
          .nullable(),
        response: { 200: applicationOut },
      },
    },
    async (req) => assignStand(deps, req.actor, req.params.id, req.params.applicationId, req.body),
  );

  r.get(
    '/api/fairs/:id/exhibitors',
    {
      schema: {
        tags,
        summary: 'Accepted exhibitors by stand, linked to their directory pages (public)',
        params: fairParams,
        response: {
          200: z.object({
            fair: z.object({ id: z.string(), name: z.string(), zones: z.array(z.string()) }),
            items: z.array(
              z.object({
                id: z.string(),
                organizationId: z.string(),
                name: z.string(),
                acronym: z.string().nullable(),
                essFamily: z.string().nullable(),
                communeName: z.string().nullable(),
                departmentCode: z.string().nullable(),
                pitch: z.string(),
                standZone: z.string().nullable(),
                standNumber: z.number().nullable(),
                directoryUrl: z.string(),
              }),
            ),
          }),
        },
      },
    },
    async (req) => publicExhibitors(deps.db, req.actor, req.params.id),
  );
  r.get(
    '/api/fairs/:id/exhibitors.csv',
    {
      schema: {
        tags,
        summary: 'All applications with needs and stands, CSV (coordinators)',
        params: fairParams,
      },
    },
    async (req, reply) => {
      const { csv, filename } = await exhibitorsCsv(deps.db, req.actor, req.params.id);
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${filename}"`)
        .send(csv);
    },
  );
}
