import { and, arrayContains, count, desc, eq, inArray, isNotNull, lte, sql } from 'drizzle-orm';
import type { Actor, Deps } from '../../context.ts';
import type { Db } from '../../db/client.ts';
import { conflict, invalidInput } from '../../lib/errors.ts';
import { isCoordinatorOf } from '../accounts/authz.ts';
import { getNetworkBySlug } from '../accounts/networks.service.ts';
import { recordAudit } from '../audit/audit.service.ts';
import {
  isPublic,
  type PostRow,
  requireEditablePost,
  requireNewsStaff,
  requireReadablePost,
} from './news.access.ts';
import { renderNewsMarkdown } from './news.markdown.ts';
import type { ListQuery, PostInput, PostOut, PostPatch, PostSummary } from './news.schemas.ts';
import { newsCategories, newsPosts } from './news.tables.ts';

// A network's news posts: written as drafts by its staff, published (now or from a date), unpublished, deleted
// while still drafts. Every write is audited with the post's title, so that the log reads as sentences.

type Ctx = Pick<Deps, 'db' | 'clock'>;

export const postPath = (id: string) => `/actualites/articles/${id}`;
export const imagePath = (p: Pick<PostRow, 'id' | 'imageId'>) =>
  p.imageId ? `/api/news/${p.id}/image?v=${p.imageId.slice(0, 8)}` : null;

async function categoriesOf(db: Db, networkId: string) {
  return db
    .select({ id: newsCategories.id, name: newsCategories.name })
    .from(newsCategories)
    .where(eq(newsCategories.networkId, networkId))
    .orderBy(newsCategories.name);
}

/** The ids, each a category of the network, else a 400 naming `categoryIds`. */
async function checkCategories(db: Db, networkId: string, ids: string[]) {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return unique;
  const rows = await db
    .select({ id: newsCategories.id })
    .from(newsCategories)
    .where(and(eq(newsCategories.networkId, networkId), inArray(newsCategories.id, unique)));
  if (rows.length !== unique.length)
    throw invalidInput('Catégorie inconnue', { categoryIds: 'une des catégories n’est pas de ce réseau' });
  return unique;
}

function summaryOf(p: PostRow, names: Map<string, string>, now: Date): PostSummary {
  return {
    id: p.id,
    title: p.title,
    summary: p.summary,
    categories: p.categoryIds.filter((c) => names.has(c)).map((c) => ({ id: c, name: names.get(c)! })),
    status: p.status as 'draft' | 'published',
    publishedAt: p.publishedAt?.toISOString() ?? null,
    isPublic: isPublic(p, now),
    imageUrl: imagePath(p),
    imageAlt: p.imageAlt,
    url: postPath(p.id),
    isDemo: p.isDemo,
  };
}

/** The network's categories (public: they name the public list's filters). */
export async function listCategories(db: Db, networkIdOrSlug: string) {
  const network = await getNetworkBySlug(db, networkIdOrSlug);
  return categoriesOf(db, network.id);
}

export async function createCategory(ctx: Ctx, actor: Actor | null, networkId: string, name: string) {
  const network = await requireNewsStaff(ctx.db, actor, networkId);
  const [dup] = await ctx.db
    .select({ id: newsCategories.id })
    .from(newsCategories)
    .where(
      and(eq(newsCategories.networkId, network.id), sql`lower(${newsCategories.name}) = lower(${name})`),
    );
  if (dup) throw invalidInput('Catégorie déjà créée', { name: `la catégorie « ${name} » existe déjà` });
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(newsCategories)
      .values({ networkId: network.id, name })
      .returning({ id: newsCategories.id, name: newsCategories.name });
    await recordAudit(tx as never, actor, {
      action: 'news.category-create',
      entityType: 'news_category',
      entityId: row.id,
      networkIds: [network.id],
      after: { name },
    });
    return row;
  });
}

