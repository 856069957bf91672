import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../context.ts';
import { unauthenticated } from '../../lib/errors.ts';
import { idParams, oneLine } from '../../lib/fields.ts';
import { rawBodyRoutes, uploadedFile } from '../../lib/http.ts';
import { requireCoordinatorOf } from '../accounts/authz.ts';
import { archivedIssue, networkArchive } from './newsletters.archive.ts';
import {
  changeSending,
  countRecipients,
  createIssue,
  getIssue,
  issueAudiences,
  issueEvents,
  issueNews,
  listIssues,
  previewIssue,
  sendIssue,
  testSendIssue,
  updateIssue,
} from './newsletters.issues.ts';
import { segmentSchema } from './newsletters.segments.ts';
import { recordBounce } from './newsletters.send.bounces.ts';
import { getSendingSettings, putSendingSettings } from './newsletters.send.settings.ts';

// Issues (campaigns) of a network, for its coordinators: drafts, composer, preview, count, test send, sending and
// its progress; the sending settings (sender, DKIM key); the public archive; the bounce webhook.

const tags = ['newsletters'];
const networkParams = z.object({ networkId: z.uuid() });
const email = z.email().max(254);

const issueFields = z.object({
  listId: z.uuid().nullable(),
  subject: oneLine(z.string().trim().max(200)),
  preheader: oneLine(z.string().trim().max(200)).nullable(),
  senderName: oneLine(z.string().trim().min(1).max(120)).nullable(),
  replyTo: email.nullable(),
  bodyMarkdown: z.string().max(100_000),
  segment: segmentSchema,
  ratePerSecond: z.number().int().min(1).max(5000).nullable(),
});
const issueInput = issueFields.partial().strict();

const figures = z.object({
  total: z.number(),
  queued: z.number(),
  sending: z.number(),
  sent: z.number(),
  failed: z.number(),
  suppressed: z.number(),
  cancelled: z.number(),
  bounced: z.number(),
  unsubscribed: z.number(),
});
const date = z.date().nullable();
const issueOut = z.object({
  id: z.string(),
  networkId: z.string(),
  listId: z.string().nullable(),
  subject: z.string(),
  preheader: z.string().nullable(),
  senderName: z.string().nullable(),
  replyTo: z.string().nullable(),
  bodyMarkdown: z.string(),
  segment: segmentSchema,
  status: z.string(),
  ratePerSecond: z.number().nullable(),
  recipientCount: z.number().nullable(),
  startedAt: date,
  finishedAt: date,
  updatedAt: z.date(),
  figures: figures.optional(),
});
const issueSummary = z.object({
  id: z.string(),
  subject: z.string(),
  status: z.string(),
  listId: z.string().nullable(),
  recipientCount: z.number().nullable(),
  startedAt: date,
  finishedAt: date,
  updatedAt: z.date(),
  isDemo: z.boolean(),
});
const settingsInput = z
  .object({
    senderName: oneLine(z.string().trim().min(1).max(120)).nullable(),
    fromAddress: email.nullable(),
    replyTo: email.nullable(),
    ratePerSecond: z.number().int().min(1).max(5000).nullable(),
    dkimDomain: z
      .string()
      .trim()
      .regex(
        /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i,
        'nom de domaine (ex. club.fr)',
      )
      .nullable(),
    dkimSelector: z
      .string()
      .trim()
      .regex(/^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/i, 'sélecteur DKIM (lettres, chiffres, tirets)')
      .nullable(),
    dkimPrivateKey: z.string().max(20_000).nullable(),
  })
  .partial()
  .strict();
const settingsOut = z.object({
  senderName: z.string().nullable(),
  fromAddress: z.string().nullable(),
  replyTo: z.string().nullable(),
  ratePerSecond: z.number().nullable(),
  dkimDomain: z.string().nullable(),
  dkimSelector: z.string().nullable(),
  dkimKeySet: z.boolean(),
});
const eventOut = z.object({
  id: z.string(),
  title: z.string(),
  startsAt: z.date(),
  communeName: z.string().nullable(),
  url: z.string(),
});

