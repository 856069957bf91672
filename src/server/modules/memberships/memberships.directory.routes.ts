import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../context.ts';
import { audiences, directoryFields, memberDirectory, setVisibility } from './memberships.directory.ts';
import { getMember } from './memberships.members.ts';
import { mergeMembers } from './memberships.merge.ts';
import { memberDetail, uuid } from './memberships.schemas.ts';

const tags = ['memberships'];
const networkParams = z.object({ id: uuid('identifiant de réseau invalide') });
const memberParams = z.object({ id: uuid('identifiant d’adhérent invalide') });
const audience = z.enum(audiences, { error: 'choisissez : public, adhérents du réseau ou équipe du réseau' });

const directoryItem = z.object({
  memberId: z.string().nullable(),
  organizationId: z.string(),
  name: z.string(),
  communeName: z.string().nullable(),
  website: z.string().nullable(),
  memberSince: z.string().nullable(),
  contacts: z.array(
    z.object({
      name: z.string().nullable(),
      role: z.string(),
      email: z.string().nullable(),
      phone: z.string().nullable(),
    }),
  ),
});

/** The members' directory (what each member chose to show), a member's choices, and merging duplicate records. */
export function membershipDirectoryRoutes(app: FastifyInstance, deps: Deps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/networks/:id/member-directory',
    {
      schema: {
        tags,
        summary:
          'The network’s current members, each showing what it chose to show the caller: the public, the network’s members, or its staff (coordinators)',
        params: networkParams,
        querystring: z.object({
          q: z.string().trim().max(200).optional(),
          page: z.coerce.number().int().min(1).max(100_000).default(1),
          pageSize: z.coerce.number().int().min(1).max(100).default(30),
        }),
        response: {
          200: z.object({
            network: z.object({ id: z.string(), name: z.string() }),
            viewer: z.enum(audiences),
            total: z.number(),
            page: z.number(),
            pageSize: z.number(),
            items: z.array(directoryItem),
          }),
        },
      },
    },
    async (req) => memberDirectory(deps.db, req.actor, req.params.id, req.query),
  );
  r.put(
    '/api/members/:id/visibility',
    {
      schema: {
        tags,
        summary:
          'Who sees what of this member in the members’ directory, field by field (the member itself, or its coordinators)',
        params: memberParams,
        body: z.strictObject(Object.fromEntries(directoryFields.map((f) => [f, audience.optional()]))),
        response: { 200: memberDetail },
      },
    },
    async (req) => {
      await setVisibility(deps, req.actor, req.params.id, req.body);
      return getMember(deps.db, req.actor, req.params.id);
    },
  );
  r.post(
    '/api/members/:id/merge',
    {
      schema: {
        tags,
        summary:
          'Merge a duplicate record of the same member into this one: both histories are kept, the duplicate record is removed (coordinators)',
        params: memberParams,
        body: z.strictObject({ duplicateId: uuid('identifiant d’adhérent invalide') }),
        response: {
          200: z.object({
            periods: z.number(),
            payments: z.number(),
            documents: z.number(),
            contacts: z.number(),
            repeatedYearsDropped: z.number(),
            status: z.string(),
            duplicateName: z.string(),
          }),
        },
      },
    },
    async (req) => mergeMembers(deps, req.actor, req.params.id, req.body.duplicateId),
  );
}
