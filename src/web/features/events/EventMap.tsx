import { useEffect, useRef, useState } from 'react';
import { useLocale } from '../../lib/i18n.tsx';
import { EventList } from './EventList.tsx';
import type { EventSummary } from './types.ts';
import 'leaflet/dist/leaflet.css';

/**
 * Events with coordinates on an OpenStreetMap map (Leaflet, loaded on demand). When tiles cannot load (offline,
 * blocked), a notice says so and the list of the same events below keeps the page usable.
 */
export function EventMap({ events }: { events: EventSummary[] }) {
  const { t } = useLocale();
  const container = useRef<HTMLDivElement>(null);
  const [tilesFailed, setTilesFailed] = useState(false);
  const placed = events.filter((e) => e.latitude !== null && e.longitude !== null);

  useEffect(() => {
    let map: import('leaflet').Map | undefined;
    let cancelled = false;
    import('leaflet').then((L) => {
      if (cancelled || !container.current) return;
      map = L.map(container.current, { scrollWheelZoom: false }).setView([48.7, 5.9], 7);
      const tiles = L.tileLayer('https://tile.openstreetmap.org/{z}/{x}/{y}.png', {
        maxZoom: 18,
        attribution: '&copy; contributeurs OpenStreetMap',
      });
      tiles.on('tileerror', () => setTilesFailed(true));
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
      if (bounds.length) map.fitBounds(bounds, { padding: [20, 20], maxZoom: 12 });
    });
    return () => {
      cancelled = true;
      map?.remove();
    };
  }, [placed]);

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
