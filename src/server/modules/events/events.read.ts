import { and, desc, eq, inArray, or, type SQL } from 'drizzle-orm';
import type { Actor, Deps } from '../../context.ts';
import { coordinatedNetworkIds, isCoordinatorOf, requireSignedIn } from '../accounts/authz.ts';
import { requireNetwork } from '../accounts/networks.service.ts';
import { canManageEvent, type EventRow, loadEvent, requireManageEvent } from './events.access.ts';
import { toSummaries } from './events.listing.ts';
import { renderMarkdown } from './events.markdown.ts';
import type { EventDetail } from './events.schemas.ts';
import { campaigns, events } from './events.tables.ts';
import { expandOccurrences, formatLocalDateTime } from './events.time.ts';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/**
 * One event: anyone sees a published or cancelled event (its public version); drafts and submissions only their
 * organisers and coordinators, who also get the moderation state and any pending edit.
 */
export async function getEventDetail(
  deps: Pick<Deps, 'db' | 'clock'>,
  actor: Actor | null,
  id: string,
): Promise<EventDetail> {
  const e = await loadEvent(deps.db, id);
  const isPublic = e.status === 'published' || e.status === 'cancelled';
  if (!isPublic) await requireManageEvent(deps.db, actor, e);
  const canEdit = await canManageEvent(deps.db, actor, e);
  const now = deps.clock();
  const [summary] = await toSummaries(deps.db, [e]);
  const upcoming = expandOccurrences(e, now, new Date(now.getTime() + 400 * 86_400_000)).slice(0, 12);
  const network = await requireNetwork(deps.db, e.networkId);
  const [campaign] = e.campaignId
    ? await deps.db
        .select({ id: campaigns.id, slug: campaigns.slug, name: campaigns.name })
        .from(campaigns)
        .where(eq(campaigns.id, e.campaignId))
    : [];
  return {
    ...summary,
    description: e.description,
    descriptionHtml: renderMarkdown(e.description),
    timezone: e.timezone,
    firstStartsAt: e.startsAt.toISOString(),
    firstEndsAt: e.endsAt.toISOString(),
    lastEndsAt: iso(e.lastEndsAt),
    recurrenceExceptions: e.recurrenceExceptions,
    upcomingOccurrences: upcoming.map((o) => ({
      startsAt: o.startsAt.toISOString(),
      endsAt: o.endsAt.toISOString(),
    })),
    venueAddress: e.venueAddress,
    postalCode: e.postalCode,
    epciCode: e.epciCode,
    regionCode: e.regionCode,
    registrationUrl: e.registrationUrl,
    registrationClosesAt: iso(e.registrationClosesAt),
    contactName: e.contactName,
    contactEmail: e.contactEmail,
    contactPhone: e.contactPhone,
    networkId: e.networkId,
    network: { id: network.id, slug: network.slug, name: network.name },
    campaign: campaign ?? null,
    publishedAt: iso(e.publishedAt),
    manage: canEdit
      ? {
          canEdit,
          canModerate: await isCoordinatorOf(deps.db, actor, e.networkId),
          moderationMessage: e.moderationMessage,
          pendingEdit: (e.pendingEdit as Record<string, unknown>) ?? null,
          pendingEditStatus: e.pendingEditStatus,
          start: formatLocalDateTime(e.startsAt, e.timezone),
          end: formatLocalDateTime(e.endsAt, e.timezone),
        }
      : undefined,
  };
}

export type ManagedEvent = {
  id: string;
  title: string;
  summary: string | null;
  status: string;
  pendingEditStatus: string | null;
  moderationMessage: string | null;
  startsAt: string;
  communeName: string | null;
  departmentCode: string | null;
  campaignId: string | null;
  organizers: { id: string; name: string }[];
  submittedAt: string | null;
};

async function managed(deps: Pick<Deps, 'db'>, rows: EventRow[]): Promise<ManagedEvent[]> {
  const summaries = new Map((await toSummaries(deps.db, rows)).map((s) => [s.id, s]));
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    summary: r.summary,
    status: r.status,
    pendingEditStatus: r.pendingEditStatus,
    moderationMessage: r.moderationMessage,
    startsAt: r.startsAt.toISOString(),
    communeName: r.communeName,
    departmentCode: r.departmentCode,
    campaignId: r.campaignId,
    organizers: summaries.get(r.id)?.organizers ?? [],
    submittedAt: iso(r.submittedAt),
  }));
}

/** The events an actor created, or whose network they coordinate (newest first). */
export async function listMyEvents(deps: Pick<Deps, 'db'>, actor: Actor | null): Promise<ManagedEvent[]> {
  const who = requireSignedIn(actor);
  const networks = await coordinatedNetworkIds(deps.db, who);
  const conditions: SQL[] = [];
  if (who.accountId) conditions.push(eq(events.createdBy, who.accountId));
  if (networks.length) conditions.push(inArray(events.networkId, networks));
  if (!conditions.length) return [];
  const rows = await deps.db
    .select()
    .from(events)
    .where(or(...conditions))
    .orderBy(desc(events.updatedAt))
    .limit(500);
  return managed(deps, rows);
}

/** Submissions and pending edits awaiting a decision, in the networks the actor coordinates (oldest first). */
export async function moderationQueue(
  deps: Pick<Deps, 'db'>,
  actor: Actor | null,
  opts: { campaignId?: string } = {},
): Promise<ManagedEvent[]> {
  const who = requireSignedIn(actor);
  const networks = who.isPlatformAdmin ? null : await coordinatedNetworkIds(deps.db, who);
  if (networks && networks.length === 0) return [];
  const rows = await deps.db
    .select()
    .from(events)
    .where(
      and(
        or(eq(events.status, 'submitted'), eq(events.pendingEditStatus, 'submitted')),
        networks ? inArray(events.networkId, networks) : undefined,
        opts.campaignId ? eq(events.campaignId, opts.campaignId) : undefined,
      ),
    )
    .orderBy(events.submittedAt)
    .limit(500);
  return managed(deps, rows);
}
