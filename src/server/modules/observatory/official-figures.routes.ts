import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../context.ts';
import { errorBody } from '../../lib/http.ts';
import {
  importOfficialFigures,
  listOfficialFigures,
  removeOfficialFigure,
} from './official-figures.service.ts';

const IMPORT_LIMIT = 2 * 1024 * 1024;
const tags = ['observatory'];
const figure = z.object({
  id: z.string(),
  territory: z.object({ code: z.string(), name: z.string() }),
  year: z.number(),
  family: z.string(),
  jobs: z.number().nullable(),
  fte: z.number().nullable(),
  payroll: z.number().nullable(),
  establishments: z.number().nullable(),
  privateJobsShare: z.number().nullable(),
  source: z.string(),
  sourceUrl: z.string().nullable(),
  isDemo: z.boolean(),
  canRemove: z.boolean(),
});

/** The published figures: list, CSV import (dry run first), removal. */
export function officialFiguresRoutes(app: FastifyInstance, deps: Deps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  app.addContentTypeParser(
    ['text/csv', 'application/csv', 'text/plain', 'application/vnd.ms-excel'],
    { parseAs: 'buffer', bodyLimit: IMPORT_LIMIT },
    (_req, body, done) => done(null, body),
  );

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

  r.post(
    '/api/observatory/official-figures/import',
    {
      bodyLimit: IMPORT_LIMIT,
      errorHandler: (err, req, reply) => {
        if ((err as { statusCode?: number }).statusCode !== 413) throw err;
        return reply.status(413).send({
          error: { code: 'PAYLOAD_TOO_LARGE', message: 'Fichier trop volumineux (2 Mo au plus)' },
          requestId: req.id,
        });
      },
      schema: {
        tags,
        summary:
          'Import published figures from CSV (territory, year, family, jobs, fte, payroll, establishments, private_jobs_share, source, source_url; UTF-8, `,` or `;`; dry run by default)',
        querystring: z
          .object({
            dryRun: z
              .enum(['true', 'false'])
              .default('true')
              .transform((v) => v === 'true'),
            networkId: z.uuid().optional(),
          })
          .strict(),
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
    async (req) => {
      const body = req.body;
      const file = Buffer.isBuffer(body) ? body : typeof body === 'string' ? body : '';
      return importOfficialFigures(deps, req.actor, file, {
        dryRun: req.query.dryRun,
        networkId: req.query.networkId,
        requestId: req.id,
      });
    },
  );

  r.delete(
    '/api/observatory/official-figures/:id',
    { schema: { tags, summary: 'Remove a published figure', params: z.object({ id: z.uuid() }) } },
    async (req, reply) => {
      await removeOfficialFigure(deps, req.actor, req.params.id, req.id);
      return reply.status(204).send(null);
    },
  );
}
