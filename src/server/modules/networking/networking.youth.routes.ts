import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../context.ts';
import { AppError } from '../../lib/errors.ts';
import { idParams } from '../../lib/fields.ts';
import { createRateLimiter } from '../../lib/rate-limit.ts';
import { networkParams, tokenParams } from './networking.schemas.ts';
import { hostedCounts, hostedCsv, recordHosted } from './networking.youth.hosted.ts';
import {
  answerInput,
  hostedInput,
  schoolLinkInput,
  youthOfferInput,
  youthOfferOut,
  youthOfferUpdate,
} from './networking.youth.schemas.ts';
import {
  answerOffer,
  listSchoolLinks,
  revokeSchoolLink,
  schoolView,
  sendSchoolLink,
} from './networking.youth.schools.ts';
import { createYouthOffer, getYouthOffer, listYouthOffers, updateYouthOffer } from './networking.youth.ts';

// Schools and young people: members' offers, the school contacts' personal links and answers, young people hosted.

const tags = ['networking'];
const offerWithRole = youthOfferOut.extend({ canManage: z.boolean() });
/** Window of the per-IP limit on schools' answers (YOUTH_ANSWER_RATE_LIMIT per window). */
const ANSWER_WINDOW_MS = 10 * 60_000;

export function youthRoutes(app: FastifyInstance, deps: Deps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const answerLimit = deps.config.youthAnswerRateLimit ?? 10;
  const answerLimiter =
    answerLimit > 0
      ? createRateLimiter({
          db: deps.db,
          name: 'youth-answers',
          limit: answerLimit,
          windowMs: ANSWER_WINDOW_MS,
          clock: deps.clock,
        })
      : null;

  r.get(
    '/api/networks/:id/youth-offers',
    {
      schema: {
        tags,
        summary:
          'Offers to young people of a network: all for its coordinators, its own and the public ones of the season for a member, the public ones of the season (contact only if the member chose so) for anyone',
        params: networkParams,
        response: {
          200: z.object({
            networkId: z.string(),
            networkName: z.string(),
            season: z.string(),
            role: z.enum(['coordinator', 'member', 'none']),
            items: z.array(youthOfferOut.extend({ mine: z.boolean() })),
          }),
        },
      },
    },
    async (req) => listYouthOffers(deps, req.actor, req.params.id),
  );
  r.post(
    '/api/networks/:id/youth-offers',
    {
      schema: {
        tags,
        summary:
          'Publish an internship, apprenticeship, job-shadowing or company-visit offer for a member in good standing (the member or a coordinator)',
        params: networkParams,
        body: youthOfferInput,
        response: { 201: offerWithRole },
      },
    },
    async (req, reply) => {
      const row = await createYouthOffer(deps, req.actor, req.params.id, req.body);
      return reply.status(201).send(await getYouthOffer(deps, req.actor, row.id));
    },
  );
  r.get(
    '/api/youth-offers/:id',
    {
      schema: {
        tags,
        summary:
          'One offer to young people: in full for its member and the coordinators, a public one for anyone (404 otherwise)',
        params: idParams,
        response: { 200: offerWithRole },
      },
    },
    async (req) => getYouthOffer(deps, req.actor, req.params.id),
  );
  r.put(
    '/api/youth-offers/:id',
    {
      schema: {
        tags,
        summary: 'Edit, close or reopen an offer to young people (its member or a coordinator)',
        params: idParams,
        body: youthOfferUpdate,
        response: { 200: offerWithRole },
      },
    },
    async (req) => {
      await updateYouthOffer(deps, req.actor, req.params.id, req.body);
      return getYouthOffer(deps, req.actor, req.params.id);
    },
  );
  r.put(
    '/api/youth-offers/:id/hosted',
    {
      schema: {
        tags,
        summary:
          'How many young people the member hosted through this offer in a year (its member or a coordinator)',
        params: idParams,
        body: hostedInput,
        response: { 200: z.object({ offerId: z.string(), year: z.number(), count: z.number() }) },
      },
    },
    async (req) => recordHosted(deps, req.actor, req.params.id, req.body),
  );
  r.get(
    '/api/networks/:id/youth-hosted',
    {
      schema: {
        tags,
        summary: 'Young people hosted per year and per member (the network’s coordinators)',
        params: networkParams,
        response: {
          200: z.object({
            networkId: z.string(),
            networkName: z.string(),
            years: z.array(
              z.object({
                year: z.number(),
                total: z.number(),
                members: z.array(
                  z.object({
                    memberId: z.string(),
                    organizationName: z.string(),
                    count: z.number(),
                    offers: z.number(),
                  }),
                ),
              }),
            ),
          }),
        },
      },
    },
    async (req) => hostedCounts(deps.db, req.actor, req.params.id),
  );
  r.get(
    '/api/networks/:id/youth-hosted.csv',
    {
      schema: {
        tags,
        summary: 'Young people hosted per year and per member as CSV for French Excel (semicolons, BOM)',
        params: networkParams,
      },
    },
    async (req, reply) => {
      const csv = await hostedCsv(deps.db, req.actor, req.params.id);
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="jeunes-accueillis.csv"')
        .send(csv);
    },
  );

  r.get(
    '/api/networks/:id/youth-links',
    {
      schema: {
        tags,
        summary:
          'The personal links sent to the school contacts of the relations log (the network’s coordinators)',
        params: networkParams,
        response: {
          200: z.object({
            items: z.array(
              z.object({
                id: z.string(),
                contactId: z.string(),
                contactName: z.string(),
                organizationName: z.string().nullable(),
                createdAt: z.date(),
                revokedAt: z.date().nullable(),
              }),
            ),
          }),
        },
      },
    },
    async (req) => ({ items: await listSchoolLinks(deps.db, req.actor, req.params.id) }),
  );
  r.post(
    '/api/networks/:id/youth-links',
    {
      schema: {
        tags,
        summary:
          'Mail a school contact of the relations log its personal link to the season’s offers (coordinators)',
        params: networkParams,
        body: schoolLinkInput,
        response: { 201: z.object({ id: z.string(), contactId: z.string() }) },
      },
    },
    async (req, reply) => {
      const { id, contactId } = await sendSchoolLink(deps, req.actor, req.params.id, req.body.contactId);
      return reply.status(201).send({ id, contactId });
    },
  );
  r.delete(
    '/api/youth-links/:id',
    {
      schema: {
        tags,
        summary: 'Revoke a school contact’s personal link (coordinators)',
        params: idParams,
        response: { 204: z.null() },
      },
    },
    async (req, reply) => {
      await revokeSchoolLink(deps, req.actor, req.params.id);
      return reply.status(204).send(null);
    },
  );
  r.get(
    '/api/youth-school-links/:token',
    {
      schema: {
        tags,
        summary:
          'What a school contact’s personal link opens: the season’s offers with their contact person, its answers',
        params: tokenParams,
        response: {
          200: z.object({
            networkName: z.string(),
            season: z.string(),
            contactName: z.string(),
            schoolName: z.string().nullable(),
            offers: z.array(youthOfferOut),
            answers: z.array(
              z.object({
                id: z.string(),
                offerId: z.string(),
                youngPeople: z.number(),
                message: z.string(),
                createdAt: z.date(),
              }),
            ),
          }),
        },
      },
    },
    async (req) => schoolView(deps, req.params.token),
  );
  r.post(
    '/api/youth-school-links/:token/answers',
    {
      schema: {
        tags,
        summary:
          'A school answers an offer through its link: interest for N young people with a message (mailed to the offer’s contact, recorded in the relations log)',
        params: tokenParams,
        body: answerInput,
        response: { 201: z.object({ id: z.string(), offerId: z.string(), youngPeople: z.number() }) },
      },
    },
    async (req, reply) => {
      if (answerLimiter && !(await answerLimiter.hit(req.ip)).allowed)
        throw new AppError(
          'RATE_LIMITED',
          'Trop de réponses envoyées depuis cette adresse : réessayez dans quelques minutes.',
        );
      return reply.status(201).send(await answerOffer(deps, req.params.token, req.body));
    },
  );
}
