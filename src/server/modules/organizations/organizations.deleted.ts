import type { Actor } from '../../context.ts';
import type { Db } from '../../db/client.ts';

// Other modules keep organisation ids in their own rows (an event's organisers). When an organisation is deleted,
// each of them forgets it inside the deletion's transaction, through a handler it plugs in here at registration:
// the directory never writes their tables, and no row is left pointing at nothing.

export type OrganizationDeletedHandler = (
  tx: Db,
  actor: Actor | null,
  organizationId: string,
) => Promise<void>;

const handlers = new Set<OrganizationDeletedHandler>();

/** Called by a module whose rows refer to organisations (once; plugging the same handler again does nothing). */
export function plugOrganizationDeleted(handler: OrganizationDeletedHandler) {
  handlers.add(handler);
}

/** Runs every plugged handler in the deletion's transaction. */
export async function organizationDeleted(tx: Db, actor: Actor | null, organizationId: string) {
  for (const handler of handlers) await handler(tx, actor, organizationId);
}
