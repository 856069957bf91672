import type { Translate } from '../../lib/i18n.tsx';

// Where the event's pin is, in words, for the person who cannot see the map: from the centre of the commune when
// the form knows it ("à 1,2 km au nord-est du centre de Nancy"), else its latitude and longitude.

export type LatLon = { latitude: number; longitude: number };
export type Reference = LatLon & { name: string };

const directions = ['n', 'ne', 'e', 'se', 's', 'sw', 'w', 'nw'] as const;

/** Distance in metres and compass point (of eight) from `from` to `to`; flat-earth, fine within a commune. */
export function offsetFrom(
  from: LatLon,
  to: LatLon,
): { metres: number; direction: (typeof directions)[number] } {
  const north = (to.latitude - from.latitude) * 111_320;
  const east = (to.longitude - from.longitude) * 111_320 * Math.cos((from.latitude * Math.PI) / 180);
  const degrees = (Math.atan2(east, north) * 180) / Math.PI;
  return { metres: Math.hypot(north, east), direction: directions[Math.round((degrees + 360) / 45) % 8] };
}

export function pinInWords(
  pin: LatLon | null,
  reference: Reference | null,
  t: Translate,
  formatNumber: (n: number, options?: Intl.NumberFormatOptions) => string,
): string {
  if (!pin) return t('events.compose.pinWords.none');
  if (reference) {
    const { metres, direction } = offsetFrom(reference, pin);
    if (metres < 50) return t('events.compose.pinWords.atCentre', { name: reference.name });
    const distance =
      metres < 1000
        ? `${formatNumber(Math.round(metres / 10) * 10)} m`
        : `${formatNumber(metres / 1000, { maximumFractionDigits: 1 })} km`;
    return t('events.compose.pinWords.fromCentre', {
      distance,
      direction: t(`events.compose.pinWords.direction.${direction}`),
      name: reference.name,
    });
  }
  const degrees = (n: number) => formatNumber(n, { maximumFractionDigits: 5 });
  return t('events.compose.pinWords.coordinates', {
    latitude: degrees(pin.latitude),
    longitude: degrees(pin.longitude),
  });
}
