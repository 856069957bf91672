import { and, eq, isNotNull, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { events } from './events.tables.ts';

// Approximate town-centre coordinates of Grand Est's main communes. The territories reference carries no
// coordinates: this table centres the "near a commune" filter for these towns (other communes fall back on the
// coordinates of events held there) and places the demo events on the map.

export const townCentres: Record<string, { lat: number; lon: number }> = {
  '08105': { lat: 49.7625, lon: 4.7265 },
  '08409': { lat: 49.7019, lon: 4.9403 },
  '08362': { lat: 49.5097, lon: 4.3675 },
  '10387': { lat: 48.2973, lon: 4.0744 },
  '10323': { lat: 48.5161, lon: 3.7267 },
  '10033': { lat: 48.2333, lon: 4.7069 },
  '51454': { lat: 49.2583, lon: 4.0317 },
  '51108': { lat: 48.9566, lon: 4.3631 },
  '51230': { lat: 49.0403, lon: 3.9597 },
  '51649': { lat: 48.7247, lon: 4.5847 },
  '52121': { lat: 48.1113, lon: 5.1392 },
  '52448': { lat: 48.6383, lon: 4.9497 },
  '52269': { lat: 47.8625, lon: 5.3331 },
  '54395': { lat: 48.6921, lon: 6.1844 },
  '54329': { lat: 48.5894, lon: 6.4964 },
  '54547': { lat: 48.6566, lon: 6.171 },
  '54528': { lat: 48.675, lon: 5.8917 },
  '54323': { lat: 49.5197, lon: 5.7606 },
  '54431': { lat: 48.9053, lon: 6.0547 },
  '55029': { lat: 48.7727, lon: 5.16 },
  '55545': { lat: 49.1598, lon: 5.3844 },
  '55122': { lat: 48.7631, lon: 5.5917 },
  '57463': { lat: 49.1193, lon: 6.1757 },
  '57672': { lat: 49.3579, lon: 6.1683 },
  '57227': { lat: 49.1881, lon: 6.8961 },
  '57631': { lat: 49.11, lon: 7.0686 },
  '57630': { lat: 48.7358, lon: 7.0536 },
  '67482': { lat: 48.5734, lon: 7.7521 },
  '67180': { lat: 48.8156, lon: 7.7906 },
  '67462': { lat: 48.2594, lon: 7.4542 },
  '67437': { lat: 48.7414, lon: 7.3619 },
  '67447': { lat: 48.6069, lon: 7.7497 },
  '67218': { lat: 48.5297, lon: 7.715 },
  '68224': { lat: 47.7508, lon: 7.3359 },
  '68066': { lat: 48.0794, lon: 7.3585 },
  '68297': { lat: 47.59, lon: 7.56 },
  '68112': { lat: 47.9089, lon: 7.21 },
  '88160': { lat: 48.1724, lon: 6.4496 },
  '88413': { lat: 48.2847, lon: 6.9492 },
  '88383': { lat: 48.0175, lon: 6.5908 },
  '88196': { lat: 48.0722, lon: 6.8775 },
};

/** Great-circle distance in km. */
export function distanceKm(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLon = (b.lon - a.lon) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.sqrt(h));
}

/** A commune's centre: the table above, else the average position of the events held there; undefined if neither. */
export async function communeCentre(
  db: Db,
  communeCode: string,
): Promise<{ lat: number; lon: number } | undefined> {
  if (townCentres[communeCode]) return townCentres[communeCode];
  const [avg] = await db
    .select({
      lat: sql<number | null>`avg(${events.latitude})`,
      lon: sql<number | null>`avg(${events.longitude})`,
    })
    .from(events)
    .where(and(eq(events.communeCode, communeCode), isNotNull(events.latitude)));
  if (avg?.lat === null || avg?.lat === undefined || avg.lon === null) return undefined;
  return { lat: Number(avg.lat), lon: Number(avg.lon) };
}
