import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Deps } from '../../context.ts';
import { reportCsv, reportXlsx } from './gtec.report.export.ts';
import { benchmarkOut, reportOut } from './gtec.report.schemas.ts';
import { waveBenchmark, waveReport } from './gtec.report.ts';
import { tokenQuery, waveParams } from './gtec.schemas.ts';

// The reports of a GTEC wave: the protected tables for the network's coordinators (and their exports), and the
// member company's benchmark (its figures beside the network's) through its link or signed in as the company.

const tags = ['gtec'];
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function gtecReportRoutes(app: FastifyInstance, deps: Deps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/gtec/waves/:id/report',
    {
      schema: {
        tags,
        summary:
          'The wave’s protected report (coordinators): age pyramid, retirements, recruitment needs, capacity; hidden cells are null (secret statistique); provisional while open',
        params: waveParams,
        response: { 200: reportOut },
      },
    },
    async (req) => waveReport(deps, req.actor, req.params.id),
  );
  for (const [ext, type, build] of [
    ['csv', 'text/csv; charset=utf-8', reportCsv],
    ['xlsx', XLSX, reportXlsx],
  ] as const)
    r.get(
      `/api/gtec/waves/:id/report.${ext}`,
      {
        schema: {
          tags,
          summary: `The wave’s protected report as ${ext.toUpperCase()} (coordinators); hidden cells written “secret”`,
          params: waveParams,
        },
      },
      async (req, reply) => {
        const { body, filename } = await build(deps, req.actor, req.params.id);
        return reply
          .type(type)
          .header('content-disposition', `attachment; filename="${filename}"`)
          .header('cache-control', 'no-store')
          .send(body);
      },
    );
  r.get(
    '/api/gtec/waves/:id/benchmark',
    {
      schema: {
        tags,
        summary:
          'A member company’s figures beside its network’s protected ones, once the wave is closed (its link’s token, or signed in as the company)',
        params: waveParams,
        querystring: tokenQuery,
        response: { 200: benchmarkOut },
      },
    },
    async (req) => waveBenchmark(deps, req.actor, req.params.id, req.query.token),
  );
}
