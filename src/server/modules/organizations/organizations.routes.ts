import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../context.ts';
import { csvImportQuery, csvUploadRoutes, errorBody, fileTooLarge, uploadedFile } from '../../lib/http.ts';
import { essFamilies, essFamilyLabels, legalCategoryFamilies } from '../company-identity/ess-family.ts';
import { headcountBrackets } from '../company-identity/headcount.ts';
import { labelLegalCategories } from '../company-identity/legal-categories.labels.ts';
import { nafSections, searchNaf } from '../company-identity/naf.ts';
import { formatLocalDateTime } from '../events/events.time.ts';
import { importTemplateCsv } from './organizations.csv.ts';
import { exportOrganizationsCsv } from './organizations.export.ts';
import { importOrganizations } from './organizations.import.ts';
import { organizationPage } from './organizations.page.ts';
import {
  createOrganizationInput,
  organizationDetail,
  searchQuery,
  searchResult,
  updateOrganizationInput,
} from './organizations.schemas.ts';
import { searchOrganizations } from './organizations.search.ts';
import {
  createOrganization,
  deleteOrganization,
  getOrganization,
  updateOrganization,
} from './organizations.service.ts';

const IMPORT_LIMIT = 10 * 1024 * 1024;
const idParams = z.object({ id: z.string().max(64) });
const tags = ['organizations'];

export function organizationsRoutes(app: FastifyInstance, deps: Deps) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/organizations',
    {
      schema: {
        tags,
        summary: 'Search the directory (French full text, typo-tolerant; filters; paginated)',
        querystring: searchQuery,
        response: { 200: searchResult },
      },
    },
    async (req) => searchOrganizations(deps.db, req.query),
  );

  r.get(
    '/api/organizations/import-template.csv',
    {
      schema: {
        tags,
        summary:
          'The CSV import template: French column names (English ones accepted), legal category by code or name',
      },
    },
    async (_req, reply) =>
      reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="modele-import-organisations.csv"')
        .send(importTemplateCsv()),
  );

  r.get(
    '/api/organizations/export.csv',
    {
      schema: {
        tags,
        summary: 'Export a search as CSV (UTF-8 with BOM, `;`, formula cells neutralised)',
        querystring: searchQuery.omit({ page: true, pageSize: true }),
      },
    },
    async (req, reply) => {
      const { csv } = await exportOrganizationsCsv(deps.db, req.query);
      const day = formatLocalDateTime(deps.clock()).slice(0, 10);
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="annuaire-${day}.csv"`)
        .send(csv);
    },
  );

  // CSV uploads arrive raw, 10 MB on the import route only; every other route takes JSON up to 1 MB.
  csvUploadRoutes(app, IMPORT_LIMIT, (scope) => {
    scope.withTypeProvider<ZodTypeProvider>().post(
      '/api/organizations/import',
      {
        bodyLimit: IMPORT_LIMIT,
        errorHandler: fileTooLarge('10 Mo'),
        schema: {
          tags,
          summary:
            'Import organisations from CSV (UTF-8, `,` or `;`; upsert by SIRET; dry run). Columns: see src/server/modules/organizations/README.md',
          querystring: csvImportQuery,
          response: {
            200: z.object({
              dryRun: z.boolean(),
              total: z.number(),
              valid: z.number(),
              created: z.number(),
              updated: z.number(),
              errors: z.array(z.object({ line: z.number(), field: z.string(), reason: z.string() })),
              ignoredColumns: z.array(z.string()),
            }),
            413: errorBody,
          },
        },
      },
      async (req) =>
        importOrganizations(deps, req.actor, uploadedFile(req.body), {
          dryRun: req.query.dryRun,
          networkId: req.query.networkId,
          requestId: req.id,
        }),
    );
  });

  r.get(
    '/api/organizations/:id',
    { schema: { tags, params: idParams, response: { 200: organizationDetail } } },
    async (req) => getOrganization(deps.db, req.params.id, req.actor),
  );

  r.post(
    '/api/organizations',
    {
      schema: {
        tags,
        summary: 'Create an organisation (platform admin, or coordinator of `networkId`)',
        body: createOrganizationInput,
        response: { 201: organizationDetail },
      },
    },
    async (req, reply) => {
      const created = await createOrganization(deps, req.actor, req.body, { requestId: req.id });
      return reply.status(201).send(created);
    },
  );

  r.patch(
    '/api/organizations/:id',
    {
      schema: {
        tags,
        params: idParams,
        body: updateOrganizationInput,
        response: { 200: organizationDetail },
      },
    },
    async (req) => updateOrganization(deps, req.actor, req.params.id, req.body, { requestId: req.id }),
  );

  r.delete(
    '/api/organizations/:id',
    { schema: { tags, summary: 'Delete an organisation (platform admin)', params: idParams } },
    async (req, reply) => {
      await deleteOrganization(deps, req.actor, req.params.id, { requestId: req.id });
      return reply.status(204).send();
    },
  );

  r.get(
    '/api/reference/naf',
    {
      schema: {
        tags: ['reference'],
        summary: 'NAF rév. 2 sub-classes (732), by code prefix or label words',
        querystring: z.object({
          q: z.string().max(100).optional(),
          limit: z.coerce.number().int().min(1).max(800).default(50),
        }),
        response: {
          200: z.object({
            items: z.array(z.object({ code: z.string(), label: z.string(), section: z.string() })),
          }),
        },
      },
    },
    async (req) => ({ items: searchNaf(req.query.q, req.query.limit) }),
  );

  r.get(
    '/api/reference/identity',
    { schema: { tags: ['reference'], summary: 'ESS families, headcount brackets, NAF sections' } },
    async () => ({
      essFamilies: essFamilies.map((code) => ({ code, label: essFamilyLabels[code] })),
      headcountBrackets: headcountBrackets.map((b) => ({
        code: b.code,
        low: b.low,
        high: b.high,
        label: b.label,
      })),
      nafSections: nafSections.map((s) => ({ code: s.code, label: s.label })),
      legalCategories: await labelLegalCategories(
        deps.db,
        Object.values(legalCategoryFamilies).flat().sort(),
      ),
    }),
  );

  app.get('/annuaire/:id', { schema: { hide: true } }, async (req, reply) => {
    const { status, html } = await organizationPage(deps, (req.params as { id: string }).id);
    return reply.status(status).type('text/html; charset=utf-8').send(html);
  });
}
