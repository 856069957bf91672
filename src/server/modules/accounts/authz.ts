import { and, eq, inArray } from 'drizzle-orm';
import type { Actor } from '../../context.ts';
import type { Db } from '../../db/client.ts';
import { forbidden, unauthenticated } from '../../lib/errors.ts';
import { networkMembers, networkOrganizations, organizationEditors } from './accounts.tables.ts';

// Role checks live here and are called by services, never only by the UI.

export function requireSignedIn(actor: Actor | null): Actor {
  if (!actor) throw unauthenticated();
  return actor;
}

/** Ids of the networks the actor coordinates (every network for a platform admin is not implied: see callers). */
export async function coordinatedNetworkIds(db: Db, actor: Actor | null): Promise<string[]> {
  if (!actor?.accountId) return [];
  const rows = await db
    .select({ id: networkMembers.networkId })
    .from(networkMembers)
    .where(and(eq(networkMembers.accountId, actor.accountId), eq(networkMembers.role, 'coordinator')));
  return rows.map((r) => r.id);
}

export async function isCoordinatorOf(db: Db, actor: Actor | null, networkId: string): Promise<boolean> {
  if (!actor) return false;
  if (actor.isPlatformAdmin) return true;
  return (await coordinatedNetworkIds(db, actor)).includes(networkId);
}

export async function requireCoordinatorOf(db: Db, actor: Actor | null, networkId: string) {
  requireSignedIn(actor);
  if (!(await isCoordinatorOf(db, actor, networkId)))
    throw forbidden('Réservé aux coordinateurs de ce réseau');
}

/** Networks an organisation belongs to. */
export async function organizationNetworkIds(db: Db, organizationId: string): Promise<string[]> {
  const rows = await db
    .select({ id: networkOrganizations.networkId })
    .from(networkOrganizations)
    .where(eq(networkOrganizations.organizationId, organizationId));
  return rows.map((r) => r.id);
}

/**
 * May the actor edit this organisation? Platform admins, the organisation's own editors (staff accounts),
 * and the coordinators of a network the organisation belongs to.
 */
export async function canEditOrganization(
  db: Db,
  actor: Actor | null,
  organizationId: string,
): Promise<boolean> {
  if (!actor) return false;
  if (actor.isPlatformAdmin) return true;
  if (!actor.accountId) return false;
  const [editor] = await db
    .select({ a: organizationEditors.accountId })
    .from(organizationEditors)
    .where(
      and(
        eq(organizationEditors.organizationId, organizationId),
        eq(organizationEditors.accountId, actor.accountId),
      ),
    )
    .limit(1);
  if (editor) return true;
  const networks = await coordinatedNetworkIds(db, actor);
  if (networks.length === 0) return false;
  const [link] = await db
    .select({ n: networkOrganizations.networkId })
    .from(networkOrganizations)
    .where(
      and(
        eq(networkOrganizations.organizationId, organizationId),
        inArray(networkOrganizations.networkId, networks),
      ),
    )
    .limit(1);
  return Boolean(link);
}

export async function requireCanEditOrganization(db: Db, actor: Actor | null, organizationId: string) {
  requireSignedIn(actor);
  if (!(await canEditOrganization(db, actor, organizationId))) {
    throw forbidden('Vous ne pouvez pas modifier cette organisation');
  }
}

/** Is the actor one of the organisation's own editors (its staff accounts), whatever their networks? */
export async function isOrganizationEditor(
  db: Db,
  actor: Actor | null,
  organizationId: string,
): Promise<boolean> {
  if (!actor?.accountId) return false;
  const [row] = await db
    .select({ a: organizationEditors.accountId })
    .from(organizationEditors)
    .where(
      and(
        eq(organizationEditors.organizationId, organizationId),
        eq(organizationEditors.accountId, actor.accountId),
      ),
    )
    .limit(1);
  return Boolean(row);
}
