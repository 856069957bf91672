import { and, asc, count, eq, inArray } from 'drizzle-orm';
import type { Actor, Deps } from '../../context.ts';
import type { Db } from '../../db/client.ts';
import { conflict, notFound } from '../../lib/errors.ts';
import { isUuid } from '../../lib/fields.ts';
import { requireCoordinatorOf } from '../accounts/authz.ts';
import { recordAudit } from '../audit/audit.service.ts';
import {
  type EventForRegistration,
  getEventForRegistration,
  getVisibleEvent,
} from '../events/events.service.ts';
import { fairExhibitors, fairs } from './fairs.tables.ts';

export type Fair = typeof fairs.$inferSelect;
export type FairInput = {
  eventId: string;
  name?: string;
  description?: string | null;
  zones?: string[];
  applicationsOpen?: boolean;
  applicationsCloseAt?: Date | null;
};

const isUniqueViolation = (err: unknown): boolean => {
  for (let e = err as { code?: string; cause?: unknown } | undefined; e; e = e.cause as typeof e) {
    if (e.code === '23505') return true;
  }
  return false;
};

async function loadFairEvent(db: Db, eventId: string) {
  const event = await getEventForRegistration(db, eventId);
  if (!event) throw notFound('Événement introuvable');
  return event;
}

/** Turns an event into a fair taking exhibitor applications; coordinators of the event's network only. */
export async function createFair(deps: Pick<Deps, 'db'>, actor: Actor | null, input: FairInput) {
  const event = await loadFairEvent(deps.db, input.eventId);
  await requireCoordinatorOf(deps.db, actor, event.networkId);
  try {
    return await deps.db.transaction(async (trx) => {
      const tx = trx as unknown as Db;
      const [fair] = await tx
        .insert(fairs)
        .values({
          eventId: event.id,
          networkId: event.networkId,
          name: input.name?.trim() || event.title,
          description: input.description ?? null,
          zones: input.zones ?? [],
          applicationsOpen: input.applicationsOpen ?? true,
          applicationsCloseAt: input.applicationsCloseAt ?? null,
          isDemo: event.isDemo,
        })
        .returning();
      await recordAudit(tx, actor, {
        action: 'fair.create',
        entityType: 'fair',
        entityId: fair.id,
        networkIds: [event.networkId],
        after: fair,
      });
      return fair;
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw conflict('Cet événement a déjà un salon (exposants)');
    throw err;
  }
}

export async function requireFair(db: Db, fairId: string): Promise<Fair> {
  const [fair] = isUuid(fairId) ? await db.select().from(fairs).where(eq(fairs.id, fairId)).limit(1) : [];
  if (!fair) throw notFound('Salon introuvable');
  return fair;
}

/**
 * A fair the actor may see: one on a draft or submitted event stays with the event's organisers and coordinators
 * (404 for anyone else, as for an unknown fair, so that nothing of the draft leaks).
 */
export async function requireVisibleFair(db: Db, actor: Actor | null, fairId: string): Promise<Fair> {
  const fair = await requireFair(db, fairId);
  if (!(await getVisibleEvent(db, actor, fair.eventId))) throw notFound('Salon introuvable');
  return fair;
}

/** Edits a fair's settings (name, description, zones, applications open or closed). */
export async function updateFair(
  deps: Pick<Deps, 'db' | 'clock'>,
  actor: Actor | null,
  fairId: string,
  patch: Omit<Partial<FairInput>, 'eventId'>,
) {
  const fair = await requireFair(deps.db, fairId);
  await requireCoordinatorOf(deps.db, actor, fair.networkId);
  return deps.db.transaction(async (trx) => {
    const tx = trx as unknown as Db;
    const [after] = await tx
      .update(fairs)
      .set({ ...patch, updatedAt: deps.clock() })
      .where(eq(fairs.id, fairId))
      .returning();
    await recordAudit(tx, actor, {
      action: 'fair.update',
      entityType: 'fair',
      entityId: fairId,
      networkIds: [fair.networkId],
      before: fair,
      after,
    });
    return after;
  });
}

/** Whether the fair takes applications now. */
export const applicationsOpenNow = (fair: Fair, now: Date) =>
  fair.applicationsOpen && (!fair.applicationsCloseAt || fair.applicationsCloseAt > now);

/** A fair with its event and the number of accepted exhibitors, when the actor may see its event. */
export async function getFair(deps: Pick<Deps, 'db' | 'clock'>, actor: Actor | null, fairId: string) {
  const fair = await requireVisibleFair(deps.db, actor, fairId);
  const [described] = await describeFairs(deps, actor, [fair]);
  if (!described) throw notFound('Salon introuvable');
  return described;
}

/** Fairs the actor may see, soonest first (optionally those of one event). */
export async function listFairs(
  deps: Pick<Deps, 'db' | 'clock'>,
  actor: Actor | null,
  opts: { eventId?: string } = {},
) {
  const rows = await deps.db
    .select()
    .from(fairs)
    .where(opts.eventId ? eq(fairs.eventId, opts.eventId) : undefined)
    .orderBy(asc(fairs.createdAt));
  const described = await describeFairs(deps, actor, rows);
  return described.sort((a, b) => a.event.startsAt.getTime() - b.event.startsAt.getTime());
}

/** The fairs of `rows` whose event the actor may see, described (the others are left out). */
async function describeFairs(deps: Pick<Deps, 'db' | 'clock'>, actor: Actor | null, all: Fair[]) {
  const visible: { fair: Fair; event: EventForRegistration }[] = [];
  for (const fair of all) {
    const event = await getVisibleEvent(deps.db, actor, fair.eventId);
    if (event) visible.push({ fair, event });
  }
  const rows = visible.map((v) => v.fair);
  if (rows.length === 0) return [];
  const counts = await deps.db
    .select({ fairId: fairExhibitors.fairId, n: count() })
    .from(fairExhibitors)
    .where(
      and(
        inArray(
          fairExhibitors.fairId,
          rows.map((f) => f.id),
        ),
        eq(fairExhibitors.status, 'accepted'),
      ),
    )
    .groupBy(fairExhibitors.fairId);
  const byFair = new Map(counts.map((c) => [c.fairId, c.n]));
  const now = deps.clock();
  const out = [];
  for (const { fair, event } of visible) {
    out.push({
      id: fair.id,
      eventId: fair.eventId,
      networkId: fair.networkId,
      name: fair.name,
      description: fair.description,
      zones: fair.zones,
      applicationsOpen: applicationsOpenNow(fair, now),
      applicationsCloseAt: fair.applicationsCloseAt,
      exhibitorCount: byFair.get(fair.id) ?? 0,
      isDemo: fair.isDemo,
      event: {
        id: event.id,
        title: event.title,
        startsAt: event.startsAt,
        endsAt: event.endsAt,
        venueName: event.venueName,
        communeName: event.communeName,
      },
    });
  }
  return out;
}
