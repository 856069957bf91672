import { and, eq, inArray, sql } from 'drizzle-orm';
import { networkNames } from '../accounts/accounts.names.ts';
import { accountIdOfEmail } from '../accounts/accounts.privacy.ts';
import {
  type ErasurePart,
  type ErasureSubject,
  erased,
  monthsText,
  type PersonalDataPart,
  type PrivacyCtx,
  type ProcessingActivity,
  personPattern,
  plural,
  type RetentionFn,
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
  // A staff member's own follow-up tasks cannot outlive their account (the owner is required): said in the report.
  const accountId = await accountIdOfEmail(ctx, who.email);
  const owned = accountId
    ? (
        await ctx.db
          .delete(relationTasks)
          .where(eq(relationTasks.ownerId, accountId))
          .returning({ id: relationTasks.id })
      ).length
    : 0;
  const ownedLine = erased(
    'relation_tasks',
    owned,
    0,
    `${plural(owned, 'tâche')} de suivi dont la personne était responsable supprimée${owned > 1 ? 's' : ''}`,
  );
  const contacts = await ctx.db
    .select({ id: relationContacts.id, name: relationContacts.name })
    .from(relationContacts)
    .where(sql`lower(${relationContacts.email}) = ${who.email}`);
  if (contacts.length === 0) return { module: 'relations', tables: ownedLine };
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
      ...ownedLine,
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

/**
 * Retention: contacts with no interaction, no task and no change for `relationsInactiveMonths` are deleted, except
 * those holding a public mandate still running (elected officials, from the national register).
 */
export const applyRetention: RetentionFn = async (ctx, rules, now) => {
  const before = new Date(now);
  before.setUTCMonth(before.getUTCMonth() - rules.relationsInactiveMonths);
  const day = before.toISOString().slice(0, 10);
  const c = relationContacts;
  const n = (
    await ctx.db
      .delete(c)
      .where(
        sql`${c.updatedAt} < ${before} and not exists (
          select 1 from relation_interaction_contacts ic join relation_interactions i on i.id = ic.interaction_id
          where ic.contact_id = ${c.id} and i.on >= ${day})
        and not exists (select 1 from relation_tasks t where t.contact_id = ${c.id} and (t.done_at is null or t.done_at >= ${before}))
        and not exists (select 1 from relation_mandates m where m.contact_id = ${c.id} and m.ended_on is null)`,
      )
      .returning({ id: c.id })
  ).length;
  return erased(
    'relation_contacts',
    n,
    0,
    `${plural(n, 'fiche')} du fichier des relations sans échange depuis ${monthsText(rules.relationsInactiveMonths).fr} supprimée${n > 1 ? 's' : ''}`,
  );
};

export const processing: ProcessingActivity[] = [
  {
    id: 'relations',
    name: {
      fr: 'Fichier des relations (élus, partenaires, établissements)',
      en: 'Relations log (officials, partners, schools)',
    },
    data: {
      fr: 'Nom, fonction, organisation, coordonnées, mandats, échanges et tâches de suivi',
      en: 'Name, role, organisation, contact details, mandates, interactions and follow-up tasks',
    },
    purpose: {
      fr: 'Suivre les relations institutionnelles du réseau',
      en: 'Follow the network’s institutional relations',
    },
    legalBasis: { fr: 'Intérêt légitime du réseau', en: 'The network’s legitimate interest' },
    retention: (r) => ({
      fr: `${monthsText(r.relationsInactiveMonths).fr} sans échange, puis supprimées (sauf mandat public en cours)`,
      en: `${monthsText(r.relationsInactiveMonths).en} without interaction, then deleted (unless a public mandate is running)`,
    }),
    audience: {
      fr: 'L’équipe du réseau (jamais les adhérents)',
      en: 'The network’s staff (never the members)',
    },
  },
];
