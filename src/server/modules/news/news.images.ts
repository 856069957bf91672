import { eq } from 'drizzle-orm';
import type { Actor, Deps } from '../../context.ts';
import { AppError, notFound } from '../../lib/errors.ts';
import { sniffImage } from '../../lib/image-type.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { isPublic, requireEditablePost, requireReadablePost } from './news.access.ts';
import { newsImages, newsPosts } from './news.tables.ts';

// A post's image, uploaded like an event's (raw JPEG, PNG or WebP body, 2 MB at most) and kept in the database.

export const MAX_NEWS_IMAGE_BYTES = 2 * 1024 * 1024;

export async function setPostImage(
  ctx: Pick<Deps, 'db' | 'clock'>,
  actor: Actor | null,
  postId: string,
  bytes: Buffer,
) {
  const post = await requireEditablePost(ctx.db, actor, postId);
  if (bytes.length > MAX_NEWS_IMAGE_BYTES)
    throw new AppError('PAYLOAD_TOO_LARGE', 'Image trop lourde (2 Mo au plus)', { image: '2 Mo au plus' });
  const contentType = sniffImage(bytes);
  if (!contentType)
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'Image JPEG, PNG ou WebP attendue', {
      image: 'JPEG, PNG ou WebP',
    });
  const img = await ctx.db.transaction(async (tx) => {
    await tx.delete(newsImages).where(eq(newsImages.postId, post.id));
    const [img] = await tx
      .insert(newsImages)
      .values({ postId: post.id, contentType, size: bytes.length, bytes })
      .returning({ id: newsImages.id });
    await tx
      .update(newsPosts)
      .set({ imageId: img.id, updatedAt: ctx.clock() })
      .where(eq(newsPosts.id, post.id));
    await recordAudit(tx as never, actor, {
      action: 'news.post-image',
      entityType: 'news_post',
      entityId: post.id,
      networkIds: [post.networkId],
      after: { title: post.title, contentType, size: bytes.length },
    });
    return img;
  });
  return { id: img.id, contentType, size: bytes.length };
}

/** The image of a post the actor may read (a draft's to its staff only). */
export async function getPostImage(ctx: Pick<Deps, 'db' | 'clock'>, actor: Actor | null, postId: string) {
  const post = await requireReadablePost(ctx.db, actor, postId, ctx.clock());
  const [img] = post.imageId
    ? await ctx.db.select().from(newsImages).where(eq(newsImages.id, post.imageId))
    : [];
  if (!img) throw notFound('Cette actualité n’a pas d’image');
  return { ...img, isPublic: isPublic(post, ctx.clock()) };
}
