import { and, asc, eq, gte, or, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { events } from './events.tables.ts';

// A network's coming published events, for other modules' content (the newsletter's agenda block).

export type UpcomingEvent = {
  id: string;
  title: string;
  summary: string | null;
  startsAt: Date;
  endsAt: Date;
  venueName: string | null;
  communeName: string | null;
  /** The public page of the event. */
  url: string;
};

/** The published events of `networkId` not ended at `now` (a recurring one until its last occurrence), soonest first. */
export async function upcomingNetworkEvents(
  db: Db,
  opts: { networkId: string; now: Date; limit: number; publicUrl: string },
): Promise<UpcomingEvent[]> {
  const rows = await db
    .select({
      id: events.id,
      title: events.title,
      summary: events.summary,
      startsAt: events.startsAt,
      endsAt: events.endsAt,
      venueName: events.venueName,
      communeName: events.communeName,
    })
    .from(events)
    .where(
      and(
        eq(events.networkId, opts.networkId),
        eq(events.status, 'published'),
        or(
          gte(events.endsAt, opts.now),
          gte(sql`coalesce(${events.lastEndsAt}, ${events.endsAt})`, opts.now),
        ),
      ),
    )
    .orderBy(asc(events.startsAt))
    .limit(opts.limit);
  const base = opts.publicUrl.replace(/\/+$/, '');
  return rows.map((r) => ({ ...r, url: `${base}/agenda/evenements/${r.id}` }));
}
