import { eq, inArray, sql } from 'drizzle-orm';
import { networkNames } from '../accounts/accounts.names.ts';
import type { PersonalDataPart, PrivacyCtx } from '../privacy/privacy.types.ts';
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
