import { and, asc, desc, eq, inArray, isNull } from 'drizzle-orm';
import type { Actor, Deps } from '../../context.ts';
import type { Db } from '../../db/client.ts';
import { invalidInput, notFound } from '../../lib/errors.ts';
import { isUuid } from '../../lib/fields.ts';
import { accountNames, networkNames } from '../accounts/accounts.names.ts';
import { coordinatedNetworkIds, requireSignedIn } from '../accounts/authz.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { parisToday } from '../memberships/memberships.rules.ts';
import { organizationNames } from '../organizations/organizations.names.ts';
import { findTerritory } from '../territories/territories.service.ts';
import {
  checkTerritory,
  requireContact,
  requireContactsOf,
  requireCoordinatorAccount,
  requireStaff,
  territoryName,
} from './relations.access.ts';
import { type InteractionKind, interactionKindLabels } from './relations.rules.ts';
import {
  relationContacts,
  relationInteractionContacts,
  relationInteractions,
  relationTasks,
} from './relations.tables.ts';

// What the staff did with the log's contacts (interactions) and what is left to do (follow-up tasks), and the
// timeline of a contact or of a territory.

export type TaskInput = { title: string; dueOn?: string | null; ownerId: string; contactId?: string | null };
export type InteractionInput = {
  kind: InteractionKind;
  on: string;
  summary: string;
  topics?: string[];
  contactIds: string[];
  organizationIds?: string[];
  territoryCode?: string | null;
  /** A follow-up task created with it. */
  followUp?: Omit<TaskInput, 'contactId'> | null;
};

async function checkOrganizations(db: Db, ids: string[]) {
  const unique = [...new Set(ids)];
  const names = await organizationNames(db, unique);
  if (names.size !== unique.length)
    throw invalidInput('Organisation inconnue', {
      organizationIds: 'une des organisations n’est pas dans l’annuaire',
    });
  return unique;
}

async function insertTask(
  tx: Db,
  actor: Actor | null,
  networkId: string,
  input: TaskInput & { interactionId?: string },
) {
  const [task] = await tx
    .insert(relationTasks)
    .values({
      networkId,
      title: input.title,
      dueOn: input.dueOn ?? null,
      ownerId: input.ownerId,
      contactId: input.contactId ?? null,
      interactionId: input.interactionId ?? null,
      createdBy: actor?.accountId ?? null,
    })
    .returning();
  await recordAudit(tx, actor, {
    action: 'relations.task-create',
    entityType: 'relation_task',
    entityId: task.id,
    networkIds: [networkId],
    after: { title: task.title, dueOn: task.dueOn, ownerId: task.ownerId },
  });
  return task;
}

/** Logs a meeting, call, letter or event with contacts of the log, and its follow-up task if any. */
export async function logInteraction(
  deps: Pick<Deps, 'db'>,
  actor: Actor | null,
  networkId: string,
  input: InteractionInput,
) {
  await requireStaff(deps.db, actor, networkId);
  const people = await requireContactsOf(deps.db, networkId, input.contactIds, 'contactIds');
  const organizationIds = await checkOrganizations(deps.db, input.organizationIds ?? []);
  const territoryCode = input.territoryCode ? checkTerritory(input.territoryCode, 'territoryCode') : null;
  if (input.followUp) await requireCoordinatorAccount(deps.db, actor, networkId, input.followUp.ownerId);
  return deps.db.transaction(async (trx) => {
    const tx = trx as unknown as Db;
    const [row] = await tx
      .insert(relationInteractions)
      .values({
        networkId,
        kind: input.kind,
        on: input.on,
        summary: input.summary,
        topics: [...new Set(input.topics ?? [])],
        organizationIds,
        territoryCode,
        createdBy: actor?.accountId ?? null,
      })
      .returning();
    await tx
      .insert(relationInteractionContacts)
      .values(people.map((p) => ({ interactionId: row.id, contactId: p.id })));
    await recordAudit(tx, actor, {
      action: 'relations.interaction-log',
      entityType: 'relation_interaction',
      entityId: row.id,
      networkIds: [networkId],
      after: { kind: row.kind, on: row.on, people: people.map((p) => p.name), territoryCode },
    });
    const task = input.followUp
      ? await insertTask(tx, actor, networkId, {
          ...input.followUp,
          contactId: people[0].id,
          interactionId: row.id,
        })
      : null;
    return { id: row.id, taskId: task?.id ?? null };
  });
}

/**
 * Records an interaction a contact of the log started itself (a school answering an offer through its personal
 * link): no staff actor, so the caller has already checked that the contact is one of `networkId`'s. Runs in the
 * caller's transaction, audited as the contact.
 */
