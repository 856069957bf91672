import {
  type InputHTMLAttributes,
  type KeyboardEvent,
  useCallback,
  useEffect,
  useId,
  useRef,
  useState,
} from 'react';
import { Combobox, type ComboboxOption } from '../../components/Combobox.tsx';
import { Field } from '../../components/Field.tsx';
import { TerritoryPicker } from '../../components/TerritoryPicker.tsx';
import { api } from '../../lib/api.ts';
import { useLocale } from '../../lib/i18n.tsx';
import { useSite } from '../../lib/site.tsx';
import type { Form } from './event-form.ts';
import { type LatLon, pinInWords, type Reference } from './pin-words.ts';
import 'leaflet/dist/leaflet.css';

interface Suggestion {
  label: string;
  street: string | null;
  postalCode: string | null;
  communeCode: string | null;
  latitude: number;
  longitude: number;
}
interface GeocodeAnswer {
  status: 'found' | 'none' | 'unavailable';
  suggestions: Suggestion[];
  communeCentre: { communeCode: string; name: string; latitude: number; longitude: number } | null;
}

interface Props {
  form: Form;
  setForm: (update: (f: Form) => Form) => void;
  errors: Record<string, string>;
  idFor: (field: string) => string;
  bound: (name: string) => InputHTMLAttributes<HTMLInputElement> & { label: string; error?: string };
}

/**
 * The place: commune, then the address with suggestions from the national address base (asked through our server),
 * which also sets the postcode and the position on the map. When the geocoder has no answer, the commune's centre
 * or a pin placed on the map gives the position; nobody types a latitude.
 */
export function PlaceFields({ form, setForm, errors, idFor, bound }: Props) {
  const { t } = useLocale();
  const [answer, setAnswer] = useState<GeocodeAnswer | null>(null);
  const [pinning, setPinning] = useState(false);
  const [source, setSource] = useState<'address' | 'commune' | 'pin' | 'saved' | null>(
    form.latitude ? 'saved' : null,
  );
  const found = useRef(new Map<string, Suggestion>());
  const communeCode = String(form.communeCode ?? '').replace('com:', '');
  useEffect(() => {
    if (form.latitude && !source) setSource('saved');
  }, [form.latitude, source]);

  const search = useCallback(
    async (q: string, signal: AbortSignal): Promise<ComboboxOption[]> => {
      const res = await api<GeocodeAnswer>('/api/events/geocode', {
        query: { q, communeCode: communeCode || undefined },
        signal,
      });
      setAnswer(res);
      for (const s of res.suggestions) found.current.set(s.label, s);
      return res.suggestions.map((s) => ({ value: s.label, text: s.street ?? s.label, render: s.label }));
    },
    [communeCode],
  );
  const place = (lat: number, lon: number, from: 'address' | 'commune' | 'pin') => {
    setSource(from);
    setForm((f) => ({ ...f, latitude: String(lat), longitude: String(lon) }));
  };

  const hasPosition = Boolean(form.latitude && form.longitude);
  const noAnswer = answer && answer.status !== 'found';
  return (
    <>
      <TerritoryPicker
        label={t('events.form.commune')}
        id={idFor('communeCode')}
        name="communeCode"
        levels={['commune']}
        value={communeCode ? `com:${communeCode}` : null}
        onChange={(code) => setForm((f) => ({ ...f, communeCode: code ? code.replace('com:', '') : '' }))}
        error={errors.communeCode}
      />
      <Combobox
        label={t('events.form.venueAddress')}
        hint={t('events.compose.addressHint')}
        id={idFor('venueAddress')}
        name="venueAddress"
        value={(form.venueAddress as string) || null}
        minChars={3}
        search={search}
        onInput={(text) => setForm((f) => ({ ...f, venueAddress: text }))}
        onChange={(value) => {
          const s = value ? found.current.get(value) : undefined;
          if (!s) return;
          setForm((f) => ({
            ...f,
            venueAddress: s.street ?? s.label,
            postalCode: s.postalCode ?? f.postalCode,
            communeCode: s.communeCode ?? f.communeCode,
          }));
          place(s.latitude, s.longitude, 'address');
          setAnswer(null);
        }}
        noResult={t('events.compose.noAddress')}
        clearLabel={t('events.compose.clearAddress')}
        error={errors.venueAddress}
      />
      <Field {...bound('postalCode')} />
      <div className="event-form__position">
        <div aria-live="polite">
          {noAnswer ? (
            <p className="alert alert--info">
              {answer.status === 'unavailable'
                ? t('events.compose.geocoderDown')
                : t('events.compose.addressNotFound')}
            </p>
          ) : null}
          <p>
            {hasPosition && source
              ? t(`events.compose.position.${source}`)
              : t('events.compose.position.none')}
          </p>
        </div>
        <div className="actions">
          {noAnswer && answer.communeCentre ? (
            <button
              type="button"
              className="button button--secondary"
              onClick={() =>
                place(answer.communeCentre!.latitude, answer.communeCentre!.longitude, 'commune')
              }
            >
              {t('events.compose.useCommuneCentre', { name: answer.communeCentre.name })}
            </button>
          ) : null}
          <button
            type="button"
            className="button button--secondary"
            aria-expanded={pinning}
            onClick={() => setPinning((p) => !p)}
          >
            {pinning ? t('events.compose.pinDone') : t('events.compose.pin')}
          </button>
        </div>
        {pinning ? (
          <PinMap
            pin={hasPosition ? { latitude: Number(form.latitude), longitude: Number(form.longitude) } : null}
            reference={answer?.communeCentre ?? null}
            onPin={(lat, lon) => place(lat, lon, 'pin')}
          />
        ) : null}
      </div>
    </>
  );
}

