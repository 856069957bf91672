import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../context.ts';
import { errorBody } from '../../lib/http.ts';
import { inviteBody, memberOut, networkBody, networkOut } from './accounts.schemas.ts';
import {
  addOrganizationEditor,
  listOrganizationEditors,
  removeOrganizationEditor,
} from './editors.service.ts';
import {
  attachOrganization,
  detachOrganization,
  listNetworkOrganizations,
} from './network-organizations.service.ts';
import {
  addCoordinator,
  addMember,
  createNetwork,
  getNetworkBySlug,
  listMembers,
  listNetworks,
  removeMember,
  updateNetwork,
} from './networks.service.ts';

const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody };
const networkId = z.object({ id: z.uuid('identifiant de réseau invalide') });
const editorOut = z.object({ accountId: z.uuid(), email: z.string(), name: z.string() });

export function networksRoutes(app: FastifyInstance, deps: Deps) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/networks',
    {
      schema: {
        tags: ['networks'],
        summary: 'Public list of networks',
        response: { 200: z.object({ items: z.array(networkOut) }) },
      },
    },
    async () => ({ items: await listNetworks(deps.db) }),
  );

  r.get(
    '/api/networks/:slug',
    {
      schema: {
        tags: ['networks'],
        summary: 'A network by its slug (or its id)',
        params: z.object({ slug: z.string().max(60) }),
        response: { 200: networkOut, 404: errorBody },
      },
    },
    async (req) => getNetworkBySlug(deps.db, req.params.slug),
  );

  r.post(
    '/api/networks',
    {
      schema: {
        tags: ['networks'],
        summary: 'Create a network (platform admin)',
        body: networkBody,
        response: { 201: networkOut, ...errors },
      },
    },
    async (req, reply) => reply.status(201).send(await createNetwork(deps, req.actor, req.body)),
  );

  r.patch(
    '/api/networks/:id',
    {
      schema: {
        tags: ['networks'],
        summary: 'Update a network (platform admin or its coordinators)',
        params: networkId,
        body: networkBody.partial(),
        response: { 200: networkOut, ...errors },
      },
    },
    async (req) => updateNetwork(deps, req.actor, req.params.id, req.body),
  );

  r.get(
    '/api/networks/:id/members',
    {
      schema: {
        tags: ['networks'],
        summary: 'Members of a network with their role (its coordinators, platform admin)',
        params: networkId,
        response: { 200: z.object({ items: z.array(memberOut) }), ...errors },
      },
    },
    async (req) => ({ items: await listMembers(deps, req.actor, req.params.id) }),
  );

  r.post(
    '/api/networks/:id/members',
    {
      schema: {
        tags: ['networks'],
        summary:
          'Add a member or coordinator by email (account created and mailed a sign-in link when absent)',
        params: networkId,
        body: inviteBody.extend({ role: z.enum(['coordinator', 'member']) }),
        response: { 201: memberOut, ...errors },
      },
    },
    async (req, reply) => reply.status(201).send(await addMember(deps, req.actor, req.params.id, req.body)),
  );

  r.post(
    '/api/networks/:id/coordinators',
    {
      schema: {
        tags: ['networks'],
        summary: 'Add a coordinator by email (account created and mailed a sign-in link when absent)',
        params: networkId,
        body: inviteBody,
        response: { 201: memberOut, ...errors },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await addCoordinator(deps, req.actor, req.params.id, req.body)),
  );

  r.delete(
    '/api/networks/:id/members/:accountId',
    {
      schema: {
        tags: ['networks'],
        summary:
          'Remove an account from a network (the last coordinator stays, unless a platform admin acts)',
        params: networkId.extend({ accountId: z.uuid() }),
        response: { 204: z.null(), ...errors },
      },
    },
    async (req, reply) => {
      await removeMember(deps, req.actor, req.params.id, req.params.accountId);
      return reply.status(204).send(null);
    },
  );

  r.post(
    '/api/networks/:id/organizations',
    {
      schema: {
        tags: ['networks'],
        summary: 'Attach an organisation to a network (its coordinators may then edit it)',
        params: networkId,
        body: z.strictObject({ organizationId: z.uuid('identifiant d’organisation invalide') }),
        response: { 204: z.null(), ...errors },
      },
    },
    async (req, reply) => {
      await attachOrganization(deps, req.actor, req.params.id, req.body.organizationId);
      return reply.status(204).send(null);
    },
  );

  r.get(
    '/api/networks/:id/organizations',
    {
      schema: {
        tags: ['networks'],
        summary:
          'Organisations attached to a network, by name, paged, with their public contact (public); q: name, acronym or commune',
        params: networkId,
        querystring: z.object({
          q: z.string().trim().max(100, '100 caractères au plus').optional(),
          page: z.coerce.number().int().min(1, 'page 1 ou plus').max(10_000).default(1),
          pageSize: z.coerce.number().int().min(1).max(200, '200 au plus par page').default(50),
        }),
        response: {
          200: z.object({
            items: z.array(
              z.object({
                id: z.uuid(),
                name: z.string(),
                postalCode: z.string().nullable(),
                communeName: z.string().nullable(),
                email: z.string().nullable(),
                phone: z.string().nullable(),
                website: z.string().nullable(),
              }),
            ),
            total: z.number(),
            page: z.number(),
            pageSize: z.number(),
          }),
          ...errors,
        },
      },
    },
    async (req) => listNetworkOrganizations(deps.db, req.params.id, req.query),
  );

  r.delete(
    '/api/networks/:id/organizations/:organizationId',
    {
      schema: {
        tags: ['networks'],
        summary: 'Detach an organisation from a network',
        params: networkId.extend({ organizationId: z.uuid() }),
        response: { 204: z.null(), ...errors },
      },
    },
    async (req, reply) => {
      await detachOrganization(deps, req.actor, req.params.id, req.params.organizationId);
      return reply.status(204).send(null);
    },
  );

  const orgParams = z.object({ id: z.uuid('identifiant d’organisation invalide') });
  r.get(
    '/api/organizations/:id/editors',
    {
      schema: {
        tags: ['organizations'],
        summary: 'Accounts allowed to edit an organisation (for those who may edit it)',
        params: orgParams,
        response: { 200: z.object({ items: z.array(editorOut) }), ...errors },
      },
    },
    async (req) => ({ items: await listOrganizationEditors(deps, req.actor, req.params.id) }),
  );

  r.post(
    '/api/organizations/:id/editors',
    {
      schema: {
        tags: ['organizations'],
        summary: 'Allow an account (by email; created and mailed a link when absent) to edit an organisation',
        params: orgParams,
        body: inviteBody,
        response: { 201: editorOut, ...errors },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await addOrganizationEditor(deps, req.actor, req.params.id, req.body)),
  );

  r.delete(
    '/api/organizations/:id/editors/:accountId',
    {
      schema: {
        tags: ['organizations'],
        summary: 'Withdraw an account’s right to edit an organisation',
        params: orgParams.extend({ accountId: z.uuid() }),
        response: { 204: z.null(), ...errors },
      },
    },
    async (req, reply) => {
      await removeOrganizationEditor(deps, req.actor, req.params.id, req.params.accountId);
      return reply.status(204).send(null);
    },
  );
}
