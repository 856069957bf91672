import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../context.ts';
import { idParams } from '../../lib/fields.ts';
import { networkIntroductions, recordOutcome } from './networking.followups.ts';
import {
  answerAsMember,
  answerByToken,
  introductionByToken,
  myIntroductions,
  requestIntroduction,
} from './networking.introductions.ts';
import {
  createPost,
  deletePost,
  exchangeContext,
  getPost,
  listPosts,
  updatePost,
} from './networking.posts.ts';
import { radarRoutes } from './networking.radar.routes.ts';
import {
  decisionInput,
  introductionInput,
  introductionView,
  networkParams,
  outcomeInput,
  postInput,
  postOut,
  postQuery,
  suggestionOut,
  tokenParams,
} from './networking.schemas.ts';
import { suggestionsFor } from './networking.suggestions.ts';
import { youthRoutes } from './networking.youth.routes.ts';

// Networking: the exchange of offers and needs, suggestions for a need, consented introductions.

const tags = ['networking'];
const roleOut = z.enum(['coordinator', 'member', 'none']);

export function networkingRoutes(app: FastifyInstance, deps: Deps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  radarRoutes(app, deps);
  youthRoutes(app, deps);

  r.get(
    '/api/networks/:id/exchange',
    {
      schema: {
        tags,
        summary:
          'Offers and needs of a network: all live posts for its members and coordinators, public ones for anyone else; French full-text search (accents ignored); expired posts stay only for their author',
        params: networkParams,
        querystring: postQuery,
        response: { 200: z.object({ role: roleOut, items: z.array(postOut) }) },
      },
    },
    async (req) => {
      const { mine, ...rest } = req.query;
      return listPosts(deps, req.actor, req.params.id, { ...rest, mine: mine === 'true' });
    },
  );
  r.get(
    '/api/networks/:id/exchange/context',
    {
      schema: {
        tags,
        summary: 'The actor’s part in a network’s exchange: role, and the members they may post for',
        params: networkParams,
        response: {
          200: z.object({
            networkId: z.string(),
            networkName: z.string(),
            role: roleOut,
            members: z.array(z.object({ id: z.string(), organizationName: z.string() })),
          }),
        },
      },
    },
    async (req) => exchangeContext(deps.db, req.actor, req.params.id),
  );
  r.post(
    '/api/networks/:id/exchange',
    {
      schema: {
        tags,
        summary:
          'Post an offer or a need for a member in good standing (the member itself, or a coordinator on its behalf)',
        params: networkParams,
        body: postInput,
        response: { 201: postOut },
      },
    },
    async (req, reply) => {
      const post = await createPost(deps, req.actor, req.params.id, req.body);
      const { role: _r, canManage: _c, ...out } = await getPost(deps, req.actor, post.id);
      return reply.status(201).send(out);
    },
  );
  r.get(
    '/api/exchange-posts/:id',
    {
      schema: {
        tags,
        summary: 'One post, if the actor may read it (404 otherwise)',
        params: idParams,
        response: { 200: postOut.extend({ role: roleOut, canManage: z.boolean() }) },
      },
    },
    async (req) => getPost(deps, req.actor, req.params.id),
  );
  r.put(
    '/api/exchange-posts/:id',
    {
      schema: {
        tags,
        summary: 'Edit a post (its member or a coordinator); its author stays',
        params: idParams,
        body: postInput.omit({ memberId: true }),
        response: { 200: postOut.extend({ role: roleOut, canManage: z.boolean() }) },
      },
    },
    async (req) => {
      await updatePost(deps, req.actor, req.params.id, req.body);
      return getPost(deps, req.actor, req.params.id);
    },
  );
  r.delete(
    '/api/exchange-posts/:id',
    {
      schema: {
        tags,
        summary: 'Withdraw a post (its member or a coordinator)',
        params: idParams,
        response: { 204: z.null() },
      },
    },
    async (req, reply) => {
      await deletePost(deps, req.actor, req.params.id);
      return reply.status(204).send(null);
    },
  );
  r.get(
    '/api/exchange-posts/:id/suggestions',
    {
      schema: {
        tags,
        summary:
          'For a need: the offers and member organisations that could answer it, ranked, each with its reason in French (its member or the coordinators)',
        params: idParams,
        response: { 200: z.object({ items: z.array(suggestionOut) }) },
      },
    },
    async (req) => ({ items: (await suggestionsFor(deps, req.actor, req.params.id)).items }),
  );

  r.post(
    '/api/networks/:id/introductions',
    {
      schema: {
        tags,
        summary:
          'Ask for an introduction between two members of the network (memberA: the asking member, or any for a coordinator): both are mailed a personal accept/decline link',
        params: networkParams,
        body: introductionInput,
        response: { 201: z.object({ id: z.string(), status: z.string() }) },
      },
    },
    async (req, reply) => {
      const row = await requestIntroduction(deps, req.actor, req.params.id, req.body);
      return reply.status(201).send({ id: row.id, status: row.status });
    },
  );
  r.get(
    '/api/networks/:id/introductions',
    {
      schema: {
        tags,
        summary: 'The year’s introductions of a network, their answers and the business done (coordinators)',
        params: networkParams,
        querystring: z.object({ year: z.coerce.number().int().min(2000).max(2100).optional() }),
        response: {
          200: z.object({
            year: z.number(),
            counts: z.object({
              requested: z.number(),
              pending: z.number(),
              accepted: z.number(),
              declined: z.number(),
              talks: z.number(),
              business: z.number(),
              businessAmountCents: z.number(),
            }),
            items: z.array(
              z.object({
                id: z.string(),
                organizationA: z.string(),
                organizationB: z.string(),
                status: z.string(),
                answerA: z.string(),
                answerB: z.string(),
                outcome: z.string().nullable(),
                outcomeAmountCents: z.number().nullable(),
                createdAt: z.date(),
                isDemo: z.boolean(),
              }),
            ),
          }),
        },
      },
    },
    async (req) =>
      networkIntroductions(
        deps.db,
        req.actor,
        req.params.id,
        req.query.year ??
          Number(
            new Intl.DateTimeFormat('en', { year: 'numeric', timeZone: 'Europe/Paris' }).format(deps.clock()),
          ),
      ),
  );
  r.get(
    '/api/me/introductions',
    {
      schema: {
        tags,
        summary: 'The introductions of the members the signed-in person speaks for',
        response: { 200: z.object({ items: z.array(introductionView) }) },
      },
    },
    async (req) => ({ items: await myIntroductions(deps.db, req.actor) }),
  );
  r.post(
    '/api/introductions/:id/answer',
    {
      schema: {
        tags,
        summary:
          'Accept or decline an introduction, signed in as its member (the same answer twice changes nothing)',
        params: idParams,
        body: decisionInput,
        response: { 200: introductionView },
      },
    },
    async (req) => answerAsMember(deps, req.actor, req.params.id, req.body.decision),
  );
  r.get(
    '/api/introduction-links/:token',
    {
      schema: {
        tags,
        summary: 'The introduction behind a mailed personal link; the other’s contacts once both accepted',
        params: tokenParams,
        response: { 200: introductionView },
      },
    },
    async (req) => introductionByToken(deps.db, req.params.token),
  );
  r.post(
    '/api/introduction-links/:token/answer',
    {
      schema: {
        tags,
        summary:
          'Accept or decline through the personal link (the same answer twice changes nothing, sends nothing)',
        params: tokenParams,
        body: decisionInput,
        response: { 200: introductionView },
      },
    },
    async (req) => answerByToken(deps, req.params.token, req.body.decision),
  );
  r.post(
    '/api/introduction-links/:token/outcome',
    {
      schema: {
        tags,
        summary:
          'What came of an accepted introduction (nothing, in talks, business done with an optional amount that only the coordinators see)',
        params: tokenParams,
        body: outcomeInput,
        response: { 200: introductionView },
      },
    },
    async (req) => recordOutcome(deps, req.params.token, req.body),
  );
}
