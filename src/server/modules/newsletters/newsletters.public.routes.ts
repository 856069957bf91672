import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../context.ts';
import { AppError } from '../../lib/errors.ts';
import { createRateLimiter } from '../../lib/rate-limit.ts';
import { readPreferences, resubscribe, unsubscribeFromPreferences } from './newsletters.preferences.ts';
import { registrationNewsletterOffer } from './newsletters.registration.ts';
import {
  confirmInput,
  confirmOut,
  idParams,
  preferencesOut,
  preferencesResubscribe,
  preferencesUnsubscribe,
  publicListOut,
  subscribeInput,
  tokenParams,
  unsubscribeInfoOut,
  unsubscribeOut,
} from './newsletters.schemas.ts';
import { confirmSubscription, publicList, subscribe } from './newsletters.subscribe.ts';
import { describeUnsubscribe, unsubscribe } from './newsletters.unsubscribe.ts';

// The public side of the lists, without an account: the form (double opt-in), the confirmation link, the
// preferences page and unsubscribing (the visible link's page, and the RFC 8058 one-click POST of mail clients).

const tags = ['newsletters'];
const RATE_WINDOW_MS = 10 * 60_000;

export function newsletterPublicRoutes(app: FastifyInstance, deps: Deps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const perIpLimit = deps.config.registrationRateLimit ?? 20;
  const limiter =
    perIpLimit > 0
      ? createRateLimiter({
          db: deps.db,
          name: 'newsletters',
          limit: perIpLimit,
          windowMs: RATE_WINDOW_MS,
          clock: deps.clock,
        })
      : null;
  const limit = async (ip: string) => {
    if (limiter && !(await limiter.hit(ip)).allowed)
      throw new AppError('RATE_LIMITED', 'Trop de demandes depuis cette adresse : réessayez plus tard.');
  };
  const proof = (req: { ip: string; headers: Record<string, unknown> }) => ({
    ip: req.ip,
    userAgent: typeof req.headers['user-agent'] === 'string' ? req.headers['user-agent'] : null,
  });

  r.get(
    '/api/events/:id/newsletter-offer',
    {
      schema: {
        tags,
        summary:
          'The newsletter box of an event’s registration form: its network’s public list and consent text (null when none)',
        params: idParams,
        response: {
          200: z.object({
            offer: z
              .object({
                listId: z.string(),
                name: z.string(),
                consentText: z.string(),
                consentVersion: z.string(),
              })
              .nullable(),
          }),
        },
      },
    },
    async (req) => ({ offer: await registrationNewsletterOffer(deps, req.params.id) }),
  );
  r.get(
    '/api/newsletter-lists/:id/public',
    {
      schema: {
        tags,
        summary:
          'What the public form of an open public list shows: its name, network and consent text (404 otherwise)',
        params: idParams,
        response: { 200: publicListOut },
      },
    },
    async (req) => publicList(deps, req.params.id),
  );
  r.post(
    '/api/newsletter-lists/:id/subscriptions',
    {
      schema: {
        tags,
        summary:
          'Subscribe from the public form (double opt-in): a confirmation mail is sent and nothing else until it is clicked. ' +
          'The answer is the same whether the address was on the list or not; a filled `website` (honeypot) stores nothing',
        params: idParams,
        body: subscribeInput,
        response: { 202: z.object({ status: z.literal('confirmation-sent') }) },
      },
    },
    async (req, reply) => {
      await limit(req.ip);
      return reply.status(202).send(await subscribe(deps, req.params.id, req.body, proof(req)));
    },
  );
  r.post(
    '/api/newsletter-confirmations',
    {
      schema: {
        tags,
        summary:
          'Confirm a subscription from the mailed link (idempotent); an expired or altered link is a 400',
        body: confirmInput,
        response: { 200: confirmOut },
      },
    },
    async (req) => {
      await limit(req.ip);
      return confirmSubscription(deps, req.body.token);
    },
  );

  r.get(
    '/api/newsletter-preferences/:token',
    {
      schema: {
        tags,
        summary: 'The subscriptions of the address of a preferences link to the network’s lists',
        params: tokenParams,
        response: { 200: preferencesOut },
      },
    },
    async (req) => readPreferences(deps, req.params.token),
  );
  r.post(
    '/api/newsletter-preferences/:token/unsubscribe',
    {
      schema: {
        tags,
        summary: 'Leave one list (`listId`) or every list of the network (no `listId`)',
        params: tokenParams,
        body: preferencesUnsubscribe,
        response: { 200: preferencesOut },
      },
    },
    async (req) => unsubscribeFromPreferences(deps, req.params.token, req.body.listId ?? null),
  );
  r.post(
    '/api/newsletter-preferences/:token/resubscribe',
    {
      schema: {
        tags,
        summary:
          'Come back to a list the address left, giving consent again (recorded with its text and version)',
        params: tokenParams,
        body: preferencesResubscribe,
        response: { 200: preferencesOut },
      },
    },
    async (req) => {
      await limit(req.ip);
      return resubscribe(deps, req.params.token, req.body, proof(req));
    },
  );

  r.get(
    '/api/newsletter-unsubscribe/:token',
    {
      schema: {
        tags,
        summary: 'What an unsubscribe link is about (network, list, address), for its confirmation page',
        params: tokenParams,
        response: { 200: unsubscribeInfoOut },
      },
    },
    async (req) => describeUnsubscribe(deps, req.params.token),
  );
  r.post(
    '/api/newsletter-unsubscribe/:token/confirm',
    {
      schema: {
        tags,
        summary: 'Unsubscribe from the visible link’s page (one confirmation click)',
        params: tokenParams,
        response: { 200: unsubscribeOut },
      },
    },
    async (req) => {
      const done = await unsubscribe(deps, req.params.token, 'link');
      return { networkName: done.networkName, listName: done.listName, ended: done.ended };
    },
  );

  // RFC 8058: mail clients POST `List-Unsubscribe=One-Click` as a form, from their servers, with no session. The
  // form parser is registered in this scope only, with a small limit; the token authenticates the request.
  void app.register(async (scope) => {
    scope.addContentTypeParser(
      'application/x-www-form-urlencoded',
      { parseAs: 'string', bodyLimit: 1024 },
      (_req, body, done) => done(null, Object.fromEntries(new URLSearchParams(body as string))),
    );
    scope.withTypeProvider<ZodTypeProvider>().post(
      '/api/newsletter-unsubscribe/:token',
      {
        bodyLimit: 1024,
        config: { crossSite: 'allow' },
        schema: {
          tags,
          summary:
            'One-click unsubscribe (RFC 8058): body `List-Unsubscribe=One-Click` (application/x-www-form-urlencoded); unsubscribes at once, no login, no page',
          params: tokenParams,
          body: z.object({
            'List-Unsubscribe': z.literal('One-Click', 'le corps attendu est List-Unsubscribe=One-Click'),
          }),
          response: { 200: z.object({ status: z.literal('unsubscribed') }) },
        },
      },
      async (req) => {
        await unsubscribe(deps, req.params.token, 'one_click');
        return { status: 'unsubscribed' as const };
      },
    );
  });
}
