import { eq, inArray } from 'drizzle-orm';
import type { Actor } from '../../context.ts';
import type { Db } from '../../db/client.ts';
import { notFound } from '../../lib/errors.ts';
import { isUuid } from '../../lib/fields.ts';
import { isCoordinatorOf, requireCoordinatorOf } from '../accounts/authz.ts';
import { requireNetwork } from '../accounts/networks.service.ts';
import { newsletterLists } from './newsletters.tables.ts';

// Who manages a network's lists and reads its subscribers: the network's coordinators and the platform admin.
// A list of another network is a 404, so that its existence is not told either.

export type ListRow = typeof newsletterLists.$inferSelect;

/** The network, if the actor is one of its coordinators (404 unknown network, 401/403 otherwise). */
export async function requireStaff(db: Db, actor: Actor | null, networkId: string) {
  const network = await requireNetwork(db, networkId);
  await requireCoordinatorOf(db, actor, networkId);
  return network;
}

/** A list by id, whoever asks (the public form and the links check visibility themselves), else a 404. */
export async function findList(db: Db, listId: string): Promise<ListRow | undefined> {
  if (!isUuid(listId)) return undefined;
  const [row] = await db.select().from(newsletterLists).where(eq(newsletterLists.id, listId));
  return row;
}

/** A list the actor manages (its network's coordinators), else a 404. */
export async function requireStaffList(db: Db, actor: Actor | null, listId: string): Promise<ListRow> {
  const row = await findList(db, listId);
  if (!row || !(await isCoordinatorOf(db, actor, row.networkId))) throw notFound('Liste introuvable');
  return row;
}

/** Names of lists by id, for the audit log's sentences. */
export async function newsletterListNames(db: Db, ids: string[]): Promise<Map<string, string>> {
  if (!ids.length) return new Map();
  const rows = await db
    .select({ id: newsletterLists.id, name: newsletterLists.name })
    .from(newsletterLists)
    .where(inArray(newsletterLists.id, ids));
  return new Map(rows.map((r) => [r.id, r.name]));
}
