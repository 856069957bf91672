import {
  boolean,
  date,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, id, updatedAt } from '../../db/columns.ts';
import { networks } from '../accounts/accounts.tables.ts';
import { members } from '../memberships/memberships.tables.ts';
import { relationContacts } from '../relations/relations.tables.ts';

// Schools and young people: the internships, apprenticeships, job-shadowing days and company visits members offer,
// the personal links the network's staff send to the school contacts of its relations log, the schools' answers,
// and how many young people each member hosted per year.

/** An offer a member makes to young people, seen by the network's staff, its school contacts and (if public) anyone. */
export const youthOffers = pgTable(
  'youth_offers',
  {
    id: id(),
    networkId: uuid('network_id')
      .notNull()
      .references(() => networks.id, { onDelete: 'cascade' }),
    memberId: uuid('member_id')
      .notNull()
      .references(() => members.id, { onDelete: 'cascade' }),
    /** internship (stage) | apprenticeship (alternance) | observation (stage d’observation) | visit */
    kind: text('kind').notNull(),
    /** The occupation as readers see it: the ROME job title chosen (appellation), or free text sent by the API. */
    occupation: text('occupation').notNull(),
    /** The ROME code of the job title chosen (H2913) and its label then ("Soudage manuel"); null for free text. */
    romeCode: text('rome_code'),
    romeLabel: text('rome_label'),
    description: text('description').notNull(),
    startsOn: date('starts_on', { mode: 'string' }),
    endsOn: date('ends_on', { mode: 'string' }),
    /** A period in words ("printemps 2027", "une semaine en décembre"), with or without dates. */
    period: text('period'),
    places: integer('places').notNull(),
    /** Canonical commune code (com:52269): the member's own commune by default. */
    communeCode: text('commune_code').notNull(),
    /** college | lycee | bac2 | licence | master | any */
    level: text('level').notNull(),
    contactName: text('contact_name').notNull(),
    contactEmail: text('contact_email').notNull(),
    contactPhone: text('contact_phone'),
    /** Listed on the network's public page. */
    isPublic: boolean('is_public').notNull().default(false),
    /** Whether the public page shows the contact person (else the public only reads the offer). */
    publicContact: boolean('public_contact').notNull().default(false),
    /** published | closed */
    status: text('status').notNull().default('published'),
    createdBy: uuid('created_by'),
    isDemo: boolean('is_demo').notNull().default(false),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('youth_offers_network').on(t.networkId, t.status),
    index('youth_offers_member').on(t.memberId),
  ],
);

/** A personal link sent to a school contact of the log; only its hash is kept; revoked links stop working. */
export const youthSchoolLinks = pgTable(
  'youth_school_links',
  {
    id: id(),
    networkId: uuid('network_id')
      .notNull()
      .references(() => networks.id, { onDelete: 'cascade' }),
    contactId: uuid('contact_id')
      .notNull()
      .references(() => relationContacts.id, { onDelete: 'cascade' }),
    tokenHash: text('token_hash').notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    createdBy: uuid('created_by'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('youth_school_links_token').on(t.tokenHash),
    index('youth_school_links_contact').on(t.contactId),
  ],
);

/** A school's answer to an offer: interest for some young people, with a message. */
export const youthAnswers = pgTable(
  'youth_answers',
  {
    id: id(),
    networkId: uuid('network_id')
      .notNull()
      .references(() => networks.id, { onDelete: 'cascade' }),
    offerId: uuid('offer_id')
      .notNull()
      .references(() => youthOffers.id, { onDelete: 'cascade' }),
    contactId: uuid('contact_id')
      .notNull()
      .references(() => relationContacts.id, { onDelete: 'cascade' }),
    youngPeople: integer('young_people').notNull(),
    message: text('message').notNull(),
    /** The relations log's interaction it was recorded as. */
    interactionId: uuid('interaction_id'),
    isDemo: boolean('is_demo').notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [index('youth_answers_offer').on(t.offerId), index('youth_answers_contact').on(t.contactId)],
);

/** How many young people a member hosted through an offer in a year (one row per offer and year). */
export const youthHosted = pgTable(
  'youth_hosted',
  {
    id: id(),
    networkId: uuid('network_id')
      .notNull()
      .references(() => networks.id, { onDelete: 'cascade' }),
    offerId: uuid('offer_id')
      .notNull()
      .references(() => youthOffers.id, { onDelete: 'cascade' }),
    memberId: uuid('member_id')
      .notNull()
      .references(() => members.id, { onDelete: 'cascade' }),
    year: integer('year').notNull(),
    count: integer('count').notNull(),
    createdBy: uuid('created_by'),
    isDemo: boolean('is_demo').notNull().default(false),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('youth_hosted_offer_year').on(t.offerId, t.year),
    index('youth_hosted_network').on(t.networkId, t.year),
  ],
);