export async function recordContactInteraction(
  tx: Db,
  input: {
    networkId: string;
    contactId: string;
    kind: InteractionKind;
    on: string;
    summary: string;
    topics?: string[];
    isDemo?: boolean;
  },
) {
  const [contact] = await tx
    .select({ id: relationContacts.id, name: relationContacts.name, networkId: relationContacts.networkId })
    .from(relationContacts)
    .where(eq(relationContacts.id, input.contactId));
  if (!contact || contact.networkId !== input.networkId) throw notFound('Contact introuvable');
  const [row] = await tx
    .insert(relationInteractions)
    .values({
      networkId: input.networkId,
      kind: input.kind,
      on: input.on,
      summary: input.summary,
      topics: [...new Set(input.topics ?? [])],
      isDemo: input.isDemo ?? false,
    })
    .returning({ id: relationInteractions.id });
  await tx.insert(relationInteractionContacts).values({ interactionId: row.id, contactId: contact.id });
  await recordAudit(tx, null, {
    action: 'relations.interaction-log',
    entityType: 'relation_interaction',
    entityId: row.id,
    networkIds: [input.networkId],
    after: { kind: input.kind, on: input.on, people: [contact.name], by: 'contact' },
  });
  return row.id;
}

export async function createTask(
  deps: Pick<Deps, 'db'>,
  actor: Actor | null,
  networkId: string,
  input: TaskInput,
) {
  await requireStaff(deps.db, actor, networkId);
  await requireCoordinatorAccount(deps.db, actor, networkId, input.ownerId);
  if (input.contactId) await requireContactsOf(deps.db, networkId, [input.contactId], 'contactId');
  return deps.db.transaction(async (trx) => {
    const task = await insertTask(trx as unknown as Db, actor, networkId, input);
    return { id: task.id };
  });
}

/** Marks a task done (any coordinator of its network; 404 for anyone else). Done twice is done once. */
export async function completeTask(deps: Pick<Deps, 'db' | 'clock'>, actor: Actor | null, taskId: string) {
  const [task] = isUuid(taskId)
    ? await deps.db.select().from(relationTasks).where(eq(relationTasks.id, taskId))
    : [];
  if (!task || !(await coordinatedOrAdmin(deps.db, actor, task.networkId)))
    throw notFound('Tâche introuvable');
  if (task.doneAt) return { id: task.id, doneAt: task.doneAt };
  return deps.db.transaction(async (trx) => {
    const tx = trx as unknown as Db;
    const [row] = await tx
      .update(relationTasks)
      .set({ doneAt: deps.clock() })
      .where(eq(relationTasks.id, taskId))
      .returning();
    await recordAudit(tx, actor, {
      action: 'relations.task-complete',
      entityType: 'relation_task',
      entityId: taskId,
      networkIds: [task.networkId],
      after: { title: task.title },
    });
    return { id: row.id, doneAt: row.doneAt };
  });
}

async function coordinatedOrAdmin(db: Db, actor: Actor | null, networkId: string) {
  if (!actor) return false;
  return actor.isPlatformAdmin || (await coordinatedNetworkIds(db, actor)).includes(networkId);
}

/** The actor's open tasks in the networks they coordinate, the soonest due first (no date last). */
export async function myOpenTasks(deps: Pick<Deps, 'db' | 'clock'>, actor: Actor | null) {
  const me = requireSignedIn(actor);
  const networkIds = await coordinatedNetworkIds(deps.db, me);
  if (!me.accountId || networkIds.length === 0) return { items: [] };
  const rows = await deps.db
    .select({
      id: relationTasks.id,
      networkId: relationTasks.networkId,
      title: relationTasks.title,
      dueOn: relationTasks.dueOn,
      contactId: relationTasks.contactId,
      contactName: relationContacts.name,
      isDemo: relationTasks.isDemo,
    })
    .from(relationTasks)
    .leftJoin(relationContacts, eq(relationContacts.id, relationTasks.contactId))
    .where(
      and(
        eq(relationTasks.ownerId, me.accountId),
        isNull(relationTasks.doneAt),
        inArray(relationTasks.networkId, networkIds),
      ),
    )
    .orderBy(asc(relationTasks.dueOn), asc(relationTasks.createdAt));
  const names = await networkNames(deps.db, [...new Set(rows.map((r) => r.networkId))]);
  const today = parisToday(deps.clock());
  return {
    items: rows
      .sort((a, b) => (a.dueOn ?? '9999').localeCompare(b.dueOn ?? '9999'))
      .map((r) => ({
        ...r,
        networkName: names.get(r.networkId) ?? '',
        overdue: r.dueOn !== null && r.dueOn < today,
      })),
  };
}

