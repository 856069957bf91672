import {
  and,
  arrayContains,
  arrayOverlaps,
  asc,
  between,
  eq,
  ilike,
  inArray,
  lte,
  type SQL,
  sql,
} from 'drizzle-orm';
import type { Deps } from '../../context.ts';
import type { Db } from '../../db/client.ts';
import { invalidInput } from '../../lib/errors.ts';
import { normalizeName, territoryFilter } from '../territories/territories.service.ts';
import { type EventRow, loadCampaign } from './events.access.ts';
import { cached } from './events.cache.ts';
import { organizerNames } from './events.organizers.ts';
import { communeCentre, distanceKm } from './events.places.ts';
import { accessibilityCodes, audienceCodes, formatCodes, themeCodes } from './events.reference.ts';
import type { EventSummary, ListingQuery } from './events.schemas.ts';
import { seatsLeftFor } from './events.seats.ts';
import { events } from './events.tables.ts';
import { expandOccurrences, parseLocalDateTime } from './events.time.ts';

const DAY = 86_400_000;

/** "2026-11-05" (a Paris calendar day: start of day for `from`, end of day for `to`) or an ISO instant. */
function parseBound(value: string | undefined, field: 'from' | 'to'): Date | undefined {
  if (!value) return undefined;
  const d = parseLocalDateTime(value);
  if (!d) throw invalidInput(`Date invalide : ${value}`, { [field]: 'date invalide (AAAA-MM-JJ)' });
  if (field === 'to' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return new Date(d.getTime() + DAY - 1);
  return d;
}

function checkCodes(list: string[] | undefined, known: Set<string>, field: string) {
  const bad = list?.filter((c) => !known.has(c)) ?? [];
  if (bad.length)
    throw invalidInput(`Valeur inconnue : ${bad.join(', ')}`, { [field]: `inconnu : ${bad.join(', ')}` });
}

async function nearCentre(db: Db, near: string): Promise<{ lat: number; lon: number }> {
  const m = /^(-?\d+(?:\.\d+)?),\s*(-?\d+(?:\.\d+)?)$/.exec(near);
  if (m) return { lat: +m[1], lon: +m[2] };
  const centre = await communeCentre(db, near.replace(/^com:/, ''));
  if (!centre) {
    throw invalidInput('Position inconnue pour cette commune', {
      near: 'commune sans coordonnées connues : donnez "lat,lon"',
    });
  }
  return centre;
}

export type Listing = { items: EventSummary[]; total: number; page: number; pageSize: number };

/** Rows matching the filters (published events only), and the window used to expand recurring events. */
export async function findPublicEvents(db: Db, query: ListingQuery, now: Date) {
  checkCodes(query.theme, themeCodes, 'theme');
  checkCodes(query.format, formatCodes, 'format');
  checkCodes(query.audience, audienceCodes, 'audience');
  checkCodes(query.accessibility, accessibilityCodes, 'accessibility');
  const from = parseBound(query.from, 'from') ?? now;
  const to = parseBound(query.to, 'to') ?? new Date(from.getTime() + 366 * DAY);
  if (to < from) throw invalidInput('La fin de période précède le début', { to: 'doit suivre « from »' });
  const where: (SQL | undefined)[] = [
    eq(events.status, 'published'),
    lte(events.startsAt, to),
    sql`coalesce(${events.lastEndsAt}, 'infinity'::timestamptz) >= ${from.toISOString()}::timestamptz`,
  ];
  if (query.campaign) {
    const campaign = await loadCampaign(db, query.campaign).catch(() => {
      throw invalidInput('Campagne inconnue', { campaign: `campagne inconnue : ${query.campaign}` });
    });
    where.push(eq(events.campaignId, campaign.id));
  }
  if (query.territory) {
    const f = territoryFilter(query.territory, 'territory');
    if (f) where.push(eq(events[f.column], f.value));
  }
  if (query.organizer) where.push(arrayContains(events.organizerOrganizationIds, [query.organizer]));
  if (query.theme?.length) where.push(arrayOverlaps(events.themes, query.theme));
  if (query.format?.length) where.push(inArray(events.format, query.format));
  if (query.audience?.length) where.push(arrayOverlaps(events.audiences, query.audience));
  if (query.accessibility?.length) where.push(arrayContains(events.accessibility, query.accessibility));
  if (query.free !== undefined) where.push(eq(events.isFree, query.free));
  if (query.q) {
    for (const token of normalizeName(query.q).split(' ').filter(Boolean).slice(0, 8)) {
      where.push(ilike(events.searchText, `%${token.replace(/[\\%_]/g, (c) => `\\${c}`)}%`));
    }
  }
  let centre: { lat: number; lon: number } | undefined;
  if (query.near) {
    centre = await nearCentre(db, query.near);
    const dLat = query.radiusKm / 111;
    const dLon = query.radiusKm / (111 * Math.cos((centre.lat * Math.PI) / 180));
    where.push(between(events.latitude, centre.lat - dLat, centre.lat + dLat));
    where.push(between(events.longitude, centre.lon - dLon, centre.lon + dLon));
  }
  let rows = await db
    .select()
    .from(events)
    .where(and(...where))
    .orderBy(asc(events.startsAt))
    .limit(10_000);
  if (centre) {
    const c = centre;
    rows = rows.filter((r) => distanceKm(c, { lat: r.latitude!, lon: r.longitude! }) <= query.radiusKm);
  }
  return { rows, from, to };
}

/** Summaries of events, one per occurrence in the window when a window is given. */
export async function toSummaries(
  db: Db,
  rows: EventRow[],
  window?: { from: Date; to: Date },
): Promise<EventSummary[]> {
  const names = await organizerNames(
    db,
    rows.flatMap((r) => r.organizerOrganizationIds),
  );
  const seats = await seatsLeftFor(db, rows);
  const out: EventSummary[] = [];
  for (const r of rows) {
    const occurrences = window ? expandOccurrences(r, window.from, window.to) : [r];
    for (const o of occurrences) {
      out.push({
        id: r.id,
        title: r.title,
        summary: r.summary,
        format: r.format,
        themes: r.themes,
        audiences: r.audiences,
        startsAt: o.startsAt.toISOString(),
        endsAt: o.endsAt.toISOString(),
        isRecurring: Boolean(r.recurrenceRule),
        recurrenceRule: r.recurrenceRule,
        venueName: r.venueName,
        communeCode: r.communeCode,
        communeName: r.communeName,
        departmentCode: r.departmentCode,
        latitude: r.latitude,
        longitude: r.longitude,
        onlineUrl: r.onlineUrl,
        accessibility: r.accessibility,
        isFree: r.isFree,
        priceText: r.priceText,
        registrationMode: r.registrationMode,
        capacity: r.capacity,
        membersOnly: r.membersOnly,
        seatsLeft: seats.get(r.id) ?? null,
        status: r.status,
        campaignId: r.campaignId,
        organizers: r.organizerOrganizationIds.map((id) => ({ id, name: names.get(id) ?? '' })),
        imageUrl: r.imageId ? `/api/events/${r.id}/image` : null,
        isDemo: r.isDemo,
      });
    }
  }
  out.sort((a, b) => a.startsAt.localeCompare(b.startsAt) || a.title.localeCompare(b.title, 'fr'));
  return out;
}

/** The public listing: published events matching the filters, one item per occurrence, paginated (cached). */
export async function listPublicEvents(
  deps: Pick<Deps, 'db' | 'clock'>,
  query: ListingQuery,
): Promise<Listing> {
  const now = deps.clock();
  return cached(deps.db, `list:${JSON.stringify(query)}`, now.getTime(), async () => {
    const { rows, from, to } = await findPublicEvents(deps.db, query, now);
    let items = await toSummaries(deps.db, rows, { from, to });
    if (query.hasSeats) items = items.filter((i) => i.seatsLeft === null || i.seatsLeft > 0);
    const start = (query.page - 1) * query.pageSize;
    return {
      items: items.slice(start, start + query.pageSize),
      total: items.length,
      page: query.page,
      pageSize: query.pageSize,
    };
  });
}

/** The listing already serialised (the hot path of the public calendar: no per-request JSON work). */
export async function listPublicEventsJson(
  deps: Pick<Deps, 'db' | 'clock'>,
  query: ListingQuery,
): Promise<Buffer> {
  const now = deps.clock();
  return cached(deps.db, `list.json:${JSON.stringify(query)}`, now.getTime(), async () =>
    Buffer.from(JSON.stringify(await listPublicEvents(deps, query))),
  );
}
