import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../context.ts';
import { errorBody } from '../../lib/http.ts';
import { getLegalDetails, listLegalDetails, saveLegalDetails } from './legal.service.ts';

const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody };
const text = (what: string, max: number) =>
  z
    .string({ error: `${what} requis` })
    .trim()
    .min(1, `${what} requis`)
    .max(max, `${what} : ${max} caractères au plus`);
const detailsBody = z.object({
  legalName: text('Raison sociale', 200),
  address: text('Adresse', 500),
  siret: z.string().trim().max(20, 'SIRET : 14 chiffres').nullish(),
  publicationDirector: text('Directeur ou directrice de la publication', 200),
  dataContact: text('Contact pour les données personnelles', 300),
  host: text('Hébergeur', 500),
});
const detailsOut = detailsBody.extend({ siret: z.string().nullable(), updatedAt: z.date() });
const networkId = z.object({ id: z.uuid('identifiant de réseau invalide') });

export function legalRoutes(app: FastifyInstance, deps: Deps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/legal',
    {
      schema: {
        tags: ['legal'],
        summary: 'Every network with its legal details as publisher and data controller (public)',
        response: {
          200: z.object({
            items: z.array(
              z.object({
                network: z.object({ id: z.uuid(), slug: z.string(), name: z.string(), kind: z.string() }),
                details: detailsOut.nullable(),
              }),
            ),
          }),
        },
      },
    },
    async () => ({ items: await listLegalDetails(deps) }),
  );
  r.get(
    '/api/networks/:id/legal',
    {
      schema: {
        tags: ['legal'],
        summary: "A network's legal details (null when not filled yet)",
        params: networkId,
        response: { 200: z.object({ details: detailsOut.nullable() }), ...errors },
      },
    },
    async (req) => ({ details: await getLegalDetails(deps, req.params.id) }),
  );
  r.put(
    '/api/networks/:id/legal',
    {
      schema: {
        tags: ['legal'],
        summary: "Save a network's legal details (its coordinators, platform admin)",
        params: networkId,
        body: detailsBody,
        response: { 200: z.object({ details: detailsOut }), ...errors },
      },
    },
    async (req) => ({ details: await saveLegalDetails(deps, req.actor, req.params.id, req.body) }),
  );
}