/** Interactions with their people, organisations and tasks, the latest first. */
async function timelineOf(db: Db, networkId: string, interactionIds: string[]) {
  if (interactionIds.length === 0) return [];
  const rows = await db
    .select()
    .from(relationInteractions)
    .where(
      and(eq(relationInteractions.networkId, networkId), inArray(relationInteractions.id, interactionIds)),
    )
    .orderBy(desc(relationInteractions.on), desc(relationInteractions.createdAt));
  const people = await db
    .select({
      interactionId: relationInteractionContacts.interactionId,
      id: relationContacts.id,
      name: relationContacts.name,
    })
    .from(relationInteractionContacts)
    .innerJoin(relationContacts, eq(relationContacts.id, relationInteractionContacts.contactId))
    .where(inArray(relationInteractionContacts.interactionId, interactionIds))
    .orderBy(asc(relationContacts.name));
  const tasks = await db
    .select()
    .from(relationTasks)
    .where(inArray(relationTasks.interactionId, interactionIds))
    .orderBy(asc(relationTasks.createdAt));
  const orgNames = await organizationNames(db, [...new Set(rows.flatMap((r) => r.organizationIds))]);
  const owners = await accountNames(db, [...new Set(tasks.map((t) => t.ownerId))]);
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    kindLabel: interactionKindLabels[r.kind as InteractionKind] ?? r.kind,
    on: r.on,
    summary: r.summary,
    topics: r.topics,
    territoryName: territoryName(r.territoryCode),
    people: people.filter((p) => p.interactionId === r.id).map(({ id, name }) => ({ id, name })),
    organizations: r.organizationIds.map((id) => ({ id, name: orgNames.get(id) ?? '' })),
    tasks: tasks
      .filter((t) => t.interactionId === r.id)
      .map((t) => ({
        id: t.id,
        title: t.title,
        dueOn: t.dueOn,
        ownerName: owners.get(t.ownerId) ?? '',
        done: t.doneAt !== null,
      })),
    isDemo: r.isDemo,
  }));
}

/** A contact's interactions, the latest first, with its open tasks. */
export async function contactTimeline(db: Db, actor: Actor | null, contactId: string) {
  const contact = await requireContact(db, actor, contactId);
  const ids = await db
    .select({ id: relationInteractionContacts.interactionId })
    .from(relationInteractionContacts)
    .where(eq(relationInteractionContacts.contactId, contactId));
  const open = await db
    .select({
      id: relationTasks.id,
      title: relationTasks.title,
      dueOn: relationTasks.dueOn,
      ownerId: relationTasks.ownerId,
    })
    .from(relationTasks)
    .where(and(eq(relationTasks.contactId, contactId), isNull(relationTasks.doneAt)))
    .orderBy(asc(relationTasks.dueOn));
  const owners = await accountNames(db, [...new Set(open.map((t) => t.ownerId))]);
  return {
    items: await timelineOf(
      db,
      contact.networkId,
      ids.map((i) => i.id),
    ),
    openTasks: open.map(({ ownerId, ...t }) => ({ ...t, ownerName: owners.get(ownerId) ?? '' })),
  };
}

const within = (code: string | null, territory: string) =>
  code !== null && (code === territory || (findTerritory(code)?.parents ?? []).includes(territory));

/**
 * A territory's interactions: those placed in it or below it (a commune of a department), and those with a contact
 * of it or below it. A relations log holds hundreds of interactions, not millions: the sorting is done here.
 */
export async function territoryTimeline(db: Db, actor: Actor | null, networkId: string, code: string) {
  await requireStaff(db, actor, networkId);
  const territory = checkTerritory(code, 'territory');
  const placed = await db
    .select({ id: relationInteractions.id, code: relationInteractions.territoryCode })
    .from(relationInteractions)
    .where(eq(relationInteractions.networkId, networkId));
  const viaContacts = await db
    .select({ id: relationInteractionContacts.interactionId, code: relationContacts.territoryCode })
    .from(relationInteractionContacts)
    .innerJoin(relationContacts, eq(relationContacts.id, relationInteractionContacts.contactId))
    .where(eq(relationContacts.networkId, networkId));
  const ids = new Set([...placed, ...viaContacts].filter((r) => within(r.code, territory)).map((r) => r.id));
  return { territoryName: territoryName(territory), items: await timelineOf(db, networkId, [...ids]) };
}
