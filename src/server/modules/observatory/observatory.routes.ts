import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../context.ts';
import { getIndicators, listSnapshots } from './indicators.service.ts';
import {
  exportTable,
  exportTables,
  exportWorkbook,
  figureSvg,
  type TableName,
  tableTitles,
} from './observatory-export.ts';
import { getDepartmentMap } from './observatory-map.ts';

const jobs = z.object({ low: z.number(), central: z.number(), high: z.number() });
/** A published figure as the dashboards show it (official-figures.routes.ts lists them with their ids). */
export const officialFigure = z.object({
  /** null: the source does not give the reference year (shown as "année non précisée"). */
  year: z.number().nullable(),
  family: z.string(),
  jobs: z.number().nullable(),
  fte: z.number().nullable(),
  payroll: z.number().nullable(),
  establishments: z.number().nullable(),
  privateJobsShare: z.number().nullable(),
  source: z.string(),
  sourceUrl: z.string().nullable(),
  isDemo: z.boolean(),
});
const secret = z.enum(['primary', 'secondary']).nullable();
const row = z.object({
  code: z.string(),
  label: z.string(),
  establishments: z.number().nullable(),
  jobs: jobs.nullable(),
  secret,
});
const query = z.object({
  territory: z.string().min(1).max(40),
  snapshot: z
    .string()
    .regex(/^\d{4}-\d{2}$/, 'format AAAA-MM')
    .optional(),
});

const tableParam = z
  .enum(['all', 'summary', 'families', 'sectors', 'sizes', 'evolution', 'subTerritories', 'official'])
  .default('all');

export function observatoryRoutes(app: FastifyInstance, deps: Deps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/observatory/snapshots',
    {
      schema: {
        tags: ['observatory'],
        summary: 'Imported Sirene snapshots (month, scope, settings, counts)',
        response: {
          200: z.object({
            items: z.array(
              z.object({
                month: z.string(),
                scope: z.string(),
                formatVersion: z.string(),
                isDemo: z.boolean(),
                importedAt: z.string(),
                settings: z.record(z.string(), z.unknown()),
                stats: z.record(z.string(), z.unknown()),
              }),
            ),
          }),
        },
      },
    },
    async () => ({ items: await listSnapshots(deps.db) }),
  );
  r.get(
    '/api/observatory/indicators',
    {
      schema: {
        tags: ['observatory'],
        summary:
          'ESS indicators of a territory (fr, region:44, dep:54, epci:<siren>, com:54395) for a snapshot (latest by default)',
        querystring: query,
        response: {
          200: z.object({
            territory: z.object({
              code: z.string(),
              name: z.string(),
              level: z.string(),
              parents: z.array(z.object({ code: z.string(), name: z.string(), level: z.string() })),
            }),
            snapshot: z.object({
              month: z.string(),
              scope: z.string(),
              scopeName: z.string(),
              isDemo: z.boolean(),
              formatVersion: z.string(),
            }),
            secret,
            employerEstablishments: z.number().nullable(),
            jobs: jobs.nullable(),
            families: z.array(row),
            sectors: z.array(row),
            sizes: z.array(row),
            share: z.object({
              establishments: z.number().nullable(),
              jobs: z
                .object({
                  low: z.number().nullable(),
                  central: z.number().nullable(),
                  high: z.number().nullable(),
                })
                .nullable(),
              allEstablishments: z.number().nullable(),
              privateEmployerEstablishments: z.number().nullable(),
              privateJobs: jobs.nullable(),
            }),
            evolution: z.array(
              z.object({
                month: z.string(),
                employerEstablishments: z.number().nullable(),
                jobs: jobs.nullable(),
              }),
            ),
            subTerritories: z.array(row.extend({ privateJobsShare: z.number().nullable() })),
            official: z.array(officialFigure),
            settings: z.record(z.string(), z.unknown()),
          }),
        },
      },
    },
    async (req) => getIndicators(deps.db, req.query),
  );
  r.get(
    '/api/observatory/departments',
    {
      schema: {
        tags: ['observatory'],
        summary:
          "Each department of a snapshot's scope (inside fr, region:44 or dep:54) with what its own dashboard publishes, for the map",
        querystring: query.extend({ territory: query.shape.territory.optional() }),
        response: {
          200: z.object({
            territory: z.object({ code: z.string(), name: z.string(), level: z.string() }),
            snapshot: z.object({ month: z.string(), scope: z.string() }),
            departments: z.array(
              z.object({
                code: z.string(),
                name: z.string(),
                employerEstablishments: z.number().nullable(),
                jobs: jobs.nullable(),
                privateJobsShare: z.number().nullable(),
                secret,
              }),
            ),
          }),
        },
      },
    },
    async (req) => getDepartmentMap(deps.db, req.query),
  );
  r.get(
    '/api/observatory/export.csv',
    {
      schema: {
        tags: ['observatory'],
        summary: 'One table of the indicators as CSV (UTF-8 with BOM, semicolons), or all of them',
        querystring: query.extend({ table: tableParam }),
      },
    },
    async (req, reply) => {
      const indicators = await getIndicators(deps.db, req.query);
      const csv =
        req.query.table === 'all' ? exportTables(indicators) : exportTable(indicators, req.query.table);
      const name = `observatoire-ess-${indicators.territory.code.replace(':', '-')}-${indicators.snapshot.month}-${req.query.table}.csv`;
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${name}"`)
        .send(csv); // toCsv starts French Excel files with their BOM
    },
  );
  r.get(
    '/api/observatory/export.xlsx',
    {
      schema: {
        tags: ['observatory'],
        summary: 'The indicator tables as an XLSX workbook (one sheet per table, or the one asked for)',
        querystring: query.extend({ table: tableParam }),
      },
    },
    async (req, reply) => {
      const indicators = await getIndicators(deps.db, req.query);
      const tables =
        req.query.table === 'all' ? (Object.keys(tableTitles) as TableName[]) : [req.query.table];
      const name = `observatoire-ess-${indicators.territory.code.replace(':', '-')}-${indicators.snapshot.month}-${req.query.table}.xlsx`;
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="${name}"`)
        .send(Buffer.from(exportWorkbook(indicators, tables)));
    },
  );
  r.get(
    '/api/observatory/figure.svg',
    {
      schema: {
        tags: ['observatory'],
        summary: "Embeddable image of a territory's key ESS figure (for a partner's website)",
        querystring: query,
      },
    },
    async (req, reply) => {
      const indicators = await getIndicators(deps.db, req.query);
      return reply
        .header('content-type', 'image/svg+xml; charset=utf-8')
        .header('cache-control', 'public, max-age=3600')
        .header('access-control-allow-origin', '*')
        .send(figureSvg(indicators));
    },
  );
}
