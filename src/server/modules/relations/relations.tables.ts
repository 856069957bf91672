import { sql } from 'drizzle-orm';
import {
  boolean,
  date,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, id, updatedAt } from '../../db/columns.ts';
import { accounts, networks } from '../accounts/accounts.tables.ts';
import { organizations } from '../organizations/organizations.tables.ts';

// The relations log of a network: its contacts outside its members (elected officials, public bodies, partners,
// schools), what its staff did with them (interactions) and what is left to do (tasks). Staff only.

/** A person or a body the network's staff deal with. Elected officials may come from the national register. */
export const relationContacts = pgTable(
  'relation_contacts',
  {
    id: id(),
    networkId: uuid('network_id')
      .notNull()
      .references(() => networks.id, { onDelete: 'cascade' }),
    /** elected | public_body | partner | school */
    kind: text('kind').notNull(),
    /** The name staff read: "Prénom Nom" of a person, or a body's name. */
    name: text('name').notNull(),
    /** Role or office ("Directrice", "Maire"): for an official from the register, their current function. */
    role: text('role'),
    organizationName: text('organization_name'),
    email: text('email'),
    phone: text('phone'),
    /** Canonical territory code (com:52269, epci:…, dep:52, region:44). */
    territoryCode: text('territory_code'),
    /** The directory organisation it belongs to, if any. */
    organizationId: uuid('organization_id').references(() => organizations.id, { onDelete: 'set null' }),
    notes: text('notes'),
    /** manual | register (Répertoire national des élus) */
    source: text('source').notNull().default('manual'),
    /** The register's identity: names and sex; the birth date is kept only hashed, in `registerKey`. */
    lastName: text('last_name'),
    firstName: text('first_name'),
    /** F | M, as in the register */
    sex: text('sex'),
    /** SHA-256 of folded last name, first name and birth date: the same person across files of the register. */
    registerKey: text('register_key'),
    /** Name, organisation and role folded (lower case, no accents) for the search. */
    searchText: text('search_text').notNull().default(''),
    createdBy: uuid('created_by'),
    isDemo: boolean('is_demo').notNull().default(false),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('relation_contacts_network').on(t.networkId, t.name),
    index('relation_contacts_territory').on(t.networkId, t.territoryCode),
    uniqueIndex('relation_contacts_register')
      .on(t.networkId, t.registerKey)
      .where(sql`register_key is not null`),
  ],
);

/**
 * An elected official's mandate, from the register. A newer file ends the mandates it no longer lists (`endedOn`)
 * rather than deleting them: the person and their interactions stay in the log.
 */
export const relationMandates = pgTable(
  'relation_mandates',
  {
    id: id(),
    networkId: uuid('network_id')
      .notNull()
      .references(() => networks.id, { onDelete: 'cascade' }),
    contactId: uuid('contact_id')
      .notNull()
      .references(() => relationContacts.id, { onDelete: 'cascade' }),
    /** municipal | epci | departmental | regional: which file of the register it came from. */
    mandate: text('mandate').notNull(),
    /** The commune, EPCI, department or region of the mandate (canonical code). */
    territoryCode: text('territory_code').notNull(),
    /** The register's "Libellé de la fonction" ("Maire", "1er adjoint"), null for a plain councillor. */
    functionLabel: text('function_label'),
    startedOn: date('started_on', { mode: 'string' }),
    functionStartedOn: date('function_started_on', { mode: 'string' }),
    /** Set when a newer file no longer lists it. */
    endedOn: date('ended_on', { mode: 'string' }),
    /** The import that last listed it. */
    importId: uuid('import_id'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('relation_mandates_key').on(t.contactId, t.mandate, t.territoryCode),
    index('relation_mandates_network').on(t.networkId, t.mandate, t.importId),
  ],
);

/** A meeting, call, letter or event with contacts of the log. */
export const relationInteractions = pgTable(
  'relation_interactions',
  {
    id: id(),
    networkId: uuid('network_id')
      .notNull()
      .references(() => networks.id, { onDelete: 'cascade' }),
    /** meeting | call | letter | event */
    kind: text('kind').notNull(),
    /** The day it happened, Paris time. */
    on: date('on', { mode: 'string' }).notNull(),
    summary: text('summary').notNull(),
    topics: text('topics').array().notNull().default(sql`'{}'::text[]`),
    /** Directory organisations it concerned. */
    organizationIds: uuid('organization_ids').array().notNull().default(sql`'{}'::uuid[]`),
    territoryCode: text('territory_code'),
    createdBy: uuid('created_by'),
    isDemo: boolean('is_demo').notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [
    index('relation_interactions_network').on(t.networkId, t.on),
    index('relation_interactions_territory').on(t.networkId, t.territoryCode),
  ],
);

/** The people of an interaction: contacts of the same network's log. */
export const relationInteractionContacts = pgTable(
  'relation_interaction_contacts',
  {
    interactionId: uuid('interaction_id')
      .notNull()
      .references(() => relationInteractions.id, { onDelete: 'cascade' }),
    contactId: uuid('contact_id')
      .notNull()
      .references(() => relationContacts.id, { onDelete: 'cascade' }),
  },
  (t) => [
    primaryKey({ columns: [t.interactionId, t.contactId] }),
    index('relation_interaction_contacts_contact').on(t.contactId),
  ],
);

/** A follow-up task, owned by one of the network's coordinators. */
export const relationTasks = pgTable(
  'relation_tasks',
  {
    id: id(),
    networkId: uuid('network_id')
      .notNull()
      .references(() => networks.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    dueOn: date('due_on', { mode: 'string' }),
    ownerId: uuid('owner_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    contactId: uuid('contact_id').references(() => relationContacts.id, { onDelete: 'set null' }),
    interactionId: uuid('interaction_id').references(() => relationInteractions.id, { onDelete: 'set null' }),
    doneAt: timestamp('done_at', { withTimezone: true }),
    createdBy: uuid('created_by'),
    isDemo: boolean('is_demo').notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [
    index('relation_tasks_owner').on(t.ownerId, t.dueOn).where(sql`done_at is null`),
    index('relation_tasks_contact').on(t.contactId),
  ],
);

/**
 * Lines of a register file being imported, written in bulk (COPY) and then merged into the contacts and mandates in
 * one transaction; emptied by the merge (and, for an import that was killed, by the network's next import).
 */
export const relationRegisterRows = pgTable(
  'relation_register_rows',
  {
    importId: uuid('import_id').notNull(),
    networkId: uuid('network_id')
      .notNull()
      .references(() => networks.id, { onDelete: 'cascade' }),
    line: integer('line').notNull(),
    registerKey: text('register_key').notNull(),
    lastName: text('last_name').notNull(),
    firstName: text('first_name').notNull(),
    sex: text('sex').notNull(),
    name: text('name').notNull(),
    role: text('role').notNull(),
    searchText: text('search_text').notNull(),
    territoryCode: text('territory_code').notNull(),
    functionLabel: text('function_label'),
    startedOn: date('started_on', { mode: 'string' }),
    functionStartedOn: date('function_started_on', { mode: 'string' }),
  },
  (t) => [index('relation_register_rows_import').on(t.importId)],
);