/** The network's posts: the public sees what is published; its staff may ask for drafts (`status`). */
export async function listPosts(ctx: Ctx, actor: Actor | null, networkIdOrSlug: string, q: ListQuery) {
  const network = await getNetworkBySlug(ctx.db, networkIdOrSlug);
  const canEdit = await isCoordinatorOf(ctx.db, actor, network.id);
  if (q.status !== 'published' && !canEdit) await requireNewsStaff(ctx.db, actor, network.id);
  const now = ctx.clock();
  const where = and(
    eq(newsPosts.networkId, network.id),
    q.status === 'published'
      ? and(eq(newsPosts.status, 'published'), lte(newsPosts.publishedAt, now))
      : q.status === 'draft'
        ? eq(newsPosts.status, 'draft')
        : undefined,
    q.category ? arrayContains(newsPosts.categoryIds, [q.category]) : undefined,
  );
  const [rows, [{ total }], categories] = await Promise.all([
    ctx.db
      .select()
      .from(newsPosts)
      .where(where)
      .orderBy(sql`${newsPosts.publishedAt} desc nulls first`, desc(newsPosts.updatedAt))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    ctx.db.select({ total: count() }).from(newsPosts).where(where),
    categoriesOf(ctx.db, network.id),
  ]);
  const names = new Map(categories.map((c) => [c.id, c.name]));
  return {
    network: { id: network.id, slug: network.slug, name: network.name },
    canEdit,
    categories,
    items: rows.map((p) => summaryOf(p, names, now)),
    total,
    page: q.page,
    pageSize: q.pageSize,
  };
}

async function detail(ctx: Ctx, actor: Actor | null, p: PostRow): Promise<PostOut> {
  const network = await getNetworkBySlug(ctx.db, p.networkId);
  const categories = await categoriesOf(ctx.db, p.networkId);
  return {
    ...summaryOf(p, new Map(categories.map((c) => [c.id, c.name])), ctx.clock()),
    networkId: network.id,
    networkSlug: network.slug,
    networkName: network.name,
    body: p.body,
    bodyHtml: renderNewsMarkdown(p.body),
    updatedAt: p.updatedAt.toISOString(),
    canEdit: await isCoordinatorOf(ctx.db, actor, p.networkId),
  };
}

/** One post: public once published, its network's staff's before (404 for anyone else). */
export async function getPost(ctx: Ctx, actor: Actor | null, postId: string): Promise<PostOut> {
  return detail(ctx, actor, await requireReadablePost(ctx.db, actor, postId, ctx.clock()));
}

export async function createPost(ctx: Ctx, actor: Actor | null, networkId: string, input: PostInput) {
  const network = await requireNewsStaff(ctx.db, actor, networkId);
  const categoryIds = await checkCategories(ctx.db, network.id, input.categoryIds);
  const row = await ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(newsPosts)
      .values({
        networkId: network.id,
        title: input.title,
        summary: input.summary,
        body: input.body,
        categoryIds,
        imageAlt: input.imageAlt ?? null,
        createdBy: actor?.accountId ?? null,
      })
      .returning();
    await recordAudit(tx as never, actor, {
      action: 'news.post-create',
      entityType: 'news_post',
      entityId: row.id,
      networkIds: [network.id],
      after: { title: row.title },
    });
    return row;
  });
  return detail(ctx, actor, row);
}

export async function updatePost(ctx: Ctx, actor: Actor | null, postId: string, patch: PostPatch) {
  const post = await requireEditablePost(ctx.db, actor, postId);
  const categoryIds =
    patch.categoryIds === undefined
      ? undefined
      : await checkCategories(ctx.db, post.networkId, patch.categoryIds);
  const changes = {
    ...(patch.title !== undefined ? { title: patch.title } : {}),
    ...(patch.summary !== undefined ? { summary: patch.summary } : {}),
    ...(patch.body !== undefined ? { body: patch.body } : {}),
    ...(categoryIds !== undefined ? { categoryIds } : {}),
    ...(patch.imageAlt !== undefined ? { imageAlt: patch.imageAlt } : {}),
  };
  const row = await ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .update(newsPosts)
      .set({ ...changes, updatedAt: ctx.clock() })
      .where(eq(newsPosts.id, post.id))
      .returning();
    await recordAudit(tx as never, actor, {
      action: 'news.post-update',
      entityType: 'news_post',
      entityId: post.id,
      networkIds: [post.networkId],
      before: { title: post.title },
      after: { title: row.title },
    });
    return row;
  });
  return detail(ctx, actor, row);
}

