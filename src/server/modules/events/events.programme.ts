import type { Deps } from '../../context.ts';
import type { Db } from '../../db/client.ts';
import { loadReference } from '../territories/territories.data.ts';
import { campaignForFilter } from './events.access.ts';
import { cached } from './events.cache.ts';
import { buildCalendar } from './events.ics.ts';
import { findPublicEvents, toSummaries } from './events.listing.ts';
import { markdownToText } from './events.markdown.ts';
import { audienceLabel, formatLabel, themeLabel } from './events.reference.ts';
import type { EventSummary, ListingQuery } from './events.schemas.ts';
import { PARIS } from './events.time.ts';

// A programme is the published events matching a filter: as a calendar feed (ICS), RSS, CSV, XLSX, a printable
// page and a PDF. Feeds carry future events only; exports carry the whole period asked.

type FeedDeps = Pick<Deps, 'db' | 'clock' | 'config'>;

const dateFmt = new Intl.DateTimeFormat('fr-FR', {
  timeZone: PARIS,
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
});
const timeFmt = new Intl.DateTimeFormat('fr-FR', { timeZone: PARIS, hour: '2-digit', minute: '2-digit' });
const isoDay = new Intl.DateTimeFormat('en-CA', {
  timeZone: PARIS,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});
export const frenchDate = (iso: string) => dateFmt.format(new Date(iso));
export const frenchTime = (iso: string) => timeFmt.format(new Date(iso));
export const parisDay = (iso: string) => isoDay.format(new Date(iso));

/** The feed's title: the campaign's name when filtered on one. */
export async function feedTitle(db: Db, query: { campaign?: string }) {
  if (!query.campaign) return 'Agenda Maillage';
  return (await campaignForFilter(db, query.campaign))?.name ?? 'Agenda Maillage';
}

/** Calendar of the matching events that have not ended yet (one VEVENT per event, RRULE for series), as bytes. */
export async function icsFeed(deps: FeedDeps, query: ListingQuery): Promise<Buffer> {
  const now = deps.clock();
  return cached(deps.db, `ics:${JSON.stringify(query)}`, now.getTime(), async () => {
    const from = query.from && new Date(query.from) > now ? query.from : now.toISOString();
    const { rows } = await findPublicEvents(deps.db, { ...query, from }, now);
    const name = await feedTitle(deps.db, query);
    return Buffer.from(buildCalendar(rows, { name, publicUrl: deps.config.publicUrl }));
  });
}

/** Occurrences of the matching events, in date order (for RSS and exports). */
export async function programmeItems(deps: FeedDeps, query: ListingQuery): Promise<EventSummary[]> {
  const now = deps.clock();
  return cached(deps.db, `programme:${JSON.stringify(query)}`, now.getTime(), async () => {
    const { rows, from, to } = await findPublicEvents(deps.db, query, now);
    const items = await toSummaries(deps.db, rows, { from, to });
    return query.hasSeats ? items.filter((i) => i.seatsLeft === null || i.seatsLeft > 0) : items;
  });
}

const xml = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!,
  );

export function rssFeed(
  items: EventSummary[],
  opts: { title: string; publicUrl: string; selfPath: string },
): string {
  const entries = items.slice(0, 200).map((i) => {
    const link = `${opts.publicUrl}/agenda/evenements/${i.id}`;
    const when = `${frenchDate(i.startsAt)}, ${frenchTime(i.startsAt)}`;
    const where = [i.venueName, i.communeName].filter(Boolean).join(', ') || 'En ligne';
    const text = [when, where, markdownToText(i.summary)].filter(Boolean).join(' — ');
    return `<item><title>${xml(i.title)}</title><link>${xml(link)}</link><guid isPermaLink="false">${xml(`${i.id}/${i.startsAt}`)}</guid><pubDate>${new Date(i.startsAt).toUTCString()}</pubDate><description>${xml(text)}</description></item>`;
  });
  return `<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom"><channel><title>${xml(opts.title)}</title><link>${xml(`${opts.publicUrl}/agenda`)}</link><atom:link href="${xml(opts.publicUrl + opts.selfPath)}" rel="self" type="application/rss+xml"/><description>${xml(opts.title)}</description><language>fr</language>${entries.join('')}</channel></rss>`;
}

const departmentName = (code: string | null) =>
  code ? (loadReference().byCode.get(`dep:${code}`)?.name ?? code) : 'En ligne';

export const programmeHeader = [
  'Date',
  'Début',
  'Fin',
  'Titre',
  'Format',
  'Thèmes',
  'Publics',
  'Lieu',
  'Commune',
  'Département',
  'Organisateurs',
  'Tarif',
  'Inscription',
  'Places restantes',
  'Lien',
];

export function programmeRows(items: EventSummary[], publicUrl: string): (string | number | null)[][] {
  return items.map((i) => [
    parisDay(i.startsAt),
    frenchTime(i.startsAt),
    frenchTime(i.endsAt),
    i.title,
    formatLabel.get(i.format) ?? i.format,
    i.themes.map((t) => themeLabel.get(t) ?? t).join(', '),
    i.audiences.map((a) => audienceLabel.get(a) ?? a).join(', '),
    i.venueName ?? (i.onlineUrl ? 'En ligne' : ''),
    i.communeName ?? '',
    departmentName(i.departmentCode),
    i.organizers.map((o) => o.name).join(', '),
    i.isFree ? 'Gratuit' : (i.priceText ?? 'Payant'),
    { none: 'Entrée libre', maillage: 'Sur Maillage', external: 'Externe' }[i.registrationMode] ??
      i.registrationMode,
    i.seatsLeft,
    `${publicUrl}/agenda/evenements/${i.id}`,
  ]);
}

/** Occurrences grouped by department (by name, online last) then by day. */
export function groupByDepartmentThenDay(items: EventSummary[]) {
  const groups = new Map<string, { code: string | null; name: string; days: Map<string, EventSummary[]> }>();
  for (const i of items) {
    const key = i.departmentCode ?? '~online';
    let g = groups.get(key);
    if (!g) {
      g = { code: i.departmentCode, name: departmentName(i.departmentCode), days: new Map() };
      groups.set(key, g);
    }
    const day = parisDay(i.startsAt);
    g.days.set(day, [...(g.days.get(day) ?? []), i]);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([, g]) => ({ ...g, days: [...g.days.entries()].sort(([a], [b]) => a.localeCompare(b)) }));
}
