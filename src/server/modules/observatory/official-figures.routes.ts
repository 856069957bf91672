import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../context.ts';
import { csvImportQuery, csvUploadRoutes, errorBody, fileTooLarge, uploadedFile } from '../../lib/http.ts';
import { officialFigure } from './observatory.routes.ts';
import {
  importOfficialFigures,
  listOfficialFigures,
  removeOfficialFigure,
} from './official-figures.service.ts';

const IMPORT_LIMIT = 2 * 1024 * 1024;
const tags = ['observatory'];
const figure = officialFigure.extend({
  id: z.string(),
  territory: z.object({ code: z.string(), name: z.string() }),
  canRemove: z.boolean(),
});

/** The published figures: list, CSV import (dry run first), removal. */
export function officialFiguresRoutes(app: FastifyInstance, deps: Deps) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/observatory/official-figures',
    {
      schema: {
        tags,
        summary:
          'Every published figure (territory, year, family, figures, source), and whether you may remove it',
        response: { 200: z.object({ items: z.array(figure) }) },
      },
    },
    async (req) => ({ items: await listOfficialFigures(deps.db, req.actor) }),
  );

  csvUploadRoutes(app, IMPORT_LIMIT, (scope) => {
    scope.withTypeProvider<ZodTypeProvider>().post(
      '/api/observatory/official-figures/import',
      {
        bodyLimit: IMPORT_LIMIT,
        errorHandler: fileTooLarge('2 Mo'),
        schema: {
          tags,
          summary:
            'Import published figures from CSV (territory, year, family, jobs, fte, payroll, establishments, private_jobs_share, source, source_url; UTF-8, `,` or `;`; dry run by default)',
          querystring: csvImportQuery,
          response: {
            200: z.object({
              dryRun: z.boolean(),
              total: z.number(),
              valid: z.number(),
              imported: z.number(),
              errors: z.array(z.object({ line: z.number(), field: z.string(), reason: z.string() })),
            }),
            413: errorBody,
          },
        },
      },
      async (req) =>
        importOfficialFigures(deps, req.actor, uploadedFile(req.body), {
          dryRun: req.query.dryRun,
          networkId: req.query.networkId,
          requestId: req.id,
        }),
    );
  });

  r.delete(
    '/api/observatory/official-figures/:id',
    { schema: { tags, summary: 'Remove a published figure', params: z.object({ id: z.uuid() }) } },
    async (req, reply) => {
      await removeOfficialFigure(deps, req.actor, req.params.id, req.id);
      return reply.status(204).send(null);
    },
  );
}
