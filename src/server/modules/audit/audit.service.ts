import { and, arrayOverlaps, desc, eq, lt } from 'drizzle-orm';
import type { Actor } from '../../context.ts';
import type { Db } from '../../db/client.ts';
import { auditLog } from './audit.tables.ts';

export type AuditEntry = {
  action: string;
  entityType: string;
  entityId?: string | null;
  networkIds?: string[];
  before?: unknown;
  after?: unknown;
  requestId?: string;
};

/** Records one write. Call it inside the same transaction as the write so that neither lands without the other. */
export async function recordAudit(db: Db, actor: Actor | null, entry: AuditEntry) {
  await db.insert(auditLog).values({
    actorId: actor?.accountId ?? null,
    actorLabel: actor ? `${actor.name} <${actor.email}>` : 'anonyme',
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId ?? null,
    networkIds: entry.networkIds ?? [],
    before: entry.before ?? null,
    after: entry.after ?? null,
    requestId: entry.requestId,
  });
}

/** Audit entries visible for the given networks (all entries when `networkIds` is 'all'), newest first. */
export async function listAudit(
  db: Db,
  opts: {
    networkIds: string[] | 'all';
    entityType?: string;
    entityId?: string;
    before?: number;
    limit?: number;
  },
) {
  if (opts.networkIds !== 'all' && opts.networkIds.length === 0) return [];
  return db
    .select()
    .from(auditLog)
    .where(
      and(
        opts.networkIds === 'all' ? undefined : arrayOverlaps(auditLog.networkIds, opts.networkIds),
        opts.entityType ? eq(auditLog.entityType, opts.entityType) : undefined,
        opts.entityId ? eq(auditLog.entityId, opts.entityId) : undefined,
        opts.before ? lt(auditLog.id, opts.before) : undefined,
      ),
    )
    .orderBy(desc(auditLog.id))
    .limit(Math.min(opts.limit ?? 50, 200));
}
