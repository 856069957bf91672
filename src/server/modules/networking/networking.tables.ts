import { sql } from 'drizzle-orm';
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
import { createdAt, id, tsvector, updatedAt } from '../../db/columns.ts';
import { networks } from '../accounts/accounts.tables.ts';
import { members } from '../memberships/memberships.tables.ts';

// Networking between the members of a network: the exchange of offers and needs ("bourse d'échanges") and the
// introductions both members consent to before their contacts are shown to each other.

/** An offer or a need a member posts, seen by the network's members or by anyone, until its expiry date. */
export const exchangePosts = pgTable(
  'exchange_posts',
  {
    id: id(),
    networkId: uuid('network_id')
      .notNull()
      .references(() => networks.id, { onDelete: 'cascade' }),
    memberId: uuid('member_id')
      .notNull()
      .references(() => members.id, { onDelete: 'cascade' }),
    /** offer | need */
    kind: text('kind').notNull(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    /** supply | service | skills | equipment | subcontracting | recruitment | other */
    category: text('category').notNull(),
    /** NAF section letter (A–U), optional. */
    nafSection: text('naf_section'),
    /** Canonical territory code (com:52269, epci:…, dep:52), optional. */
    territoryCode: text('territory_code'),
    /** Last day the post is listed (Paris day). */
    expiresOn: date('expires_on', { mode: 'string' }).notNull(),
    /** members (the network's members and coordinators) | public (anyone) */
    visibility: text('visibility').notNull().default('members'),
    /** Title and text folded like the queries (lower case, no accents): French full text on it. */
    searchText: text('search_text').notNull().default(''),
    searchVector: tsvector('search_vector').generatedAlwaysAs(sql`to_tsvector('french', search_text)`),
    createdBy: uuid('created_by'),
    isDemo: boolean('is_demo').notNull().default(false),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('exchange_posts_network').on(t.networkId, t.expiresOn),
    index('exchange_posts_member').on(t.memberId),
    index('exchange_posts_search').using('gin', t.searchVector),
  ],
);

/**
 * An introduction between two members of one network. Each side answers through its own mailed link (only the
 * hashes are kept); the contacts are shown to each other once both accepted.
 */
export const introductions = pgTable(
  'introductions',
  {
    id: id(),
    networkId: uuid('network_id')
      .notNull()
      .references(() => networks.id, { onDelete: 'cascade' }),
    memberAId: uuid('member_a_id')
      .notNull()
      .references(() => members.id, { onDelete: 'cascade' }),
    memberBId: uuid('member_b_id')
      .notNull()
      .references(() => members.id, { onDelete: 'cascade' }),
    /** The post (a need or an offer) it came from, if any. */
    postId: uuid('post_id').references(() => exchangePosts.id, { onDelete: 'set null' }),
    message: text('message'),
    requestedBy: uuid('requested_by'),
    tokenHashA: text('token_hash_a').notNull(),
    tokenHashB: text('token_hash_b').notNull(),
    /** pending | accepted | declined, per side */
    answerA: text('answer_a').notNull().default('pending'),
    answerB: text('answer_b').notNull().default('pending'),
    /** pending | accepted (both) | declined (either) */
    status: text('status').notNull().default('pending'),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    followupSentAt: timestamp('followup_sent_at', { withTimezone: true }),
    /** nothing | talks | business: what came of it, told after the follow-up mail. */
    outcome: text('outcome'),
    /** Business done, in cents: seen by the coordinators only. */
    outcomeAmountCents: integer('outcome_amount_cents'),
    outcomeAt: timestamp('outcome_at', { withTimezone: true }),
    isDemo: boolean('is_demo').notNull().default(false),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('introductions_network').on(t.networkId, t.createdAt),
    index('introductions_member_a').on(t.memberAId),
    index('introductions_member_b').on(t.memberBId),
    uniqueIndex('introductions_token_a').on(t.tokenHashA),
    uniqueIndex('introductions_token_b').on(t.tokenHashB),
    index('introductions_followup').on(t.status, t.decidedAt).where(sql`followup_sent_at is null`),
  ],
);

/**
 * The isolation radar's next steps: what the network's staff did or will do about a quiet member ("called on …"),
 * kept as a log. Staff only.
 */
export const memberFollowups = pgTable(
  'member_followups',
  {
    id: id(),
    networkId: uuid('network_id')
      .notNull()
      .references(() => networks.id, { onDelete: 'cascade' }),
    memberId: uuid('member_id')
      .notNull()
      .references(() => members.id, { onDelete: 'cascade' }),
    /** The day it happened (or is planned), Paris time. */
    on: date('on', { mode: 'string' }).notNull(),
    note: text('note').notNull(),
    createdBy: uuid('created_by'),
    isDemo: boolean('is_demo').notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [index('member_followups_member').on(t.memberId, t.on)],
);
