import { sql } from 'drizzle-orm';
import { boolean, index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, updatedAt } from '../../db/columns.ts';
import { networks } from '../accounts/accounts.tables.ts';

// A network's mailing lists, who is subscribed with the proof of their consent, and the addresses that must never
// be written to again. The issues (campaigns) and their per-recipient send state are in newsletters.issues.tables.ts.

/** A list of a network: its public newsletter, its members' letter… */
export const newsletterLists = pgTable(
  'newsletter_lists',
  {
    id: id(),
    networkId: uuid('network_id')
      .notNull()
      .references(() => networks.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    description: text('description'),
    /** public: anyone may subscribe from the public form; private: staff add people (import, members). */
    visibility: text('visibility').notNull().default('public'),
    /** The consent text shown on the form now, and its version (raised at each change of the text). */
    consentText: text('consent_text').notNull(),
    consentVersion: text('consent_version').notNull(),
    /** Sender name and reply-to of the list's mails; the network's defaults when null. */
    senderName: text('sender_name'),
    replyTo: text('reply_to'),
    archivedAt: timestamp('archived_at', { withTimezone: true }),
    isDemo: boolean('is_demo').notNull().default(false),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('newsletter_lists_network').on(t.networkId)],
);

/**
 * One address on one list, with its proof: when, how (form, import, registration checkbox), from which IP and user
 * agent, the exact consent text and its version, or the legal basis of an imported row. A subscription is
 * `pending` until the address confirms (double opt-in), then `confirmed`, or `unsubscribed` (kept, with the date,
 * so that no import re-subscribes the person).
 */
export const newsletterSubscriptions = pgTable(
  'newsletter_subscriptions',
  {
    id: id(),
    listId: uuid('list_id')
      .notNull()
      .references(() => newsletterLists.id, { onDelete: 'cascade' }),
    networkId: uuid('network_id')
      .notNull()
      .references(() => networks.id, { onDelete: 'cascade' }),
    /** Lower-cased, trimmed. */
    email: text('email').notNull(),
    name: text('name'),
    /** pending | confirmed | unsubscribed */
    status: text('status').notNull(),
    /** consent | legitimate_interest */
    legalBasis: text('legal_basis').notNull(),
    /** form | import | registration | staff */
    source: text('source').notNull(),
    consentText: text('consent_text'),
    consentVersion: text('consent_version'),
    /** When consent was given (the form's submission, or the date an import states). */
    consentedAt: timestamp('consented_at', { withTimezone: true }),
    ip: text('ip'),
    userAgent: text('user_agent'),
    /** SHA-256 of the double opt-in token mailed to the address (the token itself is never stored). */
    confirmTokenHash: text('confirm_token_hash'),
    confirmedAt: timestamp('confirmed_at', { withTimezone: true }),
    unsubscribedAt: timestamp('unsubscribed_at', { withTimezone: true }),
    /** How: link | one_click | staff | bounce | complaint */
    unsubscribedHow: text('unsubscribed_how'),
    isDemo: boolean('is_demo').notNull().default(false),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('newsletter_subscriptions_list_email').on(t.listId, t.email),
    index('newsletter_subscriptions_email').on(t.email),
    index('newsletter_subscriptions_confirmed').on(t.listId).where(sql`status = 'confirmed'`),
  ],
);

/**
 * Addresses a network never writes to again, whatever the list or segment: unsubscribed from everything, hard
 * bounced, complained. `networkId` null: platform-wide (a hard bounce or a complaint holds for every network).
 */
export const newsletterSuppressions = pgTable(
  'newsletter_suppressions',
  {
    id: id(),
    networkId: uuid('network_id').references(() => networks.id, { onDelete: 'cascade' }),
    email: text('email').notNull(),
    /** unsubscribed | hard_bounce | complaint | staff */
    reason: text('reason').notNull(),
    detail: text('detail'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('newsletter_suppressions_scope_email').on(sql`coalesce(${t.networkId}::text, '')`, t.email),
    index('newsletter_suppressions_email').on(t.email),
  ],
);
