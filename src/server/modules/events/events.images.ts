import { eq } from 'drizzle-orm';
import type { Actor, Deps } from '../../context.ts';
import { AppError, invalidInput, notFound } from '../../lib/errors.ts';
import { sniffImage } from '../../lib/image-type.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { canSeeEvent, loadEvent, requireManageEvent } from './events.access.ts';
import { invalidatePublicCache } from './events.cache.ts';
import { eventImages, events } from './events.tables.ts';

// Event images live in the database (bytea): both engines, backups and restores carry them with no file store.
// Type is checked on the bytes (lib/image-type.ts), not on the declared content type.

export const MAX_IMAGE_BYTES = 2 * 1024 * 1024;

export async function setEventImage(
  deps: Pick<Deps, 'db' | 'clock'>,
  actor: Actor | null,
  eventId: string,
  bytes: Buffer,
) {
  const e = await loadEvent(deps.db, eventId);
  await requireManageEvent(deps.db, actor, e);
  if (bytes.length > MAX_IMAGE_BYTES)
    throw new AppError('PAYLOAD_TOO_LARGE', 'Image trop lourde (2 Mo au plus)', { image: '2 Mo au plus' });
  const contentType = sniffImage(bytes);
  if (!contentType)
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'Image JPEG, PNG ou WebP attendue', {
      image: 'JPEG, PNG ou WebP',
    });
  const row = await deps.db.transaction(async (tx) => {
    await tx.delete(eventImages).where(eq(eventImages.eventId, eventId));
    const [img] = await tx
      .insert(eventImages)
      .values({ eventId, contentType, size: bytes.length, bytes })
      .returning({ id: eventImages.id });
    await tx.update(events).set({ imageId: img.id, updatedAt: deps.clock() }).where(eq(events.id, eventId));
    await recordAudit(tx as never, actor, {
      action: 'event.image',
      entityType: 'event',
      entityId: eventId,
      networkIds: [e.networkId],
      after: { contentType, size: bytes.length },
    });
    return img;
  });
  invalidatePublicCache(deps.db);
  return { id: row.id, contentType, size: bytes.length };
}

/** The image of an event the actor may see (a draft's only to those who may manage it; 404 for anyone else). */
export async function getEventImage(deps: Pick<Deps, 'db'>, actor: Actor | null, eventId: string) {
  const e = await loadEvent(deps.db, eventId);
  if (!(await canSeeEvent(deps.db, actor, e))) throw notFound('Événement introuvable');
  if (!e.imageId) throw notFound('Cet événement n’a pas d’image');
  const [img] = await deps.db.select().from(eventImages).where(eq(eventImages.id, e.imageId));
  if (!img) throw notFound('Cet événement n’a pas d’image');
  return { ...img, isPublic: e.status === 'published' || e.status === 'cancelled' };
}

export const requireImageBody = (body: unknown): Buffer => {
  if (!Buffer.isBuffer(body) || body.length === 0)
    throw invalidInput('Image manquante', { image: 'image requise' });
  return body;
};
