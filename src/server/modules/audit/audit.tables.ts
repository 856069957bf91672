import { bigserial, index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/** Every write: who, what, when, before and after. Read by coordinators for their networks. */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    /** null for the system (imports, demo seed, CLI). */
    actorId: uuid('actor_id'),
    actorLabel: text('actor_label'),
    /** e.g. organization.update */
    action: text('action').notNull(),
    entityType: text('entity_type').notNull(),
    entityId: text('entity_id'),
    /** Networks whose coordinators may read this entry. */
    networkIds: uuid('network_ids').array().notNull().default([]),
    before: jsonb('before'),
    after: jsonb('after'),
    requestId: text('request_id'),
  },
  (t) => [
    index('audit_log_at').on(t.at),
    index('audit_log_entity').on(t.entityType, t.entityId),
    index('audit_log_networks').using('gin', t.networkIds),
  ],
);
