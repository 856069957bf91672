import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DEFAULT_GEOCODER_URL } from '../../config.ts';
import type { Actor, Deps } from '../../context.ts';
import { AppError } from '../../lib/errors.ts';
import { errorBody } from '../../lib/http.ts';
import { createRateLimiter } from '../../lib/rate-limit.ts';
import { checkCampaignFilter } from './events.access.ts';
import { cancelEvent, cancellationPreview } from './events.cancel.ts';
import { geocodeAddress } from './events.geocode.ts';
import { listPublicEventsJson } from './events.listing.ts';
import { publishEvent, rejectEvent, requestChanges, submitEvent } from './events.moderation.ts';
import { publishingNetworks } from './events.publishing.ts';
import { getEventDetail, listMyEvents, moderationQueue } from './events.read.ts';
import { accessibilityKinds, eventAudiences, eventFormats, eventThemes } from './events.reference.ts';
import { eventDetail, eventInput, eventPatch, eventSummary, listingQuery } from './events.schemas.ts';
import { createEvent, previewEventEdit, renewEvent, updateEvent } from './events.write.ts';

const idParams = z.object({ id: z.string().max(64) });
const managedEvent = z.object({
  id: z.string(),
  title: z.string(),
  summary: z.string().nullable(),
  status: z.string(),
  pendingEditStatus: z.string().nullable(),
  moderationMessage: z.string().nullable(),
  startsAt: z.string(),
  communeName: z.string().nullable(),
  departmentCode: z.string().nullable(),
  campaignId: z.string().nullable(),
  organizers: z.array(z.object({ id: z.string(), name: z.string() })),
  submittedAt: z.string().nullable(),
});
const labelled = z.array(z.object({ code: z.string(), label: z.object({ fr: z.string(), en: z.string() }) }));
/** Address searches per IP address per 10 minutes (a few per address typed, debounced by the form). */
const GEOCODE_RATE_LIMIT = 120;
const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody };

