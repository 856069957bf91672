import { type InputHTMLAttributes, useCallback, useEffect, useRef, useState } from 'react';
import { Combobox, type ComboboxOption } from '../../components/Combobox.tsx';
import { Field } from '../../components/Field.tsx';
import { TerritoryPicker } from '../../components/TerritoryPicker.tsx';
import { api } from '../../lib/api.ts';
import { useLocale } from '../../lib/i18n.tsx';
import { useSite } from '../../lib/site.tsx';
import type { Form } from './event-form.ts';
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
      <div className="event-form__position" aria-live="polite">
        {noAnswer ? (
          <p className="alert alert--info">
            {answer.status === 'unavailable'
              ? t('events.compose.geocoderDown')
              : t('events.compose.addressNotFound')}
          </p>
        ) : null}
        <p>
          {hasPosition && source ? t(`events.compose.position.${source}`) : t('events.compose.position.none')}
        </p>
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
          <button type="button" className="button button--secondary" onClick={() => setPinning((p) => !p)}>
            {pinning ? t('events.compose.pinDone') : t('events.compose.pin')}
          </button>
        </div>
        {pinning ? (
          <PinMap
            latitude={hasPosition ? Number(form.latitude) : (answer?.communeCentre?.latitude ?? null)}
            longitude={hasPosition ? Number(form.longitude) : (answer?.communeCentre?.longitude ?? null)}
            onPin={(lat, lon) => place(lat, lon, 'pin')}
          />
        ) : null}
      </div>
    </>
  );
}

/** A map on which a click (or a tap) places the event's pin. */
function PinMap(props: {
  latitude: number | null;
  longitude: number | null;
  onPin: (lat: number, lon: number) => void;
}) {
  const { t } = useLocale();
  const site = useSite();
  const container = useRef<HTMLDivElement>(null);
  const onPin = useRef(props.onPin);
  onPin.current = props.onPin;
  const start = useRef({ lat: props.latitude, lon: props.longitude });
  const tilesUrl = site?.mapTiles?.url;
  const attribution = site?.mapTiles?.attribution ?? '';
  useEffect(() => {
    if (!tilesUrl) return;
    let map: import('leaflet').Map | undefined;
    let cancelled = false;
    import('leaflet').then((L) => {
      if (cancelled || !container.current) return;
      const { lat, lon } = start.current;
      map = L.map(container.current, { zoomAnimation: false, fadeAnimation: false });
      map.setView(lat !== null && lon !== null ? [lat, lon] : [48.7, 5.9], lat !== null ? 15 : 7);
      L.tileLayer(tilesUrl, { maxZoom: 19, attribution: attribution.replace(/[<>&]/g, '') }).addTo(map);
      let marker =
        lat !== null && lon !== null ? L.circleMarker([lat, lon], { radius: 8 }).addTo(map) : undefined;
      map.on('click', (e) => {
        marker?.remove();
        marker = L.circleMarker(e.latlng, { radius: 8 }).addTo(map!);
        onPin.current(Math.round(e.latlng.lat * 1e6) / 1e6, Math.round(e.latlng.lng * 1e6) / 1e6);
      });
    });
    return () => {
      cancelled = true;
      map?.off();
      map?.remove();
    };
  }, [tilesUrl, attribution]);
  return (
    <div>
      <p className="muted">{t('events.compose.pinHint')}</p>
      <div
        ref={container}
        className="event-map__canvas"
        role="application"
        aria-label={t('events.compose.pinMap')}
      />
    </div>
  );
}