/** Publishes a post, now or from `publishedAt` (a date ahead keeps it hidden until then). */
export async function publishPost(ctx: Ctx, actor: Actor | null, postId: string, publishedAt?: Date) {
  const post = await requireEditablePost(ctx.db, actor, postId);
  if (!post.title.trim()) throw invalidInput('Titre manquant', { title: 'obligatoire pour publier' });
  const at = publishedAt ?? ctx.clock();
  return setStatus(ctx, actor, post, 'published', at, 'news.post-publish');
}

/** Back to draft: the post leaves the public pages and the feeds. */
export async function unpublishPost(ctx: Ctx, actor: Actor | null, postId: string) {
  const post = await requireEditablePost(ctx.db, actor, postId);
  if (post.status !== 'published') throw conflict('Cette actualité n’est pas publiée');
  return setStatus(ctx, actor, post, 'draft', null, 'news.post-unpublish');
}

async function setStatus(
  ctx: Ctx,
  actor: Actor | null,
  post: PostRow,
  status: 'draft' | 'published',
  publishedAt: Date | null,
  action: string,
) {
  const row = await ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .update(newsPosts)
      .set({ status, publishedAt, updatedAt: ctx.clock() })
      .where(eq(newsPosts.id, post.id))
      .returning();
    await recordAudit(tx as never, actor, {
      action,
      entityType: 'news_post',
      entityId: post.id,
      networkIds: [post.networkId],
      after: { title: post.title, publishedAt: publishedAt?.toISOString() ?? null },
    });
    return row;
  });
  return detail(ctx, actor, row);
}

/** Deletes a draft (a published post is unpublished first: its link may have been shared). */
export async function deleteDraft(ctx: Ctx, actor: Actor | null, postId: string) {
  const post = await requireEditablePost(ctx.db, actor, postId);
  if (post.status !== 'draft')
    throw conflict('Une actualité publiée ne se supprime pas : dépubliez-la d’abord');
  await ctx.db.transaction(async (tx) => {
    await tx.delete(newsPosts).where(eq(newsPosts.id, post.id));
    await recordAudit(tx as never, actor, {
      action: 'news.post-delete',
      entityType: 'news_post',
      entityId: post.id,
      networkIds: [post.networkId],
      before: { title: post.title },
    });
  });
}

/** Published posts of a network whose date has come, newest first, with their rendered body (feeds, pages). */
export async function publicPosts(db: Db, networkId: string, now: Date, limit: number) {
  return db
    .select()
    .from(newsPosts)
    .where(
      and(
        eq(newsPosts.networkId, networkId),
        eq(newsPosts.status, 'published'),
        isNotNull(newsPosts.publishedAt),
        lte(newsPosts.publishedAt, now),
      ),
    )
    .orderBy(desc(newsPosts.publishedAt))
    .limit(limit);
}

export type LatestNewsItem = {
  id: string;
  title: string;
  summary: string;
  publishedAt: string;
  /** Absolute links (PUBLIC_URL): they go into mails. */
  url: string;
  imageUrl: string | null;
  imageAlt: string | null;
  categories: string[];
};

/**
 * The network's latest published news, newest first, with absolute links: what the newsletter composer inserts.
 * Public data only, so no actor is needed.
 */
export async function latestNews(
  ctx: Pick<Deps, 'db' | 'clock' | 'config'>,
  networkId: string,
  limit = 5,
): Promise<LatestNewsItem[]> {
  const rows = await publicPosts(ctx.db, networkId, ctx.clock(), Math.max(1, Math.min(limit, 50)));
  const names = new Map((await categoriesOf(ctx.db, networkId)).map((c) => [c.id, c.name]));
  const base = ctx.config.publicUrl;
  return rows.map((p) => {
    const image = imagePath(p);
    return {
      id: p.id,
      title: p.title,
      summary: p.summary,
      publishedAt: p.publishedAt!.toISOString(),
      url: `${base}${postPath(p.id)}`,
      imageUrl: image ? `${base}${image}` : null,
      imageAlt: p.imageAlt,
      categories: p.categoryIds.filter((c) => names.has(c)).map((c) => names.get(c)!),
    };
  });
}
