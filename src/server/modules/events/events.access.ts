import { eq } from 'drizzle-orm';
import type { Actor } from '../../context.ts';
import type { Db } from '../../db/client.ts';
import { forbidden, invalidInput, notFound } from '../../lib/errors.ts';
import { isUuid } from '../../lib/fields.ts';
import { canEditOrganization, isCoordinatorOf, requireSignedIn } from '../accounts/authz.ts';
import { cached } from './events.cache.ts';
import { campaigns, events } from './events.tables.ts';

export type EventRow = typeof events.$inferSelect;
export type CampaignRow = typeof campaigns.$inferSelect;

export async function loadEvent(db: Db, id: string): Promise<EventRow> {
  const [e] = isUuid(id) ? await db.select().from(events).where(eq(events.id, id)).limit(1) : [];
  if (!e) throw notFound('Événement introuvable');
  return e;
}

export async function loadCampaign(db: Db, idOrSlug: string): Promise<CampaignRow> {
  const [c] = await db
    .select()
    .from(campaigns)
    .where(isUuid(idOrSlug) ? eq(campaigns.id, idOrSlug) : eq(campaigns.slug, idOrSlug))
    .limit(1);
  if (!c) throw notFound('Campagne introuvable');
  return c;
}

/**
 * What the public pages need of a campaign named in a filter (name, status, network), or null if there is none.
 * Read through the public cache: every campaign write clears it, and the hot public listing then asks the database
 * nothing for its filter.
 */
export function campaignForFilter(db: Db, idOrSlug: string) {
  return cached(db, `campaign-filter:${idOrSlug}`, Date.now(), async () => {
    const c = await loadCampaign(db, idOrSlug).catch(() => undefined);
    return c ? { name: c.name, status: c.status, networkId: c.networkId } : null;
  });
}

/**
 * The `campaign` filter of a listing, feed or programme: a draft campaign is unknown to anyone but its network's
 * coordinators (same 400 as a slug that does not exist), so that its name never reaches the public.
 */
export async function checkCampaignFilter(db: Db, actor: Actor | null, idOrSlug: string | undefined) {
  if (!idOrSlug) return;
  const c = await campaignForFilter(db, idOrSlug);
  if (!c || (c.status === 'draft' && !(await isCoordinatorOf(db, actor, c.networkId)))) {
    throw invalidInput('Campagne inconnue', { campaign: `campagne inconnue : ${idOrSlug}` });
  }
}

/** Organisers: whoever may edit one of the organising organisations. */
export async function isOrganizerOf(
  db: Db,
  actor: Actor | null,
  organizationIds: string[],
): Promise<boolean> {
  if (!actor) return false;
  for (const id of organizationIds) if (await canEditOrganization(db, actor, id)) return true;
  return false;
}

/** May the actor edit, submit or cancel this event? Its organisers and the coordinators of its network. */
export async function canManageEvent(
  db: Db,
  actor: Actor | null,
  e: Pick<EventRow, 'networkId' | 'organizerOrganizationIds'>,
): Promise<boolean> {
  if (!actor) return false;
  if (await isCoordinatorOf(db, actor, e.networkId)) return true;
  return isOrganizerOf(db, actor, e.organizerOrganizationIds);
}

/** Anyone sees a published or cancelled event; a draft or a submission only those who may manage it. */
export async function canSeeEvent(
  db: Db,
  actor: Actor | null,
  e: Pick<EventRow, 'status' | 'networkId' | 'organizerOrganizationIds'>,
): Promise<boolean> {
  if (e.status === 'published' || e.status === 'cancelled') return true;
  return canManageEvent(db, actor, e);
}

export async function requireManageEvent(db: Db, actor: Actor | null, e: EventRow) {
  requireSignedIn(actor);
  if (!(await canManageEvent(db, actor, e))) {
    throw forbidden('Réservé aux organisateurs de l’événement et aux coordinateurs du réseau');
  }
}

export async function requireModerator(db: Db, actor: Actor | null, e: EventRow) {
  requireSignedIn(actor);
  if (!(await isCoordinatorOf(db, actor, e.networkId))) {
    throw forbidden('Réservé aux coordinateurs du réseau de la campagne');
  }
}

/** Is the campaign's call for events open at `now`? */
export function callIsOpen(c: CampaignRow, now: Date): boolean {
  if (c.status !== 'open') return false;
  if (c.callOpensAt && c.callOpensAt > now) return false;
  if (c.callClosesAt && c.callClosesAt < now) return false;
  return true;
}
