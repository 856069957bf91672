import { sql } from 'drizzle-orm';
import { boolean, check, index, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id } from '../../db/columns.ts';
import { organizations } from '../organizations/organizations.tables.ts';

/** The languages of the interface and of the mails sent to an account. */
export const accountLocales = ['fr', 'en'] as const;
export type AccountLocale = (typeof accountLocales)[number];

export const accounts = pgTable(
  'accounts',
  {
    id: id(),
    /** Always stored lower-cased. */
    email: text('email').notNull().unique(),
    name: text('name').notNull(),
    /** argon2id; null for accounts that only sign in by emailed link. */
    passwordHash: text('password_hash'),
    isPlatformAdmin: boolean('is_platform_admin').notNull().default(false),
    /** Interface language, and the language of the mails the account receives. */
    locale: text('locale', { enum: accountLocales }).notNull().default('fr'),
    emailVerifiedAt: timestamp('email_verified_at', { withTimezone: true }),
    isDemo: boolean('is_demo').notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [check('accounts_locale_check', sql`${t.locale} in ('fr', 'en')`)],
);

export const sessions = pgTable(
  'sessions',
  {
    /** SHA-256 of the cookie token: a leaked table does not give working sessions. */
    tokenHash: text('token_hash').primaryKey(),
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    userAgent: text('user_agent'),
  },
  (t) => [index('sessions_account').on(t.accountId)],
);

/** Emailed one-time tokens: sign-in links and password resets. */
export const oneTimeTokens = pgTable('one_time_tokens', {
  tokenHash: text('token_hash').primaryKey(),
  accountId: uuid('account_id')
    .notNull()
    .references(() => accounts.id, { onDelete: 'cascade' }),
  /** login | reset */
  purpose: text('purpose').notNull(),
  createdAt: createdAt(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  usedAt: timestamp('used_at', { withTimezone: true }),
});

/** A network is a tenant: a regional ESS chamber, a business club. */
export const networks = pgTable('networks', {
  id: id(),
  slug: text('slug').notNull().unique(),
  name: text('name').notNull(),
  /** cress | club | other */
  kind: text('kind').notNull(),
  /** Canonical territory code the network covers, e.g. region:44 */
  territory: text('territory'),
  description: text('description'),
  website: text('website'),
  isDemo: boolean('is_demo').notNull().default(false),
  createdAt: createdAt(),
});

/** An account's role in a network: coordinator (manages the network) or member. */
export const networkMembers = pgTable(
  'network_members',
  {
    networkId: uuid('network_id')
      .notNull()
      .references(() => networks.id, { onDelete: 'cascade' }),
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    role: text('role').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.networkId, t.accountId] }),
    index('network_members_account').on(t.accountId),
  ],
);

/** Organisations attached to a network (its members or followed organisations): its coordinators may edit them. */
export const networkOrganizations = pgTable(
  'network_organizations',
  {
    networkId: uuid('network_id')
      .notNull()
      .references(() => networks.id, { onDelete: 'cascade' }),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.networkId, t.organizationId] }),
    index('network_organizations_org').on(t.organizationId),
  ],
);

/** Staff accounts allowed to edit an organisation's profile. */
export const organizationEditors = pgTable(
  'organization_editors',
  {
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.organizationId, t.accountId] }),
    index('organization_editors_account').on(t.accountId),
  ],
);
