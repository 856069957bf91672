import { sql } from 'drizzle-orm';
import { boolean, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, updatedAt } from '../../db/columns.ts';
import { networks } from '../accounts/accounts.tables.ts';
import { events } from '../events/events.tables.ts';
import { organizations } from '../organizations/organizations.tables.ts';

/** A fair (the Village): an event that takes exhibitor applications from organisations of the directory. */
export const fairs = pgTable('fairs', {
  id: id(),
  eventId: uuid('event_id')
    .notNull()
    .unique()
    .references(() => events.id, { onDelete: 'cascade' }),
  /** The network whose coordinators review applications (the event's network). */
  networkId: uuid('network_id')
    .notNull()
    .references(() => networks.id, { onDelete: 'cascade' }),
  name: text('name').notNull(),
  description: text('description'),
  /** Stand zones, e.g. ["A", "B", "C"] or ["Entreprendre", "Jeunesse"]. */
  zones: text('zones').array().notNull().default(sql`'{}'::text[]`),
  applicationsOpen: boolean('applications_open').notNull().default(true),
  applicationsCloseAt: timestamp('applications_close_at', { withTimezone: true }),
  isDemo: boolean('is_demo').notNull().default(false),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

/** An organisation's application to exhibit at a fair, the coordinators' decision, then its stand. */
export const fairExhibitors = pgTable(
  'fair_exhibitors',
  {
    id: id(),
    fairId: uuid('fair_id')
      .notNull()
      .references(() => fairs.id, { onDelete: 'cascade' }),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    pitch: text('pitch').notNull(),
    needsTable: boolean('needs_table').notNull().default(false),
    needsPower: boolean('needs_power').notNull().default(false),
    needsOther: text('needs_other'),
    /** pending | accepted | rejected | withdrawn */
    status: text('status').notNull().default('pending'),
    decisionMessage: text('decision_message'),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    decidedBy: uuid('decided_by'),
    /** Who applied, and where decisions are mailed. */
    contactName: text('contact_name').notNull(),
    contactEmail: text('contact_email').notNull(),
    appliedBy: uuid('applied_by'),
    standZone: text('stand_zone'),
    standNumber: integer('stand_number'),
    /** When the organisation withdrew, who did, and what they told the coordinators. */
    withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }),
    withdrawnBy: uuid('withdrawn_by'),
    withdrawalMessage: text('withdrawal_message'),
    isDemo: boolean('is_demo').notNull().default(false),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    // One live application per organisation and fair; after a withdrawal it may apply again (a new row).
    uniqueIndex('fair_exhibitors_fair_org_live')
      .on(t.fairId, t.organizationId)
      .where(sql`${t.status} <> 'withdrawn'`),
    // Never two exhibitors on one stand (unassigned stands are NULL, which never collide; rejecting or withdrawing
    // an application sets its stand to NULL, so the stand can be given to someone else).
    uniqueIndex('fair_exhibitors_stand').on(t.fairId, t.standZone, t.standNumber),
    index('fair_exhibitors_fair_status').on(t.fairId, t.status),
  ],
);
