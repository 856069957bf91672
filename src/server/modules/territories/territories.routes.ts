import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { getTerritory, searchTerritories } from './territories.service.ts';

const level = z.enum(['country', 'region', 'department', 'epci', 'commune']);
const summary = z.object({ code: z.string(), level, name: z.string(), officialCode: z.string() });
const searchItem = summary.extend({
  label: z.string(),
  postcodes: z.array(z.string()).optional(),
  population: z.number().optional(),
});

export function territoriesRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/territories',
    {
      schema: {
        tags: ['territories'],
        summary: 'Search communes and territories by name or postcode (accent- and case-insensitive)',
        querystring: z.object({
          q: z.string().min(1).max(100),
          level: z
            .string()
            .optional()
            .transform((s) => (s ? s.split(',') : undefined))
            .pipe(z.array(level).optional()),
          limit: z.coerce.number().int().min(1).max(50).default(10),
        }),
        response: { 200: z.object({ items: z.array(searchItem) }) },
      },
    },
    async (req) => ({
      items: searchTerritories(req.query.q, { levels: req.query.level, limit: req.query.limit }),
    }),
  );
  r.get(
    '/api/territories/:code',
    {
      schema: {
        tags: ['territories'],
        summary:
          'A territory with its parents and children (codes: fr, region:44, dep:54, epci:<siren>, com:54395)',
        params: z.object({ code: z.string() }),
        response: {
          200: summary.extend({
            population: z.number().optional(),
            postcodes: z.array(z.string()).optional(),
            parents: z.array(summary),
            children: z.array(summary),
          }),
        },
      },
    },
    async (req) => getTerritory(req.params.code),
  );
}
