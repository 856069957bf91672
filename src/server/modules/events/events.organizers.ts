import { sql } from 'drizzle-orm';
import type { Actor } from '../../context.ts';
import type { Db } from '../../db/client.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { organizationsByIds } from '../organizations/organizations.service.ts';
import { events } from './events.tables.ts';

/** Organiser names for event listings, through the directory's service. */
export async function organizerNames(db: Db, ids: string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await organizationsByIds(db, unique);
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** Drops existing organisers from `ids` that are no longer in the directory (an edit of an older event goes on). */
export async function existingOrganizers(db: Db, ids: string[]): Promise<string[]> {
  const names = await organizerNames(db, ids);
  return ids.filter((id) => names.has(id));
}

/** A deleted organisation no longer organises any event (in the deletion's transaction, audited per event). */
export async function forgetDeletedOrganizer(tx: Db, actor: Actor | null, organizationId: string) {
  const changed = await tx
    .update(events)
    .set({
      organizerOrganizationIds: sql`array_remove(${events.organizerOrganizationIds}, ${organizationId}::uuid)`,
    })
    .where(sql`${organizationId}::uuid = any(${events.organizerOrganizationIds})`)
    .returning({ id: events.id, networkId: events.networkId, after: events.organizerOrganizationIds });
  for (const e of changed) {
    await recordAudit(tx, actor, {
      action: 'event.organizer-removed',
      entityType: 'event',
      entityId: e.id,
      networkIds: [e.networkId],
      before: { organizerOrganizationIds: [...e.after, organizationId] },
      after: { organizerOrganizationIds: e.after },
    });
  }
}
