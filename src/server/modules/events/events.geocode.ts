import { z } from 'zod';
import type { Db } from '../../db/client.ts';
import { communeAncestry } from '../territories/territories.service.ts';
import { communeCentre } from './events.places.ts';

// The place of an event from its address: suggestions from the national address base's geocoder
// (api-adresse.data.gouv.fr, GEOCODER_URL), asked by the server so that the browser never calls a third party.
// When it does not answer in time, or finds nothing, the commune's centre (when known) stands in, and the form
// lets the person place a pin on the map.

export const GEOCODER_TIMEOUT_MS = 3000;

/** The part of the geocoder's GeoJSON answer we read; anything else in it is ignored. */
const geocoderAnswer = z.object({
  features: z
    .array(
      z.object({
        geometry: z.object({ coordinates: z.tuple([z.number(), z.number()]).rest(z.number()) }),
        properties: z.object({
          label: z.string(),
          citycode: z.string().optional(),
          postcode: z.string().optional(),
          name: z.string().optional(),
        }),
      }),
    )
    .max(50),
});

export type AddressSuggestion = {
  label: string;
  /** Street part of the address ("3 Rue des Tanneurs"). */
  street: string | null;
  postalCode: string | null;
  communeCode: string | null;
  latitude: number;
  longitude: number;
};

export type GeocodeResult = {
  /** `found`: suggestions; `none`: the geocoder found nothing; `unavailable`: it did not answer (in time). */
  status: 'found' | 'none' | 'unavailable';
  suggestions: AddressSuggestion[];
  /** The commune's centre, when the geocoder gives nothing and the commune's position is known. */
  communeCentre: { communeCode: string; name: string; latitude: number; longitude: number } | null;
};

/** Up to five addresses matching `q` (in the commune when one is given), from the geocoder at `baseUrl`. */
export async function geocodeAddress(
  deps: { db: Db; geocoderUrl: string; timeoutMs?: number },
  q: string,
  communeCode?: string,
): Promise<GeocodeResult> {
  const commune = communeCode ? communeAncestry(communeCode) : undefined;
  const url = new URL(`${deps.geocoderUrl}/search/`);
  url.searchParams.set('q', q);
  url.searchParams.set('limit', '5');
  if (commune) url.searchParams.set('citycode', commune.communeCode);
  let status: GeocodeResult['status'] = 'unavailable';
  let suggestions: AddressSuggestion[] = [];
  try {
    const res = await fetch(url, {
      headers: { accept: 'application/json' },
      signal: AbortSignal.timeout(deps.timeoutMs ?? GEOCODER_TIMEOUT_MS),
    });
    if (res.ok) {
      const parsed = geocoderAnswer.safeParse(await res.json());
      if (parsed.success) {
        suggestions = parsed.data.features.slice(0, 5).map((f) => ({
          label: f.properties.label,
          street: f.properties.name ?? null,
          postalCode: f.properties.postcode ?? null,
          communeCode: f.properties.citycode ?? null,
          longitude: f.geometry.coordinates[0],
          latitude: f.geometry.coordinates[1],
        }));
        status = suggestions.length ? 'found' : 'none';
      }
    }
  } catch {
    // Unreachable, timed out or not JSON: the commune's centre or a pin instead.
  }
  const centre =
    status !== 'found' && commune ? await communeCentre(deps.db, commune.communeCode) : undefined;
  return {
    status,
    suggestions,
    communeCentre:
      centre && commune
        ? {
            communeCode: commune.communeCode,
            name: commune.name,
            latitude: centre.lat,
            longitude: centre.lon,
          }
        : null,
  };
}
