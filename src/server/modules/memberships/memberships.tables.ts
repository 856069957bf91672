import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, id, updatedAt } from '../../db/columns.ts';
import { networks } from '../accounts/accounts.tables.ts';
import { organizations } from '../organizations/organizations.tables.ts';

// Memberships: a network's plans, its members (organisations of the directory) with one record per period, their
// named contacts, applications to join, calls for dues, payments and numbered documents (calls, receipts, credit
// notes). Issued documents are never updated nor deleted: a mistake is cancelled by a credit note.

/** What a network prints on its documents and shows on its "Adhérer" form. */
export const membershipSettings = pgTable('membership_settings', {
  networkId: uuid('network_id')
    .primaryKey()
    .references(() => networks.id, { onDelete: 'cascade' }),
  legalName: text('legal_name').notNull(),
  address: text('address'),
  siret: text('siret'),
  vatNumber: text('vat_number'),
  /** Bank details and how to pay, printed on calls for dues and the personal renewal page. */
  iban: text('iban'),
  bic: text('bic'),
  paymentInstructions: text('payment_instructions'),
  /** The terms a joining organisation consents to; the version is stored with each consent. */
  termsText: text('terms_text').notNull().default(''),
  termsVersion: text('terms_version').notNull().default('1'),
  foundedYear: integer('founded_year'),
  updatedAt: updatedAt(),
});

