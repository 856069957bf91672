import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../context.ts';
import { csvUploadRoutes, errorBody, fileTooLarge, uploadedFile } from '../../lib/http.ts';
import { importSubscribers } from './newsletters.import.ts';
import {
  archiveList,
  createList,
  getList,
  listLists,
  listSubscribers,
  listSuppressions,
  updateList,
} from './newsletters.lists.ts';
import { newsletterPublicRoutes } from './newsletters.public.routes.ts';
import {
  idParams,
  importReport,
  listInput,
  listOut,
  listPatch,
  listsOut,
  subscriberQuery,
  subscribersOut,
  suppressionsOut,
} from './newsletters.schemas.ts';

// A network's newsletter lists, for its staff (coordinators, platform admin); the public side (form, confirmation,
// preferences, unsubscribe) is in newsletters.public.routes.ts.

const tags = ['newsletters'];
const IMPORT_LIMIT = 5 * 1024 * 1024;

export function newslettersRoutes(app: FastifyInstance, deps: Deps) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/networks/:id/newsletter-lists',
    {
      schema: {
        tags,
        summary: 'The network’s lists with their pending, confirmed and unsubscribed counts (its staff)',
        params: idParams,
        response: { 200: listsOut },
      },
    },
    async (req) => listLists(deps, req.actor, req.params.id),
  );
  r.post(
    '/api/networks/:id/newsletter-lists',
    {
      schema: {
        tags,
        summary: 'Create a list (its consent text starts at version 1)',
        params: idParams,
        body: listInput,
        response: { 201: listOut },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await createList(deps, req.actor, req.params.id, req.body, req.id)),
  );
  r.get(
    '/api/newsletter-lists/:id',
    {
      schema: {
        tags,
        summary: 'One list, with its counts (its staff)',
        params: idParams,
        response: { 200: listOut },
      },
    },
    async (req) => getList(deps, req.actor, req.params.id),
  );
  r.patch(
    '/api/newsletter-lists/:id',
    {
      schema: {
        tags,
        summary:
          'Edit a list; a new consent text raises its version (subscriptions keep the text they agreed to)',
        params: idParams,
        body: listPatch,
        response: { 200: listOut },
      },
    },
    async (req) => updateList(deps, req.actor, req.params.id, req.body, req.id),
  );
  r.post(
    '/api/newsletter-lists/:id/archive',
    {
      schema: {
        tags,
        summary: 'Archive a list: its form closes; subscriptions and their proof are kept',
        params: idParams,
        response: { 200: listOut },
      },
    },
    async (req) => archiveList(deps, req.actor, req.params.id, req.id),
  );
  r.get(
    '/api/newsletter-lists/:id/subscribers',
    {
      schema: {
        tags,
        summary:
          'A list’s subscribers with their proof: when, how, the consent text and version, IP and user agent (its staff)',
        params: idParams,
        querystring: subscriberQuery,
        response: { 200: subscribersOut },
      },
    },
    async (req) => listSubscribers(deps, req.actor, req.params.id, req.query),
  );
  r.get(
    '/api/networks/:id/newsletter-suppressions',
    {
      schema: {
        tags,
        summary:
          'Addresses the network never writes to: its suppression list, and the platform-wide bounces and complaints of its subscribers',
        params: idParams,
        response: { 200: suppressionsOut },
      },
    },
    async (req) => listSuppressions(deps, req.actor, req.params.id),
  );

  csvUploadRoutes(app, IMPORT_LIMIT, (scope) => {
    scope.withTypeProvider<ZodTypeProvider>().post(
      '/api/newsletter-lists/:id/import',
      {
        bodyLimit: IMPORT_LIMIT,
        errorHandler: fileTooLarge('5 Mo'),
        schema: {
          tags,
          summary:
            'Import subscribers from CSV (email; nom; base = consentement | interet_legitime; date_consentement, required with consentement). `dryRun=true` (default) checks and counts; `dryRun=false` imports. Never re-subscribes an address that left the list or is suppressed',
          params: idParams,
          querystring: z
            .object({
              dryRun: z
                .enum(['true', 'false', '1', '0'], 'dryRun vaut true (vérifier) ou false (importer)')
                .default('true')
                .transform((v) => v === 'true' || v === '1'),
            })
            .strict(),
          response: { 200: importReport, 413: errorBody },
        },
      },
      async (req) =>
        importSubscribers(deps, req.actor, req.params.id, uploadedFile(req.body), {
          dryRun: req.query.dryRun,
          requestId: req.id,
        }),
    );
  });

  newsletterPublicRoutes(app, deps);
}
