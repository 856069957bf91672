import {
  boolean,
  index,
  integer,
  pgTable,
  primaryKey,
  real,
  serial,
  text,
  timestamp,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, id } from '../../db/columns.ts';
import { networks } from '../accounts/accounts.tables.ts';

/**
 * One imported Sirene stock for one month and one scope. A run writes a new row in status `loading`, fills it, then
 * swaps it in (deleting the previous row of the same month) inside one transaction; readers only see `ready` rows,
 * so a killed run leaves the previous data intact and its half-written rows are removed by the next run.
 */
export const observatorySnapshots = pgTable(
  'observatory_snapshots',
  {
    id: serial('id').primaryKey(),
    /** Month of the stock, "2026-10". */
    month: text('month').notNull(),
    /** loading | ready */
    status: text('status').notNull().default('loading'),
    /** Scope kept: "fr", "region:44" or "dep:52,54" (canonical codes, comma-separated). */
    scope: text('scope').notNull(),
    /** Classification settings used (perimeter mode, NAF exclusions, public prefixes), for the methodology. */
    settings: text('settings').notNull(),
    /** Counts: rows read, kept, rejected, per file (JSON). */
    stats: text('stats').notNull().default('{}'),
    sourceLegalUnits: text('source_legal_units').notNull(),
    sourceEstablishments: text('source_establishments').notNull(),
    formatVersion: text('format_version').notNull(),
    isDemo: boolean('is_demo').notNull().default(false),
    createdAt: createdAt(),
    readyAt: timestamp('ready_at', { withTimezone: true }),
    /** When the secrecy plan (observatory_secret_cells) was stored; null for snapshots imported before it existed. */
    secrecyPlannedAt: timestamp('secrecy_planned_at', { withTimezone: true }),
  },
  (t) => [index('observatory_snapshots_month').on(t.month, t.status)],
);

/** Legal units of the kept establishments. Hidden fields of `statutDiffusion` P units are never stored. */
export const observatoryLegalUnits = pgTable(
  'observatory_legal_units',
  {
    snapshotId: integer('snapshot_id').notNull(),
    siren: text('siren').notNull(),
    /** Null for partly-hidden (P) units and natural persons. */
    name: text('name'),
    legalCategory: text('legal_category'),
    nafCode: text('naf_code'),
    /** Sirene ESS flag: O, N or null. */
    essFlag: text('ess_flag'),
    /** Family under the snapshot's perimeter settings: association … ess_company, or non_ess. */
    family: text('family').notNull(),
    isPublic: boolean('is_public').notNull(),
    diffusion: text('diffusion').notNull(),
  },
  (t) => [index('observatory_legal_units_snapshot').on(t.snapshotId)],
);

/** Active establishments of the scope (all of them: the denominators need them). */
export const observatoryEstablishments = pgTable(
  'observatory_establishments',
  {
    snapshotId: integer('snapshot_id').notNull(),
    siret: text('siret').notNull(),
    siren: text('siren').notNull(),
    /** Null for partly-hidden (P) establishments. */
    name: text('name'),
    communeCode: text('commune_code').notNull(),
    epciCode: text('epci_code'),
    departmentCode: text('department_code').notNull(),
    regionCode: text('region_code').notNull(),
    nafCode: text('naf_code'),
    nafSection: text('naf_section'),
    headcountBracket: text('headcount_bracket'),
    isEmployer: boolean('is_employer').notNull(),
    isHeadOffice: boolean('is_head_office').notNull(),
  },
  (t) => [index('observatory_establishments_snapshot').on(t.snapshotId)],
);

/**
 * Pre-aggregated employer establishments per territory (every level: fr, region:44, dep:54, epci:…, com:…). ESS
 * families are broken down by NAF section × size class; the rest collapses into two groups, `private` and `public`
 * (section and size '*'), which the shares need as denominators. An indicator query reads a few hundred rows.
 * `maxJobs` (the largest single establishment's central estimate) feeds the dominance rule of statistical secrecy.
 */
export const observatoryAggregates = pgTable(
  'observatory_aggregates',
  {
    snapshotId: integer('snapshot_id').notNull(),
    territoryCode: text('territory_code').notNull(),
    /** association | cooperative | mutual | foundation | ess_company | private | public */
    family: text('family').notNull(),
    nafSection: text('naf_section').notNull(),
    /** 0 | 1-9 | 10-49 | 50-249 | 250+ | ? (see sizeClasses) */
    sizeClass: text('size_class').notNull(),
    establishments: integer('establishments').notNull(),
    jobsLow: real('jobs_low').notNull(),
    jobsCentral: real('jobs_central').notNull(),
    jobsHigh: real('jobs_high').notNull(),
    maxJobs: real('max_jobs').notNull(),
  },
  (t) => [index('observatory_aggregates_lookup').on(t.snapshotId, t.territoryCode)],
);

/**
 * The cells of a snapshot that statistical secrecy hides (secrecy-plan.ts), decided once per snapshot for every
 * published cell and read by every page and export. Only hidden cells are stored. `dimension`/`category`:
 * total/ess, total/private (non-ESS private employers), total/public, family/<family>, section/<NAF section or ?>,
 * size/<size class>.
 */
export const observatorySecretCells = pgTable(
  'observatory_secret_cells',
  {
    snapshotId: integer('snapshot_id').notNull(),
    territoryCode: text('territory_code').notNull(),
    dimension: text('dimension').notNull(),
    category: text('category').notNull(),
    /** primary | secondary */
    reason: text('reason').notNull(),
  },
  (t) => [primaryKey({ columns: [t.snapshotId, t.territoryCode, t.dimension, t.category] })],
);

/** Published reference figures (Flores, ESS Atlas, regional notes): the only source of payroll. */
export const observatoryOfficialFigures = pgTable(
  'observatory_official_figures',
  {
    id: id(),
    territoryCode: text('territory_code').notNull(),
    /** The reference year; null when the source does not say it ("année non précisée"). */
    year: integer('year'),
    /** 'all' = the ESS as a whole, otherwise one family (association, cooperative, mutual, foundation). */
    family: text('family').notNull().default('all'),
    jobs: real('jobs'),
    fte: real('fte'),
    /** Gross payroll in euros. */
    payroll: real('payroll'),
    establishments: real('establishments'),
    /** Share of private jobs, in percent, when published. */
    privateJobsShare: real('private_jobs_share'),
    source: text('source').notNull(),
    sourceUrl: text('source_url'),
    isDemo: boolean('is_demo').notNull().default(false),
    /** The network whose coordinator imported the figure (its coordinators may remove it); null: platform admin. */
    networkId: uuid('network_id').references(() => networks.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [
    // Two figures of unknown year from one source, for one territory and family, are the same figure.
    unique('observatory_official_figures_key')
      .on(t.territoryCode, t.year, t.family, t.source)
      .nullsNotDistinct(),
    index('observatory_official_figures_territory').on(t.territoryCode),
  ],
);
