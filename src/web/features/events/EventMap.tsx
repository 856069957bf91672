import { useEffect, useMemo, useRef, useState } from 'react';
import { useLocale } from '../../lib/i18n.tsx';
import { useSite } from '../../lib/site.tsx';
import { EventList } from './EventList.tsx';
import type { EventSummary } from './types.ts';
import 'leaflet/dist/leaflet.css';

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/**
 * Events with coordinates on a map (Leaflet, loaded on demand) whose tiles come from the installation's tile server
 * (MAP_TILES_URL, OpenStreetMap by default). When tiles cannot load (offline, blocked), a notice says so and the
 * list of the same events below keeps the page usable.
 */
export function EventMap({ events }: { events: EventSummary[] }) {
  const { t } = useLocale();
  const site = useSite();
  const container = useRef<HTMLDivElement>(null);
  const [tilesFailed, setTilesFailed] = useState(false);
  const placed = useMemo(() => events.filter((e) => e.latitude !== null && e.longitude !== null), [events]);
  const tilesUrl = site?.mapTiles?.url;
  const attribution = site?.mapTiles?.attribution ?? '';

  useEffect(() => {
    if (!tilesUrl) return;
    let map: import('leaflet').Map | undefined;
    let cancelled = false;
    import('leaflet').then((L) => {
      if (cancelled || !container.current) return;
      // No animations: a map removed while it zooms (leaving the view) would otherwise finish the zoom on a
      // removed map and throw.
      map = L.map(container.current, { scrollWheelZoom: false, zoomAnimation: false, fadeAnimation: false });
      map.setView([48.7, 5.9], 7);
      const tiles = L.tileLayer(tilesUrl, { maxZoom: 18, attribution: escapeHtml(attribution) });
      tiles.on('tileerror', () => {
        if (!cancelled) setTilesFailed(true);
      });
      tiles.addTo(map);
      const bounds: [number, number][] = [];
      for (const e of placed) {
        const ll: [number, number] = [e.latitude!, e.longitude!];
        bounds.push(ll);
        const link = document.createElement('a');
        link.href = `/agenda/evenements/${e.id}`;
        link.textContent = e.title;
        L.circleMarker(ll, { radius: 7, color: '#1a5d3a', fillOpacity: 0.7 }).bindPopup(link).addTo(map);
      }
      if (bounds.length) map.fitBounds(bounds, { padding: [20, 20], maxZoom: 12, animate: false });
    });
    return () => {
      cancelled = true;
      map?.off();
      map?.remove();
    };
  }, [placed, tilesUrl, attribution]);

  return (
    <section className="event-map" aria-label={t('events.map.title')}>
      {tilesFailed ? (
        <p className="alert alert--info" role="status">
          {t('events.map.noTiles')}
        </p>
      ) : null}
      <div ref={container} className="event-map__canvas" />
      {placed.length < events.length ? (
        <p className="muted">{t('events.map.withoutPlace', { count: events.length - placed.length })}</p>
      ) : null}
      <EventList events={events} />
    </section>
  );
}
