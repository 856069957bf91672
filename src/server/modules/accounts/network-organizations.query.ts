import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { networkOrganizations, organizationEditors } from './accounts.tables.ts';

/** The ids of a network's organisations, as a subquery for the directory's "Réseau" filter (public, like the list). */
export const organizationIdsOfNetwork = (db: Db, networkId: string) =>
  db
    .select({ id: networkOrganizations.organizationId })
    .from(networkOrganizations)
    .where(eq(networkOrganizations.networkId, networkId));

/** Which of `organizationIds` belong to the network. */
export async function organizationsInNetwork(
  db: Db,
  networkId: string,
  organizationIds: string[],
): Promise<Set<string>> {
  if (organizationIds.length === 0) return new Set();
  const rows = await db
    .select({ id: networkOrganizations.organizationId })
    .from(networkOrganizations)
    .where(
      and(
        eq(networkOrganizations.networkId, networkId),
        inArray(networkOrganizations.organizationId, organizationIds),
      ),
    );
  return new Set(rows.map((r) => r.id));
}

/** The organisations an account edits, once per network each belongs to. */
export async function editedOrganizationsByNetwork(
  db: Db,
  accountId: string,
): Promise<{ organizationId: string; networkId: string }[]> {
  return db
    .select({ organizationId: organizationEditors.organizationId, networkId: networkOrganizations.networkId })
    .from(organizationEditors)
    .innerJoin(
      networkOrganizations,
      eq(networkOrganizations.organizationId, organizationEditors.organizationId),
    )
    .where(eq(organizationEditors.accountId, accountId));
}
