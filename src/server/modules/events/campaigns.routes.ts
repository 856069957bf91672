import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../context.ts';
import { toCsv } from '../../lib/csv.ts';
import { errorBody } from '../../lib/http.ts';
import { campaignDashboard, dashboardSchema } from './campaigns.dashboard.ts';
import {
  createCampaign,
  describeCampaign,
  getPublicCampaign,
  listCampaigns,
  updateCampaign,
} from './campaigns.service.ts';
import { campaignInput, campaignOut, campaignUpdate } from './events.schemas.ts';

const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody };

export function campaignsRoutes(app: FastifyInstance, deps: Deps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/campaigns',
    {
      schema: {
        tags: ['events'],
        summary: 'Campaigns (editions) open to the public',
        response: { 200: z.object({ items: z.array(campaignOut) }) },
      },
    },
    async () => ({ items: await listCampaigns(deps) }),
  );
  r.get(
    '/api/campaigns/:slug',
    {
      schema: {
        tags: ['events'],
        summary: 'A campaign by slug (or id): its public page data',
        params: z.object({ slug: z.string().max(100) }),
        response: { 200: campaignOut, 404: errorBody },
      },
    },
    async (req) => getPublicCampaign(deps, req.params.slug, req.actor),
  );
  r.post(
    '/api/campaigns',
    {
      schema: {
        tags: ['events'],
        summary: "Create a campaign (the network's coordinators)",
        body: campaignInput,
        response: { 201: campaignOut, ...errors },
      },
    },
    async (req, reply) => {
      const row = await createCampaign(deps, req.actor, req.body);
      return reply.status(201).send(await describeCampaign(deps, row, deps.clock()));
    },
  );
  r.patch(
    '/api/campaigns/:id',
    {
      schema: {
        tags: ['events'],
        summary: 'Edit a campaign (dates, call for events, status, moderation of edits)',
        params: z.object({ id: z.uuid() }),
        body: campaignUpdate,
        response: { 200: campaignOut, ...errors },
      },
    },
    async (req) =>
      describeCampaign(deps, await updateCampaign(deps, req.actor, req.params.id, req.body), deps.clock()),
  );
  r.get(
    '/api/campaigns/:id/report.csv',
    {
      schema: {
        tags: ['events'],
        summary:
          'Coordinators: the campaign report as CSV (counts by department, theme, format, audience; coverage)',
        params: z.object({ id: z.string().max(100) }),
      },
    },
    async (req, reply) => {
      const d = await campaignDashboard(deps, req.actor, req.params.id);
      const rows: (string | number)[][] = [];
      const add = (part: string, list: { code: string; label: string; events: number }[]) => {
        for (const b of list) rows.push([part, b.code, b.label, b.events]);
      };
      add('Département', d.byDepartment);
      add('Thème', d.byTheme);
      add('Format', d.byFormat);
      add('Public', d.byAudience);
      for (const [k, v] of Object.entries(d.totals)) rows.push(['Statut', k, k, v]);
      if (d.registrations)
        for (const [k, v] of Object.entries(d.registrations)) rows.push(['Inscriptions', k, k, v]);
      for (const x of d.coverage.departments.without)
        rows.push(['Département sans événement', x.code, x.name, 0]);
      for (const x of d.coverage.epci.without) rows.push(['EPCI sans événement', x.code, x.name, 0]);
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="rapport-${d.campaign.slug}.csv"`)
        .send(toCsv(['Rubrique', 'Code', 'Libellé', 'Événements'], rows));
    },
  );
  r.get(
    '/api/campaigns/:id/dashboard',
    {
      schema: {
        tags: ['events'],
        summary:
          'Coordinators: events by department, theme, format, audience; registrations; coverage; queue',
        params: z.object({ id: z.string().max(100) }),
        response: { 200: dashboardSchema, ...errors },
      },
    },
    async (req) => campaignDashboard(deps, req.actor, req.params.id),
  );
}
