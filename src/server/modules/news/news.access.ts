import { eq } from 'drizzle-orm';
import type { Actor } from '../../context.ts';
import type { Db } from '../../db/client.ts';
import { notFound } from '../../lib/errors.ts';
import { isUuid } from '../../lib/fields.ts';
import { isCoordinatorOf, requireCoordinatorOf } from '../accounts/authz.ts';
import { getNetworkBySlug } from '../accounts/networks.service.ts';
import { newsPosts } from './news.tables.ts';

// Who sees what: a published post whose date has come is public; anything else (a draft, a post scheduled ahead)
// is its network's staff's alone (its coordinators, the platform admin), and a 404 for anyone else, so that its
// existence is not told either.

export type PostRow = typeof newsPosts.$inferSelect;

export const isPublic = (p: Pick<PostRow, 'status' | 'publishedAt'>, now: Date) =>
  p.status === 'published' && p.publishedAt !== null && p.publishedAt <= now;

/** The network, if the actor is one of its staff (404 unknown network, 401/403 otherwise). */
export async function requireNewsStaff(db: Db, actor: Actor | null, networkId: string) {
  const network = await getNetworkBySlug(db, networkId);
  await requireCoordinatorOf(db, actor, network.id);
  return network;
}

/** A post the actor may read, else a 404. */
export async function requireReadablePost(db: Db, actor: Actor | null, postId: string, now: Date) {
  const post = await loadPost(db, postId);
  if (!post || (!isPublic(post, now) && !(await isCoordinatorOf(db, actor, post.networkId))))
    throw notFound('Actualité introuvable');
  return post;
}

/** A post the actor may change (its network's staff), else a 404. */
export async function requireEditablePost(db: Db, actor: Actor | null, postId: string) {
  const post = await loadPost(db, postId);
  if (!post || !(await isCoordinatorOf(db, actor, post.networkId))) throw notFound('Actualité introuvable');
  return post;
}

async function loadPost(db: Db, postId: string): Promise<PostRow | undefined> {
  if (!isUuid(postId)) return undefined;
  const [row] = await db.select().from(newsPosts).where(eq(newsPosts.id, postId));
  return row;
}
