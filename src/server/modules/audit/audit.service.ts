import { and, arrayContains, arrayOverlaps, desc, eq, gte, ilike, lt } from 'drizzle-orm';
import type { Actor, Deps } from '../../context.ts';
import type { Db } from '../../db/client.ts';
import { insertMany } from '../../db/insert-many.ts';
import { forbidden } from '../../lib/errors.ts';
import { coordinatedNetworkIds, requireSignedIn } from '../accounts/authz.ts';
import { actorName, auditSubjects, withTerritoryNames } from './audit.readable.ts';
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
  await recordAudits(db, actor, [entry]);
}

/** Records several writes of one actor in one statement (a batch: the renewal run's calls for dues). */
export async function recordAudits(db: Db, actor: Actor | null, entries: AuditEntry[]) {
  if (entries.length === 0) return;
  await insertMany(
    db,
    auditLog,
    entries.map((entry) => ({
      actorId: actor?.accountId ?? null,
      actorLabel: actor ? `${actor.name} <${actor.email}>` : 'anonyme',
      action: entry.action,
      entityType: entry.entityType,
      entityId: entry.entityId ?? null,
      networkIds: entry.networkIds ?? [],
      before: entry.before ?? null,
      after: entry.after ?? null,
      requestId: entry.requestId,
    })),
  );
}

/** Audit entries visible for the given networks (all entries when `networkIds` is 'all'), newest first. */
export async function listAudit(
  db: Db,
  opts: {
    networkIds: string[] | 'all';
    /** Only entries of this network (within `networkIds`). */
    networkId?: string;
    entityType?: string;
    entityId?: string;
    /** Part of the person's name or e-mail. */
    actor?: string;
    /** Entries at or after this instant, and strictly before `until`. */
    since?: Date;
    until?: Date;
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
        opts.networkId ? arrayContains(auditLog.networkIds, [opts.networkId]) : undefined,
        opts.entityType ? eq(auditLog.entityType, opts.entityType) : undefined,
        opts.entityId ? eq(auditLog.entityId, opts.entityId) : undefined,
        opts.actor ? ilike(auditLog.actorLabel, `%${opts.actor.replace(/[\\%_]/g, '\\$&')}%`) : undefined,
        opts.since ? gte(auditLog.at, opts.since) : undefined,
        opts.until ? lt(auditLog.at, opts.until) : undefined,
        opts.before ? lt(auditLog.id, opts.before) : undefined,
      ),
    )
    .orderBy(desc(auditLog.id))
    .limit(Math.min(opts.limit ?? 50, 200));
}

/**
 * The audit log as the actor may read it: a platform admin reads everything; a coordinator reads the entries of
 * the networks it coordinates, and nothing else; anyone else is refused.
 */
export async function readAuditLog(
  deps: Pick<Deps, 'db'>,
  actor: Actor | null,
  query: {
    networkId?: string;
    entityType?: string;
    entityId?: string;
    actor?: string;
    since?: Date;
    until?: Date;
    before?: number;
    limit?: number;
  },
) {
  requireSignedIn(actor);
  let networkIds: string[] | 'all' = 'all';
  if (!actor?.isPlatformAdmin) {
    networkIds = await coordinatedNetworkIds(deps.db, actor);
    if (networkIds.length === 0) throw forbidden('Réservé aux coordinateurs de réseau');
    if (query.networkId && !networkIds.includes(query.networkId))
      throw forbidden('Réservé aux coordinateurs de ce réseau');
  }
  const rows = await listAudit(deps.db, { ...query, networkIds });
  const subjects = await auditSubjects(deps.db, rows);
  return rows.map((r, i) => ({
    id: r.id,
    at: r.at.toISOString(),
    actorLabel: r.actorLabel,
    actorName: r.actorId ? actorName(r.actorLabel) : null,
    action: r.action,
    entityType: r.entityType,
    entityId: r.entityId,
    subject: subjects[i],
    networkIds: r.networkIds,
    before: withTerritoryNames(r.before),
    after: withTerritoryNames(r.after),
  }));
}
