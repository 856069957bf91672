import { sql } from 'drizzle-orm';
import {
  boolean,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, id, updatedAt } from '../../db/columns.ts';
import { networks } from '../accounts/accounts.tables.ts';
import { members } from '../memberships/memberships.tables.ts';
import { organizations } from '../organizations/organizations.tables.ts';

// GTEC (territorial jobs and skills planning) and pulse surveys: France Travail's ROME referential, questionnaire
// versions, waves sent to a network's members, and each company's answers. Answers are read by that company
// alone (gtec.respondent.ts); the network's staff read the recipients (who answered, when), never `gtec_answers`.

/** One import of the ROME referential: the version the three tables below currently hold is the latest row. */
export const romeImports = pgTable('rome_imports', {
  id: id(),
  /** As in the official file names: v460 for `unix_referentiel_code_rome_v460_utf8.csv`. */
  version: text('version').notNull(),
  /** Where the files came from (paths or URLs), for the record. */
  source: text('source').notNull(),
  codes: integer('codes').notNull(),
  appellations: integer('appellations').notNull(),
  domains: integer('domains').notNull(),
  /** True for the excerpt shipped in the repository (demo and tests), not the full referential. */
  isExcerpt: boolean('is_excerpt').notNull().default(false),
  importedAt: createdAt(),
});

/** A ROME domain: a broad domain (`H`, level `grand`) or a professional domain (`H29`, level `pro`). */
export const romeDomains = pgTable('rome_domains', {
  code: text('code').primaryKey(),
  label: text('label').notNull(),
  /** grand | pro */
  level: text('level').notNull(),
  /** The broad domain of a professional domain. */
  parentCode: text('parent_code'),
});

/** A ROME occupation code (`H2913`) and its label. */
export const romeCodes = pgTable('rome_codes', {
  code: text('code').primaryKey(),
  label: text('label').notNull(),
  /** The professional domain (`H29`): the code's first three characters. */
  domainCode: text('domain_code').notNull(),
  ogr: text('ogr'),
});

/** A job title (appellation) of a ROME code, searched by its folded label (no accents, no case, no hyphens). */
export const romeAppellations = pgTable(
  'rome_appellations',
  {
    /** The OGR code of the appellation. */
    code: text('code').primaryKey(),
    label: text('label').notNull(),
    shortLabel: text('short_label'),
    romeCode: text('rome_code').notNull(),
    folded: text('folded').notNull(),
  },
  (t) => [
    index('rome_appellations_folded_trgm').using('gin', sql`${t.folded} gin_trgm_ops`),
    index('rome_appellations_rome').on(t.romeCode),
  ],
);

/**
 * A questionnaire version (`gtec` v1, `pulse` v1): its definition as it was when first used. Never updated: a new
 * version is a new row, and answers record the version they were given on.
 */
export const gtecQuestionnaires = pgTable(
  'gtec_questionnaires',
  {
    id: id(),
    /** gtec | pulse */
    kind: text('kind').notNull(),
    version: integer('version').notNull(),
    title: text('title').notNull(),
    definition: jsonb('definition').$type<Record<string, unknown>>().notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('gtec_questionnaires_version').on(t.kind, t.version)],
);

/** A wave: one questionnaire sent to all or part of a network's members, open between two days (Paris time). */
export const gtecWaves = pgTable(
  'gtec_waves',
  {
    id: id(),
    networkId: uuid('network_id')
      .notNull()
      .references(() => networks.id, { onDelete: 'cascade' }),
    questionnaireId: uuid('questionnaire_id')
      .notNull()
      .references(() => gtecQuestionnaires.id),
    title: text('title').notNull(),
    opensOn: date('opens_on', { mode: 'string' }).notNull(),
    /** The last day answers are taken. */
    closesOn: date('closes_on', { mode: 'string' }).notNull(),
    /** all | chosen: every active member when it opened, or the members the staff chose. */
    audience: text('audience').notNull(),
    /** Pulse waves: the question of this wave, asked beside the stable core. */
    rotatingQuestion: text('rotating_question'),
    createdBy: uuid('created_by'),
    isDemo: boolean('is_demo').notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [index('gtec_waves_network').on(t.networkId, t.opensOn)],
);

/**
 * A member company a wave was sent to (its personal link is this row's id signed with the server secret: nothing
 * to store), the mails sent, and when it answered. This is all the staff see of a company's participation.
 */
export const gtecRecipients = pgTable(
  'gtec_recipients',
  {
    id: id(),
    waveId: uuid('wave_id')
      .notNull()
      .references(() => gtecWaves.id, { onDelete: 'cascade' }),
    networkId: uuid('network_id').notNull(),
    memberId: uuid('member_id')
      .notNull()
      .references(() => members.id, { onDelete: 'cascade' }),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    /** The address the invitation went to (the main contact), null when the member has none. */
    invitedEmail: text('invited_email'),
    /** Set when the company submits; cleared if it withdraws. */
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    remindersSent: integer('reminders_sent').notNull().default(0),
    lastRemindedAt: timestamp('last_reminded_at', { withTimezone: true }),
    isDemo: boolean('is_demo').notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('gtec_recipients_member').on(t.waveId, t.memberId),
    index('gtec_recipients_org').on(t.organizationId),
  ],
);

/** A reminder sent to a recipient, once per run key (`manual:<day>`): a repeated click sends nothing twice. */
export const gtecReminders = pgTable(
  'gtec_reminders',
  {
    id: id(),
    recipientId: uuid('recipient_id')
      .notNull()
      .references(() => gtecRecipients.id, { onDelete: 'cascade' }),
    runKey: text('run_key').notNull(),
    outboxId: uuid('outbox_id'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('gtec_reminders_once').on(t.recipientId, t.runKey)],
);

/** A company's answers to a wave: a draft saved as it is typed, then submitted (or withdrawn, data emptied). */
export const gtecAnswers = pgTable('gtec_answers', {
  recipientId: uuid('recipient_id')
    .primaryKey()
    .references(() => gtecRecipients.id, { onDelete: 'cascade' }),
  waveId: uuid('wave_id').notNull(),
  /** The questionnaire version the answers were given on. */
  questionnaireId: uuid('questionnaire_id')
    .notNull()
    .references(() => gtecQuestionnaires.id),
  /** draft | submitted | withdrawn */
  status: text('status').notNull().default('draft'),
  data: jsonb('data').$type<Record<string, unknown>>().notNull().default(sql`'{}'::jsonb`),
  submittedAt: timestamp('submitted_at', { withTimezone: true }),
  isDemo: boolean('is_demo').notNull().default(false),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

/**
 * The secrecy plan of a wave's report (gtec.report.ts): for each measure, the published values and the hidden
 * cells' keys. Computed from the submitted answers; reused while `digest` (of those answers and the companies'
 * EPCI) is unchanged; `final` once computed after the close, and never recomputed then.
 */
export const gtecReportPlans = pgTable('gtec_report_plans', {
  waveId: uuid('wave_id')
    .primaryKey()
    .references(() => gtecWaves.id, { onDelete: 'cascade' }),
  digest: text('digest').notNull(),
  final: boolean('final').notNull().default(false),
  respondents: integer('respondents').notNull(),
  plan: jsonb('plan').$type<Record<string, unknown>>().notNull(),
  /** What planSecrecy reported (cells, hidden, rounds, seconds), for the record; never shown to readers. */
  stats: jsonb('stats').$type<Record<string, unknown>>().notNull(),
  computedAt: timestamp('computed_at', { withTimezone: true }).notNull(),
});
