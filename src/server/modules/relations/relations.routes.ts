import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../context.ts';
import { idParams } from '../../lib/fields.ts';
import { listMembers } from '../accounts/networks.service.ts';
import { requireStaff } from './relations.access.ts';
import { createContact, getContact, listContacts, updateContact } from './relations.contacts.ts';
import {
  completeTask,
  contactTimeline,
  createTask,
  logInteraction,
  myOpenTasks,
  territoryTimeline,
} from './relations.log.ts';
import {
  contactInput,
  contactListOut,
  contactOut,
  contactPatch,
  contactQuery,
  contactTimelineOut,
  interactionInput,
  myTasksOut,
  networkParams,
  taskInput,
  timelineOut,
} from './relations.schemas.ts';

// The relations log of a network (elected officials, public bodies, partners, schools): its coordinators alone.

const tags = ['relations'];

export function relationsRoutes(app: FastifyInstance, deps: Deps) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/networks/:id/relations/context',
    {
      schema: {
        tags,
        summary:
          'The network’s name and its coordinators (who may own a follow-up task), for its coordinators',
        params: networkParams,
        response: {
          200: z.object({
            networkId: z.string(),
            networkName: z.string(),
            coordinators: z.array(z.object({ accountId: z.string(), name: z.string() })),
          }),
        },
      },
    },
    async (req) => {
      const network = await requireStaff(deps.db, req.actor, req.params.id);
      const people = await listMembers(deps, req.actor, network.id);
      return {
        networkId: network.id,
        networkName: network.name,
        coordinators: people
          .filter((p) => p.role === 'coordinator')
          .map((p) => ({ accountId: p.accountId, name: p.name || p.email })),
      };
    },
  );
  r.get(
    '/api/networks/:id/relation-contacts',
    {
      schema: {
        tags,
        summary:
          'The network’s relations contacts, by name; search by words of name, role or body, accents ignored',
        params: networkParams,
        querystring: contactQuery,
        response: { 200: contactListOut },
      },
    },
    async (req) => listContacts(deps.db, req.actor, req.params.id, req.query),
  );
  r.post(
    '/api/networks/:id/relation-contacts',
    {
      schema: {
        tags,
        summary:
          'Add a contact to the network’s relations log (elected official, public body, partner, school)',
        params: networkParams,
        body: contactInput,
        response: { 201: contactOut },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await createContact(deps, req.actor, req.params.id, req.body)),
  );
  r.get(
    '/api/relation-contacts/:id',
    {
      schema: {
        tags,
        summary:
          'One contact of a relations log with its mandates (its network’s coordinators; 404 otherwise)',
        params: idParams,
        response: { 200: contactOut },
      },
    },
    async (req) => getContact(deps.db, req.actor, req.params.id),
  );
  r.patch(
    '/api/relation-contacts/:id',
    {
      schema: {
        tags,
        summary: 'Change a contact',
        params: idParams,
        body: contactPatch,
        response: { 200: contactOut },
      },
    },
    async (req) => updateContact(deps, req.actor, req.params.id, req.body),
  );
  r.get(
    '/api/relation-contacts/:id/timeline',
    {
      schema: {
        tags,
        summary: 'A contact’s interactions, the latest first, and its open tasks',
        params: idParams,
        response: { 200: contactTimelineOut },
      },
    },
    async (req) => contactTimeline(deps.db, req.actor, req.params.id),
  );
  r.get(
    '/api/networks/:id/relations/territory-timeline',
    {
      schema: {
        tags,
        summary:
          'A territory’s interactions: placed in it or below it, or with a contact of it or below it, the latest first',
        params: networkParams,
        querystring: z.object({ territory: z.string().trim().min(1, 'territoire : obligatoire').max(40) }),
        response: { 200: timelineOut.extend({ territoryName: z.string().nullable() }) },
      },
    },
    async (req) => territoryTimeline(deps.db, req.actor, req.params.id, req.query.territory),
  );
  r.post(
    '/api/networks/:id/relation-interactions',
    {
      schema: {
        tags,
        summary:
          'Log a meeting, call, letter or event with contacts of the log, with a follow-up task if given',
        params: networkParams,
        body: interactionInput,
        response: { 201: z.object({ id: z.string(), taskId: z.string().nullable() }) },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await logInteraction(deps, req.actor, req.params.id, req.body)),
  );
  r.post(
    '/api/networks/:id/relation-tasks',
    {
      schema: {
        tags,
        summary: 'Create a follow-up task owned by one of the network’s coordinators',
        params: networkParams,
        body: taskInput,
        response: { 201: z.object({ id: z.string() }) },
      },
    },
    async (req, reply) => reply.status(201).send(await createTask(deps, req.actor, req.params.id, req.body)),
  );
  r.post(
    '/api/relation-tasks/:id/complete',
    {
      schema: {
        tags,
        summary: 'Mark a follow-up task done (its network’s coordinators; 404 otherwise)',
        params: idParams,
        response: { 200: z.object({ id: z.string(), doneAt: z.date().nullable() }) },
      },
    },
    async (req) => completeTask(deps, req.actor, req.params.id),
  );
  r.get(
    '/api/me/relation-tasks',
    {
      schema: {
        tags,
        summary: 'My open follow-up tasks in the networks I coordinate, the soonest due first',
        response: { 200: myTasksOut },
      },
    },
    async (req) => myOpenTasks(deps, req.actor),
  );
}