export function eventsRoutes(app: FastifyInstance, deps: Deps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const detail = (req: { actor: Actor | null }, id: string) => getEventDetail(deps, req.actor, id);

  r.get(
    '/api/events',
    {
      schema: {
        tags: ['events'],
        summary: 'Public calendar: published events (one item per occurrence), filtered and paginated',
        querystring: listingQuery,
        response: {
          200: z.object({
            items: z.array(eventSummary),
            total: z.number(),
            page: z.number(),
            pageSize: z.number(),
          }),
          400: errorBody,
        },
      },
    },
    async (req, reply) => {
      await checkCampaignFilter(deps.db, req.actor, req.query.campaign);
      // Sent pre-serialised from the cache; the response schema above documents it.
      const body = await listPublicEventsJson(deps, req.query);
      return reply.type('application/json; charset=utf-8').send(body as never);
    },
  );
  r.get(
    '/api/events/reference',
    {
      schema: {
        tags: ['events'],
        summary: 'Formats, themes, audiences and accessibility kinds (codes and labels)',
        response: {
          200: z.object({
            formats: labelled,
            themes: labelled,
            audiences: labelled,
            accessibility: labelled,
          }),
        },
      },
    },
    async () => ({
      formats: [...eventFormats],
      themes: [...eventThemes],
      audiences: [...eventAudiences],
      accessibility: [...accessibilityKinds],
    }),
  );
  r.get(
    '/api/events/mine',
    {
      schema: {
        tags: ['events'],
        summary: "The actor's events (created, or in the networks they coordinate)",
        response: { 200: z.object({ items: z.array(managedEvent) }), 401: errorBody },
      },
    },
    async (req) => ({ items: await listMyEvents(deps, req.actor) }),
  );
  r.get(
    '/api/events/publishing',
    {
      schema: {
        tags: ['events'],
        summary:
          'The networks the actor may publish an event in (coordinated ones: for the network itself or any of its organisations; else those of the organisations they edit)',
        response: {
          200: z.object({
            networks: z.array(
              z.object({
                id: z.string(),
                slug: z.string(),
                name: z.string(),
                asCoordinator: z.boolean(),
                organizations: z.array(z.object({ id: z.string(), name: z.string() })),
              }),
            ),
          }),
          401: errorBody,
        },
      },
    },
    async (req) => ({ networks: await publishingNetworks(deps.db, req.actor) }),
  );
  const geocodeLimit = deps.config.registrationRateLimit === 0 ? null : GEOCODE_RATE_LIMIT;
  const geocodeLimiter = geocodeLimit
    ? createRateLimiter({
        db: deps.db,
        name: 'geocode',
        limit: geocodeLimit,
        windowMs: 10 * 60_000,
        clock: deps.clock,
      })
    : null;
  r.get(
    '/api/events/geocode',
    {
      schema: {
        tags: ['events'],
        summary:
          "Address suggestions for an event's place, from the national address base (GEOCODER_URL), asked by the server; the commune's centre when it has no answer",
        querystring: z.object({
          q: z.string().trim().min(3, 'au moins 3 caractères').max(200, 'adresse trop longue'),
          communeCode: z.string().max(20).optional(),
        }),
        response: {
          200: z.object({
            status: z.enum(['found', 'none', 'unavailable']),
            suggestions: z.array(
              z.object({
                label: z.string(),
                street: z.string().nullable(),
                postalCode: z.string().nullable(),
                communeCode: z.string().nullable(),
                latitude: z.number(),
                longitude: z.number(),
              }),
            ),
            communeCentre: z
              .object({
                communeCode: z.string(),
                name: z.string(),
                latitude: z.number(),
                longitude: z.number(),
              })
              .nullable(),
          }),
          400: errorBody,
          429: errorBody,
        },
      },
    },
    async (req) => {
      if (geocodeLimiter && !(await geocodeLimiter.hit(req.ip)).allowed) {
        throw new AppError(
          'RATE_LIMITED',
          'Trop de recherches d’adresse depuis cette adresse : réessayez plus tard.',
        );
      }
      return geocodeAddress(
        { db: deps.db, geocoderUrl: deps.config.geocoderUrl ?? DEFAULT_GEOCODER_URL },
        req.query.q,
        req.query.communeCode,
      );
    },
  );
  r.get(
    '/api/events/moderation',
    {
      schema: {
        tags: ['events'],
        summary: 'Moderation queue: submissions and pending edits in the networks the actor coordinates',
        querystring: z.object({ campaignId: z.uuid().optional() }),
        response: { 200: z.object({ items: z.array(managedEvent) }), 401: errorBody },
      },
    },
    async (req) => ({ items: await moderationQueue(deps, req.actor, req.query) }),
  );
  r.get(
    '/api/events/:id',
    {
      schema: {
        tags: ['events'],
        summary: 'One event (public version; organisers also see drafts)',
        params: idParams,
        response: { 200: eventDetail, ...errors },
      },
    },
    async (req) => detail(req, req.params.id),
  );
  r.get(
    '/api/events/:id/cancellation',
    {
      schema: {
        tags: ['events'],
        summary:
          'Before cancelling: how many confirmed and waitlisted registrants would get a cancellation mail (organisers and coordinators)',
        params: idParams,
        response: {
          200: z.object({ eventId: z.string(), confirmed: z.number(), waitlisted: z.number() }),
          ...errors,
        },
      },
    },
    async (req) => cancellationPreview(deps, req.actor, req.params.id),
  );
  r.post(
    '/api/events',
    {
      schema: {
        tags: ['events'],
        summary: 'Propose an event (draft)',
        body: eventInput,
        response: { 201: eventDetail, ...errors },
      },
    },
    async (req, reply) => {
      const row = await createEvent(deps, req.actor, req.body);
      return reply.status(201).send(await detail(req, row.id));
    },
  );
  r.patch(
    '/api/events/:id',
    {
      schema: {
        tags: ['events'],
        summary: 'Edit an event (a published event: the edit may wait for moderation, per the campaign)',
        params: idParams,
        body: eventPatch,
        response: { 200: eventDetail, ...errors },
      },
    },
    async (req) => {
      await updateEvent(deps, req.actor, req.params.id, req.body);
      return detail(req, req.params.id);
    },
  );
  r.post(
    '/api/events/:id/edit-preview',
    {
      schema: {
        tags: ['events'],
        summary:
          'Before saving an edit (same body, rights and checks as PATCH): how many registrations would move to a ' +
          'new start, and how many would be cancelled because their date is removed, per date',
        params: idParams,
        body: eventPatch,
        response: {
          200: z.object({
            eventId: z.string(),
            /** The edit waits for moderation: this happens when it is published. */
            afterModeration: z.boolean(),
            moved: z.number(),
            /** Of the moved, confirmed ones put on the new date's waiting list (it has fewer seats left). */
            movedToWaitlist: z.number(),
            cancelled: z.number(),
            cancelledDates: z.array(
              z.object({ startsAt: z.date(), confirmed: z.number(), waitlisted: z.number() }),
            ),
          }),
          ...errors,
        },
      },
    },
    async (req) => previewEventEdit(deps, req.actor, req.params.id, req.body),
  );
  const action = (
    path: string,
    summary: string,
    run: (
      id: string,
      req: { actor: Actor | null; body: { message?: string; reason?: string; campaignId?: string } },
    ) => Promise<{ id: string }>,
  ) =>
    r.post(
      `/api/events/:id/${path}`,
      {
        schema: {
          tags: ['events'],
          summary,
          params: idParams,
          body: z
            .object({
              message: z.string().max(5000).optional(),
              reason: z.string().max(5000).optional(),
              campaignId: z.uuid().optional(),
            })
            .nullish(),
          response: { 200: eventDetail, 201: eventDetail, ...errors },
        },
      },
      async (req, reply) => {
        const row = await run(req.params.id, { actor: req.actor, body: req.body ?? {} });
        return reply.status(path === 'renew' ? 201 : 200).send(await detail(req, row.id));
      },
    );
  action('submit', 'Organiser submits the event for moderation', (id, req) =>
    submitEvent(deps, req.actor, id),
  );
  action('publish', 'Coordinator publishes the event (or its pending edit)', (id, req) =>
    publishEvent(deps, req.actor, id),
  );
  action('request-changes', 'Coordinator asks for changes, with a message', (id, req) =>
    requestChanges(deps, req.actor, id, req.body.message),
  );
  action('reject', 'Coordinator rejects, with a reason', (id, req) =>
    rejectEvent(deps, req.actor, id, req.body.reason),
  );
  action(
    'cancel',
    'Organiser or coordinator cancels the event (optional reason); its registrants are cancelled and told by mail',
    (id, req) => cancelEvent(deps, req.actor, id, req.body.reason),
  );
  action(
    'renew',
    'Copy the event into another campaign (next edition) as a draft: { campaignId }',
    (id, req) => renewEvent(deps, req.actor, id, req.body.campaignId ?? ''),
  );
}