const sameToken = (given: string, expected: string) => {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
};

export function newsletterIssuesRoutes(app: FastifyInstance, deps: Deps) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/networks/:networkId/newsletter-issues',
    {
      schema: {
        tags,
        summary: 'The network’s newsletter issues, drafts and sent, newest first (coordinators)',
        params: networkParams,
        response: { 200: z.object({ items: z.array(issueSummary) }) },
      },
    },
    async (req) => ({ items: await listIssues(deps, req.actor, req.params.networkId) }),
  );
  r.post(
    '/api/networks/:networkId/newsletter-issues',
    {
      schema: {
        tags,
        summary: 'Starts a draft issue (coordinators)',
        params: networkParams,
        body: issueInput,
        response: { 201: issueOut },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await createIssue(deps, req.actor, req.params.networkId, req.body)),
  );
  r.post(
    '/api/networks/:networkId/newsletter-recipient-count',
    {
      schema: {
        tags,
        summary: 'How many addresses a segment reaches now, suppressed addresses left out (coordinators)',
        params: networkParams,
        body: z.object({ segment: segmentSchema }).strict(),
        response: { 200: z.object({ count: z.number() }) },
      },
    },
    async (req) => ({
      count: await countRecipients(deps, req.actor, req.params.networkId, req.body.segment),
    }),
  );
  r.get(
    '/api/networks/:networkId/newsletter-upcoming-events',
    {
      schema: {
        tags,
        summary: 'The network’s coming events, as the agenda block of an issue shows them (coordinators)',
        params: networkParams,
        response: { 200: z.object({ items: z.array(eventOut) }) },
      },
    },
    async (req) => {
      await requireCoordinatorOf(deps.db, req.actor, req.params.networkId);
      return { items: await issueEvents(deps, req.params.networkId) };
    },
  );
  r.get(
    '/api/networks/:networkId/newsletter-latest-news',
    {
      schema: {
        tags,
        summary:
          'The network’s latest published news, as the news block of an issue shows them (coordinators)',
        params: networkParams,
        response: {
          200: z.object({
            items: z.array(
              z.object({ id: z.string(), title: z.string(), publishedAt: z.string(), url: z.string() }),
            ),
          }),
        },
      },
    },
    async (req) => {
      await requireCoordinatorOf(deps.db, req.actor, req.params.networkId);
      return { items: await issueNews(deps, req.params.networkId) };
    },
  );
  r.get(
    '/api/networks/:networkId/newsletter-audiences',
    {
      schema: {
        tags,
        summary: 'The lists and membership plans a segment can choose from (coordinators)',
        params: networkParams,
        response: {
          200: z.object({
            lists: z.array(z.object({ id: z.string(), name: z.string() })),
            plans: z.array(z.object({ id: z.string(), name: z.string() })),
          }),
        },
      },
    },
    async (req) => issueAudiences(deps, req.actor, req.params.networkId),
  );
  r.get(
    '/api/networks/:networkId/newsletter-sending-settings',
    {
      schema: {
        tags,
        summary: 'The network’s sending settings (sender, DKIM: the key is never returned) (coordinators)',
        params: networkParams,
        response: { 200: settingsOut },
      },
    },
    async (req) => getSendingSettings(deps, req.actor, req.params.networkId),
  );
  r.put(
    '/api/networks/:networkId/newsletter-sending-settings',
    {
      schema: {
        tags,
        summary: 'Sets the network’s sending settings; an invalid DKIM key is refused (coordinators)',
        params: networkParams,
        body: settingsInput,
        response: { 200: settingsOut },
      },
    },
    async (req) => putSendingSettings(deps, req.actor, req.params.networkId, req.body),
  );
  r.get(
    '/api/newsletter-issues/:id',
    {
      schema: {
        tags,
        summary: 'An issue with its sending progress (coordinators of its network)',
        params: idParams,
        response: { 200: issueOut },
      },
    },
    async (req) => getIssue(deps, req.actor, req.params.id),
  );
  r.patch(
    '/api/newsletter-issues/:id',
    {
      schema: {
        tags,
        summary: 'Edits a draft issue (coordinators of its network)',
        params: idParams,
        body: issueInput,
        response: { 200: issueOut },
      },
    },
    async (req) => updateIssue(deps, req.actor, req.params.id, req.body),
  );
  r.get(
    '/api/newsletter-issues/:id/preview',
    {
      schema: {
        tags,
        summary: 'The issue rendered as HTML, links inert (coordinators of its network)',
        params: idParams,
      },
    },
    async (req, reply) =>
      reply
        .type('text/html; charset=utf-8')
        .header('cache-control', 'private, no-store')
        .send(await previewIssue(deps, req.actor, req.params.id)),
  );
  r.post(
    '/api/newsletter-issues/:id/test-send',
    {
      schema: {
        tags,
        summary: 'Sends the issue as it stands to the signed-in coordinator’s own address',
        params: idParams,
        response: { 200: z.object({ to: z.string(), status: z.string() }) },
      },
    },
    async (req) => testSendIssue(deps, req.actor, req.params.id),
  );
  r.post(
    '/api/newsletter-issues/:id/send',
    {
      schema: {
        tags,
        summary:
          'Starts sending: recipients snapshotted, suppressions left out; 400 without subject or recipient',
        params: idParams,
        response: { 200: z.object({ recipients: z.number() }) },
      },
    },
    async (req) => sendIssue(deps, req.actor, req.params.id),
  );
  for (const action of ['pause', 'resume', 'cancel'] as const)
    r.post(
      `/api/newsletter-issues/:id/${action}`,
      {
        schema: {
          tags,
          summary: `${action[0].toUpperCase()}${action.slice(1)}s the sending of an issue (coordinators of its network)`,
          params: idParams,
          response: { 200: issueOut },
        },
      },
      async (req) => changeSending(deps, req.actor, req.params.id, action),
    );
  r.get(
    '/api/public/networks/:slug/newsletter-archive',
    {
      schema: {
        tags,
        summary: 'The sent issues of a network’s public lists (anyone)',
        params: z.object({ slug: z.string().min(1).max(100) }),
        response: {
          200: z.object({
            networkName: z.string(),
            items: z.array(
              z.object({ id: z.string(), subject: z.string(), sentAt: date, listName: z.string() }),
            ),
          }),
        },
      },
    },
    async (req) => networkArchive(deps.db, req.params.slug),
  );
  r.get(
    '/api/newsletter-issues/:id/web',
    {
      schema: {
        tags,
        summary: 'The web view of a sent issue of a public list (anyone)',
        params: idParams,
      },
    },
    async (req, reply) =>
      reply.type('text/html; charset=utf-8').send(await archivedIssue(deps.db, req.params.id)),
  );

  // The bounce webhook: the whole notification as the raw body, the token in the Authorization header.
  rawBodyRoutes(
    app,
    { contentTypes: ['message/rfc822', 'multipart/report', 'text/plain'], limit: 2 * 1024 * 1024 },
    (scope) => {
      scope.withTypeProvider<ZodTypeProvider>().post(
        '/api/newsletter-bounces',
        {
          config: { crossSite: 'allow' },
          bodyLimit: 2 * 1024 * 1024,
          schema: {
            tags,
            summary:
              'Receives a delivery status notification (RFC 3464), bearer token NEWSLETTER_BOUNCE_TOKEN',
            response: {
              200: z.object({ matched: z.boolean(), kind: z.string(), suppressed: z.boolean() }),
            },
          },
        },
        async (req) => {
          const expected = deps.config.newsletters?.bounceToken;
          const given = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? '')?.[1] ?? '';
          if (!expected || !sameToken(given, expected))
            throw unauthenticated('Jeton du webhook des retours manquant ou invalide');
          const body = uploadedFile(req.body);
          return recordBounce(deps, typeof body === 'string' ? body : body.toString('utf8'));
        },
      );
    },
  );
}