/** Pixels a key press moves the pin by: a step that means the same on screen at every zoom. */
const KEY_STEP = 10;
const KEY_STEP_FAR = 50;
const arrows: Record<string, [number, number]> = {
  ArrowUp: [0, -1],
  ArrowDown: [0, 1],
  ArrowLeft: [-1, 0],
  ArrowRight: [1, 0],
};

/**
 * A map on which a click (or a tap) places the event's pin; by keyboard, the focused map moves the pin with the
 * arrows and places it at its centre with Enter or Space, and a live line says where the pin is in words.
 */
function PinMap(props: {
  pin: LatLon | null;
  reference: Reference | null;
  onPin: (lat: number, lon: number) => void;
}) {
  const { t, formatNumber } = useLocale();
  const site = useSite();
  const container = useRef<HTMLDivElement>(null);
  const hintId = useId();
  const onPin = useRef(props.onPin);
  onPin.current = props.onPin;
  const pin = useRef(props.pin);
  pin.current = props.pin;
  const start = useRef(props.pin ?? props.reference);
  const leaflet = useRef<{ L: typeof import('leaflet'); map: import('leaflet').Map } | null>(null);
  const marker = useRef<import('leaflet').CircleMarker | null>(null);
  const tilesUrl = site?.mapTiles?.url;
  const attribution = site?.mapTiles?.attribution ?? '';

  const placeAt = useCallback((latlng: import('leaflet').LatLng) => {
    const current = leaflet.current;
    if (!current) return;
    if (marker.current) marker.current.setLatLng(latlng);
    else marker.current = current.L.circleMarker(latlng, { radius: 8 }).addTo(current.map);
    // Keep the pin in sight when the keyboard takes it towards an edge.
    if (!current.map.getBounds().pad(-0.15).contains(latlng)) current.map.panTo(latlng);
    onPin.current(Math.round(latlng.lat * 1e6) / 1e6, Math.round(latlng.lng * 1e6) / 1e6);
  }, []);
  const placeAtCentre = () => {
    if (leaflet.current) placeAt(leaflet.current.map.getCenter());
  };

  useEffect(() => {
    if (!tilesUrl) return;
    let map: import('leaflet').Map | undefined;
    let cancelled = false;
    import('leaflet').then((L) => {
      if (cancelled || !container.current) return;
      const from = start.current;
      // Leaflet's own keys pan the map; here the arrows move the pin instead (onKeyDown below).
      map = L.map(container.current, { zoomAnimation: false, fadeAnimation: false, keyboard: false });
      map.setView(from ? [from.latitude, from.longitude] : [48.7, 5.9], from ? 15 : 7);
      L.tileLayer(tilesUrl, { maxZoom: 19, attribution: attribution.replace(/[<>&]/g, '') }).addTo(map);
      leaflet.current = { L, map };
      const saved = pin.current;
      marker.current = saved
        ? L.circleMarker([saved.latitude, saved.longitude], { radius: 8 }).addTo(map)
        : null;
      map.on('click', (e) => placeAt(e.latlng));
    });
    return () => {
      cancelled = true;
      leaflet.current = null;
      marker.current = null;
      map?.off();
      map?.remove();
    };
  }, [tilesUrl, attribution, placeAt]);

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const current = leaflet.current;
    if (!current || e.altKey || e.ctrlKey || e.metaKey) return;
    const { map } = current;
    const arrow = arrows[e.key];
    if (arrow || e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      const from = marker.current?.getLatLng();
      if (!from) return placeAtCentre();
      if (!arrow) return;
      const step = e.shiftKey ? KEY_STEP_FAR : KEY_STEP;
      const point = map.project(from, map.getZoom()).add([arrow[0] * step, arrow[1] * step]);
      placeAt(map.unproject(point, map.getZoom()));
    } else if (e.key === '+' || e.key === '=' || e.key === '-' || e.key === '−') {
      e.preventDefault();
      if (e.key === '+' || e.key === '=') map.zoomIn();
      else map.zoomOut();
    }
  };

  return (
    <div>
      <p className="muted" id={hintId}>
        {t('events.compose.pinHint')}
      </p>
      <div
        ref={container}
        className="event-map__canvas"
        role="application"
        // biome-ignore lint/a11y/noNoninteractiveTabindex: an application region that takes its own keys (onKeyDown)
        tabIndex={0}
        aria-label={t('events.compose.pinMap')}
        aria-describedby={hintId}
        onKeyDown={onKeyDown}
      />
      <p className="event-form__pin-words" aria-live="polite" data-testid="pin-words">
        {pinInWords(props.pin, props.reference, t, formatNumber)}
      </p>
      <div className="actions">
        <button type="button" className="button button--secondary" onClick={placeAtCentre}>
          {t('events.compose.pinAtCentre')}
        </button>
      </div>
    </div>
  );
}
