import { and, eq, inArray, sql } from 'drizzle-orm';
import { networkNames } from '../accounts/accounts.names.ts';
import {
  type ErasurePart,
  type ErasureSubject,
  erased,
  type PersonalDataPart,
  type PrivacyCtx,
  personPattern,
  plural,
} from '../privacy/privacy.types.ts';
import {
  relationContacts,
  relationInteractionContacts,
  relationInteractions,
  relationMandates,
  relationTasks,
} from './relations.tables.ts';

// A person in a relations log, found by the address staff noted: the contact card, its mandates, the interactions
// they took part in and the follow-up tasks about them.

export async function exportPersonalData(ctx: PrivacyCtx, email: string): Promise<PersonalDataPart> {
  const contacts = await ctx.db
    .select({
      id: relationContacts.id,
      networkId: relationContacts.networkId,
      kind: relationContacts.kind,
      name: relationContacts.name,
      role: relationContacts.role,
      organizationName: relationContacts.organizationName,
      email: relationContacts.email,
      phone: relationContacts.phone,
      territoryCode: relationContacts.territoryCode,
      notes: relationContacts.notes,
      source: relationContacts.source,
      createdAt: relationContacts.createdAt,
    })
    .from(relationContacts)
    .where(sql`lower(${relationContacts.email}) = ${email}`);
  if (contacts.length === 0) return { module: 'relations', tables: [] };
  const ids = contacts.map((c) => c.id);
  const [mandates, interactions, tasks, nets] = await Promise.all([
    ctx.db
      .select({
        contactId: relationMandates.contactId,
        mandate: relationMandates.mandate,
        territoryCode: relationMandates.territoryCode,
        functionLabel: relationMandates.functionLabel,
        startedOn: relationMandates.startedOn,
        endedOn: relationMandates.endedOn,
      })
      .from(relationMandates)
      .where(inArray(relationMandates.contactId, ids)),
    ctx.db
      .select({
        contactId: relationInteractionContacts.contactId,
        id: relationInteractions.id,
        kind: relationInteractions.kind,
        on: relationInteractions.on,
        summary: relationInteractions.summary,
        topics: relationInteractions.topics,
      })
      .from(relationInteractionContacts)
      .innerJoin(relationInteractions, eq(relationInteractions.id, relationInteractionContacts.interactionId))
      .where(inArray(relationInteractionContacts.contactId, ids)),
    ctx.db
      .select({
        contactId: relationTasks.contactId,
        title: relationTasks.title,
        dueOn: relationTasks.dueOn,
        doneAt: relationTasks.doneAt,
      })
      .from(relationTasks)
      .where(inArray(relationTasks.contactId, ids)),
    networkNames(ctx.db, [...new Set(contacts.map((c) => c.networkId))]),
  ]);
  return {
    module: 'relations',
    tables: [
      { name: 'contacts', rows: contacts.map((c) => ({ network: nets.get(c.networkId) ?? null, ...c })) },
      { name: 'mandates', rows: mandates },
      { name: 'interactions', rows: interactions },
      { name: 'tasks', rows: tasks },
    ],
  };
}

/**
 * Erasure: the contact cards go with their mandates and their place in interactions (cascade); the interactions
 * and tasks, which are the network's own work, stay with the person's names replaced by the pseudonym.
 */
export async function erasePersonalData(ctx: PrivacyCtx, who: ErasureSubject): Promise<ErasurePart> {
  const contacts = await ctx.db
    .select({ id: relationContacts.id, name: relationContacts.name })
    .from(relationContacts)
    .where(sql`lower(${relationContacts.email}) = ${who.email}`);
  if (contacts.length === 0) return { module: 'relations', tables: [] };
  const ids = contacts.map((c) => c.id);
  const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const pattern = [personPattern(who), ...contacts.map((c) => esc(c.name))].join('|');
  const linked = await ctx.db
    .select({ id: relationInteractionContacts.interactionId })
    .from(relationInteractionContacts)
    .where(inArray(relationInteractionContacts.contactId, ids));
  const interactions = linked.length
    ? await ctx.db
        .update(relationInteractions)
        .set({
          summary: sql`regexp_replace(${relationInteractions.summary}, ${pattern}, ${who.pseudonym}, 'gi')`,
        })
        .where(
          and(
            inArray(
              relationInteractions.id,
              linked.map((l) => l.id),
            ),
            sql`${relationInteractions.summary} ~* ${pattern}`,
          ),
        )
        .returning({ id: relationInteractions.id })
    : [];
  const tasks = await ctx.db
    .update(relationTasks)
    .set({ title: sql`regexp_replace(${relationTasks.title}, ${pattern}, ${who.pseudonym}, 'gi')` })
    .where(and(inArray(relationTasks.contactId, ids), sql`${relationTasks.title} ~* ${pattern}`))
    .returning({ id: relationTasks.id });
  const gone = await ctx.db
    .delete(relationContacts)
    .where(inArray(relationContacts.id, ids))
    .returning({ id: relationContacts.id });
  const [c, i, t] = [gone.length, interactions.length, tasks.length];
  return {
    module: 'relations',
    tables: [
      ...erased(
        'relation_contacts',
        c,
        0,
        `${plural(c, 'fiche')} du fichier des relations supprimée${c > 1 ? 's' : ''} (avec mandats et participations)`,
      ),
      ...erased(
        'relation_interactions',
        0,
        i,
        `${plural(i, 'échange')} conservé${i > 1 ? 's' : ''}, nom remplacé`,
      ),
      ...erased('relation_tasks', 0, t, `${plural(t, 'tâche')} conservée${t > 1 ? 's' : ''}, nom remplacé`),
    ],
  };
}
