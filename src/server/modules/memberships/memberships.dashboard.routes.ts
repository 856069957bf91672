import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Actor, Deps } from '../../context.ts';
import { csvUploadRoutes, errorBody, fileTooLarge, uploadedFile } from '../../lib/http.ts';
import { membersDashboard } from './memberships.dashboard.ts';
import { dashboardCsv, dashboardXlsx } from './memberships.dashboard-export.ts';
import { importHistory } from './memberships.history.ts';
import { historyTemplateCsv } from './memberships.history-csv.ts';
import { uuid } from './memberships.schemas.ts';

// The members' dashboard (JSON, CSV, XLSX) and the import of past membership history (coordinators).

const tags = ['memberships'];
const networkParams = z.object({ id: uuid('identifiant de réseau invalide') });
const HISTORY_LIMIT = 5 * 1024 * 1024;

const rate = z.number().nullable();
const yearOut = z.object({
  year: z.number(),
  members: z.number(),
  joins: z.number(),
  rejoins: z.number(),
  lapses: z.number(),
  renewalRate: rate,
  firstYearRenewalRate: rate,
  calledCents: z.number(),
  paidCents: z.number(),
});
const breakdownOut = z.array(
  z.object({
    label: z.string(),
    members: z.number(),
    newMembers: z.number(),
    calledCents: z.number(),
    paidCents: z.number(),
  }),
);
const dashboardOut = z.object({
  networkName: z.string(),
  networkSlug: z.string(),
  currentYear: z.number(),
  years: z.array(yearOut),
  breakdowns: z.object({ plan: breakdownOut, size: breakdownOut, sector: breakdownOut, epci: breakdownOut }),
});
const historyReport = z.object({
  dryRun: z.boolean(),
  total: z.number(),
  valid: z.number(),
  periodsCreated: z.number(),
  alreadyPresent: z.number(),
  membersCreated: z.number(),
  organizationsCreated: z.number(),
  errors: z.array(z.object({ line: z.number(), reason: z.string() })),
});

export function membershipsDashboardRoutes(app: FastifyInstance, deps: Deps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const load = (req: { actor: Actor | null }, id: string) =>
    membersDashboard(deps.db, req.actor, id, deps.clock());

  r.get(
    '/api/networks/:id/memberships/dashboard',
    {
      schema: {
        tags,
        summary:
          'Members per year since the first period (joins, re-joins, lapses, renewal rates, dues called and paid) and this year by plan, size, sector and EPCI (coordinators)',
        params: networkParams,
        response: { 200: dashboardOut },
      },
    },
    async (req) => load(req, req.params.id),
  );
  r.get(
    '/api/networks/:id/memberships/dashboard.csv',
    {
      schema: {
        tags,
        summary: 'The members’ dashboard as CSV for French Excel (`;`, BOM) (coordinators)',
        params: networkParams,
      },
    },
    async (req, reply) => {
      const { csv, filename } = dashboardCsv(await load(req, req.params.id));
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${filename}"`)
        .send(csv);
    },
  );
  r.get(
    '/api/networks/:id/memberships/dashboard.xlsx',
    {
      schema: { tags, summary: 'The members’ dashboard as XLSX (coordinators)', params: networkParams },
    },
    async (req, reply) => {
      const { xlsx, filename } = dashboardXlsx(await load(req, req.params.id));
      return reply
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="${filename}"`)
        .send(xlsx);
    },
  );
  r.get(
    '/api/memberships/history-template.csv',
    {
      schema: {
        tags,
        summary:
          'Template of the membership history import: siret, siren, nom, année, formule, montant, payé (French Excel)',
      },
    },
    async (_req, reply) =>
      reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="modele-historique-adhesions.csv"')
        .send(historyTemplateCsv()),
  );

  // The CSV arrives raw, 5 MB on this route only (25 years of a large network is well under 1 MB).
  csvUploadRoutes(app, HISTORY_LIMIT, (scope) => {
    scope.withTypeProvider<ZodTypeProvider>().post(
      '/api/networks/:id/memberships/history',
      {
        bodyLimit: HISTORY_LIMIT,
        errorHandler: fileTooLarge('5 Mo'),
        schema: {
          tags,
          summary:
            'Import past membership history from CSV (one row per organisation and year; UTF-8 or Windows-1252, `;` or `,`); `dryRun=1` (default) checks and counts, `dryRun=0` imports in one transaction (coordinators)',
          params: networkParams,
          querystring: z
            .object({
              dryRun: z
                .enum(['1', '0', 'true', 'false'], 'dryRun vaut 1 (vérifier) ou 0 (importer)')
                .default('1')
                .transform((v) => v === '1' || v === 'true'),
            })
            .strict(),
          response: { 200: historyReport, 413: errorBody },
        },
      },
      async (req) =>
        importHistory(deps, req.actor, req.params.id, uploadedFile(req.body), {
          dryRun: req.query.dryRun,
          requestId: req.id,
        }),
    );
  });
}