export const membershipPlans = pgTable(
  'membership_plans',
  {
    id: id(),
    networkId: uuid('network_id')
      .notNull()
      .references(() => networks.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    description: text('description'),
    /** Yearly price before VAT, in cents. */
    priceCents: integer('price_cents').notNull(),
    /** VAT rate in basis points (2000 = 20 %); null = not subject to VAT. */
    vatRateBp: integer('vat_rate_bp'),
    /** any | legal_categories | headcount_brackets: who may join; `eligibleValues` lists the allowed codes. */
    eligibility: text('eligibility').notNull().default('any'),
    eligibleValues: text('eligible_values').array().notNull().default(sql`'{}'::text[]`),
    /** Named contacts covered by one membership (null = no limit). */
    contactsLimit: integer('contacts_limit'),
    /** calendar (1 Jan–31 Dec) | rolling (12 months from joining) | season (a year from `seasonStart`, MM-DD). */
    periodKind: text('period_kind').notNull().default('calendar'),
    seasonStart: text('season_start'),
    /** none | monthly | late_covers_next (joining on or after `lateJoinFrom`, MM-DD, also covers the next period). */
    proRata: text('pro_rata').notNull().default('none'),
    lateJoinFrom: text('late_join_from'),
    /** Days after a period's end before an unpaid renewal makes the member lapsed. */
    graceDays: integer('grace_days').notNull().default(30),
    /** Reminder days relative to the end of the period (negative = before). */
    reminderDays: integer('reminder_days').array().notNull().default(sql`'{-30,-7,0,15}'::integer[]`),
    active: boolean('active').notNull().default(true),
    isDemo: boolean('is_demo').notNull().default(false),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('membership_plans_network').on(t.networkId),
    check('membership_plans_price', sql`${t.priceCents} >= 0`),
  ],
);

/** An organisation's membership of a network; its periods (below) carry the history. */
export const members = pgTable(
  'members',
  {
    id: id(),
    networkId: uuid('network_id')
      .notNull()
      .references(() => networks.id, { onDelete: 'cascade' }),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    /** pending | active | grace | lapsed | cancelled — derived from the periods (memberships.status.ts), kept for filters. */
    status: text('status').notNull().default('pending'),
    statusSince: date('status_since', { mode: 'string' }).notNull(),
    /** First day of the first period: the member's seniority. */
    memberSince: date('member_since', { mode: 'string' }),
    /** Who sees what in the members' directory, as the member chose (memberships.directory.ts; absent: the default). */
    visibility: jsonb('visibility').$type<Record<string, string>>().notNull().default(sql`'{}'::jsonb`),
    /** The member who welcomes this one ("parrain"), chosen by the network's staff. */
    sponsorMemberId: uuid('sponsor_member_id').references((): AnyPgColumn => members.id, {
      onDelete: 'set null',
    }),
    isDemo: boolean('is_demo').notNull().default(false),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('members_network_org').on(t.networkId, t.organizationId),
    index('members_network_status').on(t.networkId, t.status),
  ],
);

/** One membership record per period: joins, renewals, lapses and re-joins stay visible. */
export const membershipPeriods = pgTable(
  'membership_periods',
  {
    id: id(),
    memberId: uuid('member_id')
      .notNull()
      .references(() => members.id, { onDelete: 'cascade' }),
    networkId: uuid('network_id').notNull(),
    planId: uuid('plan_id')
      .notNull()
      .references(() => membershipPlans.id),
    startsOn: date('starts_on', { mode: 'string' }).notNull(),
    endsOn: date('ends_on', { mode: 'string' }).notNull(),
    /** join (first period) | renewal (follows the previous one) | rejoin (after a gap) */
    kind: text('kind').notNull(),
    /** Amounts of the call for dues, in cents. */
    amountHtCents: integer('amount_ht_cents').notNull(),
    vatRateBp: integer('vat_rate_bp'),
    amountCents: integer('amount_cents').notNull(),
    /** called (waiting for payment) | paid | cancelled */
    state: text('state').notNull().default('called'),
    paidOn: date('paid_on', { mode: 'string' }),
    /** Imported history (memberships.history.ts): a past year without papers, never numbered, never payable. */
    imported: boolean('imported').notNull().default(false),
    isDemo: boolean('is_demo').notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('membership_periods_member_start').on(t.memberId, t.startsOn),
    index('membership_periods_network_end').on(t.networkId, t.endsOn),
    index('membership_periods_member').on(t.memberId, t.endsOn),
    check('membership_periods_dates', sql`${t.endsOn} >= ${t.startsOn}`),
  ],
);

/** Every change of a member's status, with its date: the history a coordinator reads. */
export const memberStatusChanges = pgTable(
  'member_status_changes',
  {
    id: id(),
    memberId: uuid('member_id')
      .notNull()
      .references(() => members.id, { onDelete: 'cascade' }),
    fromStatus: text('from_status'),
    toStatus: text('to_status').notNull(),
    on: date('on', { mode: 'string' }).notNull(),
    reason: text('reason'),
    createdAt: createdAt(),
  },
  (t) => [index('member_status_changes_member').on(t.memberId, t.on)],
);

/** Named people covered by a company membership. */
export const memberContacts = pgTable(
  'member_contacts',
  {
    id: id(),
    memberId: uuid('member_id')
      .notNull()
      .references(() => members.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    /** main | billing | other */
    role: text('role').notNull(),
    email: text('email'),
    phone: text('phone'),
    /** The account this person signs in with, when they have one: they may keep the member's record up to date. */
    accountId: uuid('account_id'),
    createdAt: createdAt(),
  },
  (t) => [index('member_contacts_member').on(t.memberId), index('member_contacts_account').on(t.accountId)],
);

/** An application to join, from the public "Adhérer" form, until a coordinator approves or declines it. */
export const membershipApplications = pgTable(
  'membership_applications',
  {
    id: id(),
    networkId: uuid('network_id')
      .notNull()
      .references(() => networks.id, { onDelete: 'cascade' }),
    planId: uuid('plan_id')
      .notNull()
      .references(() => membershipPlans.id),
    /** The directory's organisation, or null when the applicant described a new one (`newOrganization`). */
    organizationId: uuid('organization_id').references(() => organizations.id, { onDelete: 'cascade' }),
    newOrganization: jsonb('new_organization').$type<{
      name: string;
      siret?: string | null;
      communeCode?: string | null;
      postalCode?: string | null;
      address?: string | null;
    }>(),
    contacts: jsonb('contacts')
      .$type<{ name: string; role: string; email?: string | null; phone?: string | null }[]>()
      .notNull(),
    applicantEmail: text('applicant_email').notNull(),
    message: text('message'),
    /** Proof of consent: the terms' version and text as shown, and when. */
    termsVersion: text('terms_version').notNull(),
    termsText: text('terms_text').notNull(),
    consentedAt: timestamp('consented_at', { withTimezone: true }).notNull(),
    /** pending | approved | declined */
    status: text('status').notNull().default('pending'),
    decisionMessage: text('decision_message'),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    decidedBy: uuid('decided_by'),
    memberId: uuid('member_id'),
    createdAt: createdAt(),
  },
  (t) => [index('membership_applications_network').on(t.networkId, t.status)],
);

/** A payment recorded by a coordinator against a period's call for dues. */
export const membershipPayments = pgTable(
  'membership_payments',
  {
    id: id(),
    networkId: uuid('network_id').notNull(),
    memberId: uuid('member_id')
      .notNull()
      .references(() => members.id, { onDelete: 'cascade' }),
    periodId: uuid('period_id')
      .notNull()
      .references(() => membershipPeriods.id),
    amountCents: integer('amount_cents').notNull(),
    /** transfer | cheque | cash | card */
    method: text('method').notNull(),
    paidOn: date('paid_on', { mode: 'string' }).notNull(),
    reference: text('reference'),
    recordedBy: uuid('recorded_by'),
    isDemo: boolean('is_demo').notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [
    index('membership_payments_period').on(t.periodId),
    /** The dashboard sums a network's payments in one grouped query. */
    index('membership_payments_network').on(t.networkId, t.periodId),
    check('membership_payments_amount', sql`${t.amountCents} > 0`),
  ],
);

/**
 * Issued documents: calls for dues, receipts (one per payment) and credit notes. Numbered `YYYY-NNNNNN` in one
 * continuous series per network and year (membership_document_counters); `content` is the frozen snapshot the PDF
 * is drawn from. Never updated nor deleted.
 */
export const membershipDocuments = pgTable(
  'membership_documents',
  {
    id: id(),
    networkId: uuid('network_id').notNull(),
    memberId: uuid('member_id').notNull(),
    periodId: uuid('period_id'),
    paymentId: uuid('payment_id'),
    /** call | receipt | credit_note */
    kind: text('kind').notNull(),
    year: integer('year').notNull(),
    seq: integer('seq').notNull(),
    number: text('number').notNull(),
    issuedAt: timestamp('issued_at', { withTimezone: true }).notNull(),
    amountHtCents: integer('amount_ht_cents').notNull(),
    vatCents: integer('vat_cents').notNull(),
    amountCents: integer('amount_cents').notNull(),
    /** The document a credit note cancels (each document is cancelled at most once). */
    cancelsDocumentId: uuid('cancels_document_id'),
    content: jsonb('content').$type<Record<string, unknown>>().notNull(),
    isDemo: boolean('is_demo').notNull().default(false),
  },
  (t) => [
    uniqueIndex('membership_documents_series').on(t.networkId, t.year, t.seq),
    uniqueIndex('membership_documents_number').on(t.networkId, t.number),
    uniqueIndex('membership_documents_cancels').on(t.cancelsDocumentId),
    index('membership_documents_member').on(t.memberId),
    /** What was paid on a period (its receipts), its call: read by the renewal run and the renewal link. */
    index('membership_documents_period').on(t.periodId),
  ],
);

/** The last number issued per network and year; its row is locked by the issuing transaction (no gap, no reuse). */
export const membershipDocumentCounters = pgTable(
  'membership_document_counters',
  {
    networkId: uuid('network_id').notNull(),
    year: integer('year').notNull(),
    lastSeq: integer('last_seq').notNull(),
    lastIssuedAt: timestamp('last_issued_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.networkId, t.year] })],
);

/** Reminders sent, one per period and day offset: a repeated or concurrent run sends each reminder once. */
export const membershipReminders = pgTable(
  'membership_reminders',
  {
    periodId: uuid('period_id')
      .notNull()
      .references(() => membershipPeriods.id, { onDelete: 'cascade' }),
    offsetDays: integer('offset_days').notNull(),
    /** sent | skipped (a later reminder was due at the same run) */
    outcome: text('outcome').notNull(),
    outboxId: uuid('outbox_id'),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.periodId, t.offsetDays] })],
);
