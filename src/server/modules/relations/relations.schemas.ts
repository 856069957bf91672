import { z } from 'zod';
import { dateField, oneLine, uuidField } from '../../lib/fields.ts';
import { contactKinds, interactionKinds } from './relations.rules.ts';

// Zod schemas of the relations log's API; every refusal names its field in French.

export const networkParams = z.object({ id: uuidField() });

const kind = z.enum(contactKinds, 'type : elected (élu), public_body (organisme public), partner ou school');
const line = (what: string, max = 200) =>
  oneLine(z.string().trim().min(1, `${what} : obligatoire`).max(max, `${what} : ${max} caractères au plus`));
const territory = z.string().trim().max(40, 'territoire : code trop long').nullish();

export const contactInput = z.strictObject({
  kind,
  name: line('nom', 200),
  role: line('fonction', 200).nullish(),
  organizationName: line('organisme', 200).nullish(),
  email: z.email('adresse e-mail invalide').max(254).nullish(),
  phone: oneLine(z.string().trim().max(30, 'téléphone : 30 caractères au plus')).nullish(),
  territoryCode: territory,
  organizationId: uuidField().nullish(),
  notes: z.string().trim().max(5000, 'notes : 5 000 caractères au plus').nullish(),
});
export const contactPatch = contactInput.partial();

export const contactQuery = z.object({
  q: z.string().trim().max(200, 'recherche : 200 caractères au plus').optional(),
  kind: kind.optional(),
  territory: z.string().trim().max(40).optional(),
  page: z.coerce.number().int('page : nombre entier').min(1, 'page : 1 au moins').max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100, 'taille de page : 100 au plus').default(25),
});

export const taskInput = z.strictObject({
  title: line('tâche', 300),
  dueOn: dateField().nullish(),
  ownerId: uuidField(),
  contactId: uuidField().nullish(),
});

export const interactionInput = z.strictObject({
  kind: z.enum(
    interactionKinds,
    'type : meeting (rendez-vous), call (appel), letter (courrier) ou event (événement)',
  ),
  on: dateField(),
  summary: z
    .string()
    .trim()
    .min(1, 'compte rendu : obligatoire')
    .max(10_000, 'compte rendu : 10 000 caractères au plus'),
  topics: z.array(line('sujet', 80)).max(20, 'sujets : 20 au plus').optional(),
  contactIds: z
    .array(uuidField())
    .min(1, 'personnes : au moins un contact')
    .max(50, 'personnes : 50 au plus'),
  organizationIds: z.array(uuidField()).max(50, 'organisations : 50 au plus').optional(),
  territoryCode: territory,
  followUp: taskInput.omit({ contactId: true }).nullish(),
});

export const mandateOut = z.object({
  label: z.string(),
  territoryName: z.string(),
  startedOn: z.string().nullable(),
  endedOn: z.string().nullable(),
  current: z.boolean(),
});

export const contactOut = z.object({
  id: z.string(),
  networkId: z.string(),
  kind: z.string(),
  kindLabel: z.string(),
  name: z.string(),
  role: z.string().nullable(),
  organizationName: z.string().nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  territoryCode: z.string().nullable(),
  territoryName: z.string().nullable(),
  organizationId: z.string().nullable(),
  directoryName: z.string().nullable(),
  notes: z.string().nullable(),
  source: z.string(),
  mandates: z.array(mandateOut),
  isDemo: z.boolean(),
});

export const contactListOut = z.object({
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
  items: z.array(
    z.object({
      id: z.string(),
      kind: z.string(),
      kindLabel: z.string(),
      name: z.string(),
      role: z.string().nullable(),
      organizationName: z.string().nullable(),
      territoryName: z.string().nullable(),
      source: z.string(),
      mandateEnded: z.boolean(),
      isDemo: z.boolean(),
    }),
  ),
});

const timelineItem = z.object({
  id: z.string(),
  kind: z.string(),
  kindLabel: z.string(),
  on: z.string(),
  summary: z.string(),
  topics: z.array(z.string()),
  territoryName: z.string().nullable(),
  people: z.array(z.object({ id: z.string(), name: z.string() })),
  organizations: z.array(z.object({ id: z.string(), name: z.string() })),
  tasks: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      dueOn: z.string().nullable(),
      ownerName: z.string(),
      done: z.boolean(),
    }),
  ),
  isDemo: z.boolean(),
});
export const timelineOut = z.object({ items: z.array(timelineItem) });
export const contactTimelineOut = timelineOut.extend({
  openTasks: z.array(
    z.object({ id: z.string(), title: z.string(), dueOn: z.string().nullable(), ownerName: z.string() }),
  ),
});

export const myTasksOut = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      networkId: z.string(),
      networkName: z.string(),
      title: z.string(),
      dueOn: z.string().nullable(),
      overdue: z.boolean(),
      contactId: z.string().nullable(),
      contactName: z.string().nullable(),
      isDemo: z.boolean(),
    }),
  ),
});
