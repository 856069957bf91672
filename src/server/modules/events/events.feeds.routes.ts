import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../context.ts';
import { toCsv } from '../../lib/csv.ts';
import { notFound } from '../../lib/errors.ts';
import { errorBody } from '../../lib/http.ts';
import { buildXlsx } from '../../lib/xlsx.ts';
import { checkCampaignFilter } from './events.access.ts';
import { printableProgramme, programmePdf } from './events.print.ts';
import {
  feedTitle,
  icsFeed,
  programmeHeader,
  programmeItems,
  programmeRows,
  rssFeed,
} from './events.programme.ts';
import { type ListingQuery, listingQuery } from './events.schemas.ts';
import { getEventForRegistration, getEventIcs } from './events.service.ts';

const feedQuery = listingQuery.omit({ page: true, pageSize: true });
const text = z.string();

export function eventsFeedsRoutes(app: FastifyInstance, deps: Deps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const full = (q: z.infer<typeof feedQuery>): ListingQuery => ({ ...q, page: 1, pageSize: 500 });
  const titleFor = (q: { campaign?: string }) => feedTitle(deps.db, q);
  const fileName = (q: { campaign?: string }, ext: string) =>
    `programme${q.campaign ? `-${q.campaign.replace(/[^a-z0-9-]/gi, '')}` : ''}.${ext}`;

  // Every feed and programme filtered on a campaign first checks that the asker may know that campaign.
  app.addHook('preHandler', async (req) => {
    const campaign = (req.query as { campaign?: unknown } | undefined)?.campaign;
    if (typeof campaign === 'string') await checkCampaignFilter(deps.db, req.actor, campaign);
  });

  r.get(
    '/api/events.ics',
    {
      schema: {
        tags: ['events'],
        summary: 'ICS calendar (RFC 5545) of the future events matching the filters',
        querystring: feedQuery,
        response: { 200: text, 400: errorBody },
      },
    },
    async (req, reply) => {
      const ics = await icsFeed(deps, full(req.query));
      return reply
        .type('text/calendar; charset=utf-8')
        .header('content-disposition', 'inline; filename="agenda.ics"')
        .send(ics as never);
    },
  );
  r.get(
    '/api/events/:id.ics',
    {
      schema: {
        tags: ['events'],
        summary: 'ICS of one event',
        params: z.object({ id: z.string().max(64) }),
        response: { 200: text, 404: errorBody },
      },
    },
    async (req, reply) => {
      // Only what the public may see: a draft's details stay with its organisers.
      const event = await getEventForRegistration(deps.db, req.params.id);
      if (!event || (event.status !== 'published' && event.status !== 'cancelled'))
        throw notFound('Événement introuvable');
      const ics = await getEventIcs(deps, req.params.id);
      return reply
        .type('text/calendar; charset=utf-8')
        .header('content-disposition', `attachment; filename="evenement.ics"`)
        .send(ics);
    },
  );
  r.get(
    '/api/events.rss',
    {
      schema: {
        tags: ['events'],
        summary: 'RSS 2.0 feed of the upcoming occurrences matching the filters',
        querystring: feedQuery,
        response: { 200: text, 400: errorBody },
      },
    },
    async (req, reply) => {
      const items = await programmeItems(deps, full(req.query));
      const self = req.url.replace(/^[^?]*/, '/api/events.rss');
      const rss = rssFeed(items, {
        title: await titleFor(req.query),
        publicUrl: deps.config.publicUrl,
        selfPath: self,
      });
      return reply.type('application/rss+xml; charset=utf-8').send(rss);
    },
  );
  r.get(
    '/api/events.csv',
    {
      schema: {
        tags: ['events'],
        summary: 'Programme as CSV (UTF-8 with BOM, ";")',
        querystring: feedQuery,
        response: { 200: text, 400: errorBody },
      },
    },
    async (req, reply) => {
      const items = await programmeItems(deps, full(req.query));
      const csv = toCsv(programmeHeader, programmeRows(items, deps.config.publicUrl));
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${fileName(req.query, 'csv')}"`)
        .send(csv);
    },
  );
  r.get(
    '/api/events.xlsx',
    { schema: { tags: ['events'], summary: 'Programme as an Excel workbook', querystring: feedQuery } },
    async (req, reply) => {
      const items = await programmeItems(deps, full(req.query));
      const xlsx = buildXlsx('Programme', [programmeHeader, ...programmeRows(items, deps.config.publicUrl)]);
      return reply
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="${fileName(req.query, 'xlsx')}"`)
        .send(xlsx);
    },
  );
  r.get(
    '/api/events.pdf',
    {
      schema: {
        tags: ['events'],
        summary: 'Printable programme (by department, then date) as PDF',
        querystring: feedQuery,
      },
    },
    async (req, reply) => {
      const items = await programmeItems(deps, full(req.query));
      const pdf = await programmePdf(items, { title: await titleFor(req.query) });
      return reply
        .type('application/pdf')
        .header('content-disposition', `inline; filename="${fileName(req.query, 'pdf')}"`)
        .send(pdf);
    },
  );
  r.get('/agenda/programme', { schema: { hide: true, querystring: feedQuery } }, async (req, reply) => {
    const items = await programmeItems(deps, full(req.query));
    const html = printableProgramme(items, {
      title: await titleFor(req.query),
      publicUrl: deps.config.publicUrl,
    });
    return reply.type('text/html; charset=utf-8').send(html);
  });
}
