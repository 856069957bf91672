import { type FormEvent, useCallback, useEffect, useRef, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { Field } from '../../components/Field.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { ApiError, api } from '../../lib/api.ts';
import { useLocale } from '../../lib/i18n.tsx';
import { useApi } from '../../lib/use-api.ts';
import { OccurrencePicker } from './OccurrencePicker.tsx';
import { type Scanner, startScanner } from './qr-scanner.ts';
import type { CheckInAnswer, RegistrantList } from './types.ts';
import './registrations.css';

/** /inscriptions/evenement/:id/accueil — the door: scan tickets with the phone camera, type a code, or search. */
export function CheckInPage() {
  const { t, formatDateTime } = useLocale();
  const { id = '' } = useParams();
  const base = `/api/events/${encodeURIComponent(id)}`;
  // The date at the door (a recurring event): from the list page's link, else the server's default (the next).
  const [search] = useSearchParams();
  const [occurrence, setOccurrence] = useState(search.get('occurrence') ?? '');
  const { data, error, reload } = useApi<RegistrantList>(`${base}/registrations`, {
    status: 'confirmed',
    occurrence: occurrence || undefined,
  });
  // A ticket is checked in for the date shown: a ticket of another date is refused, naming its date.
  const date = data?.event.recurring ? data.occurrence : undefined;
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);
  const [code, setCode] = useState('');
  const [q, setQ] = useState('');
  const [cameraError, setCameraError] = useState('');
  const [scanning, setScanning] = useState(false);
  const videoRef = useRef<HTMLVideoElement>(null);
  const scannerRef = useRef<Scanner | null>(null);
  const lastCode = useRef<{ text: string; at: number }>({ text: '', at: 0 });

  const checkIn = useCallback(
    async (body: { token: string } | { registrationId: string }) => {
      try {
        const answer = await api<CheckInAnswer>(`${base}/check-in`, {
          body: { ...body, ...(date ? { occurrence: date } : {}) },
        });
        setResult({
          ok: true,
          text: answer.alreadyCheckedIn
            ? t('registrations.checkin.already', {
                name: answer.name,
                time: formatDateTime(answer.checkedInAt),
              })
            : t('registrations.checkin.welcome', { name: answer.name }),
        });
        reload();
      } catch (err) {
        setResult({ ok: false, text: err instanceof ApiError ? err.message : String(err) });
      }
    },
    [base, date, t, formatDateTime, reload],
  );

  const onCode = useCallback(
    (text: string) => {
      const now = Date.now();
      // The same ticket stays in front of the camera for a while: read it once.
      if (text === lastCode.current.text && now - lastCode.current.at < 4000) return;
      lastCode.current = { text, at: now };
      void checkIn({ token: text });
    },
    [checkIn],
  );

  async function toggleCamera() {
    if (scannerRef.current) {
      scannerRef.current.stop();
      scannerRef.current = null;
      setScanning(false);
      return;
    }
    setCameraError('');
    try {
      if (!videoRef.current) return;
      scannerRef.current = await startScanner(videoRef.current, onCode);
      setScanning(true);
    } catch (err) {
      setCameraError(t('registrations.checkin.cameraError', { message: (err as Error).message }));
    }
  }
  useEffect(() => () => scannerRef.current?.stop(), []);

  function submitCode(e: FormEvent) {
    e.preventDefault();
    if (code.trim()) void checkIn({ token: code.trim() });
    setCode('');
  }

  async function undo(registrationId: string) {
    await api(`${base}/check-in/${registrationId}`, { method: 'DELETE' });
    reload();
  }

  if (error) return <ErrorMessage error={error} />;
  const needle = q.trim().toLowerCase();
  const people = (data?.items ?? []).filter(
    (p) =>
      !needle ||
      p.name.toLowerCase().includes(needle) ||
      p.email.includes(needle) ||
      (p.organization ?? '').toLowerCase().includes(needle),
  );
  return (
    <div className="page checkin">
      <PageTitle>{t('registrations.checkin.title', { title: data?.event.title ?? '' })}</PageTitle>
      <p>
        <Link to={`/inscriptions/evenement/${id}`}>{t('registrations.checkin.back')}</Link>
      </p>
      <OccurrencePicker
        list={data}
        onChange={(value) => {
          setOccurrence(value);
          setResult(null);
        }}
      />
      {data ? (
        <p className="checkin__count" role="status">
          {t('registrations.checkin.present', { count: data.counts.checkedIn, total: data.counts.confirmed })}
        </p>
      ) : null}
      {result ? (
        <div className={`alert ${result.ok ? 'alert--success' : 'alert--error'}`} role="alert">
          <p className="checkin__result">{result.text}</p>
        </div>
      ) : null}

      <section aria-labelledby="scan-title">
        <h2 id="scan-title">{t('registrations.checkin.scan')}</h2>
        <p className="muted">{t('registrations.checkin.cameraHelp')}</p>
        <button type="button" className="button" onClick={toggleCamera}>
          {scanning ? t('registrations.checkin.stopCamera') : t('registrations.checkin.startCamera')}
        </button>
        {cameraError ? <p className="field__error">{cameraError}</p> : null}
        <video ref={videoRef} className="checkin__video" hidden={!scanning} muted playsInline />
        <form onSubmit={submitCode} className="form-narrow">
          <Field
            label={t('registrations.checkin.manual')}
            hint={t('registrations.checkin.manualHint')}
            name="token"
            autoComplete="off"
            value={code}
            onChange={(e) => setCode(e.target.value)}
          />
          <button type="submit" className="button button--secondary">
            {t('registrations.checkin.validate')}
          </button>
        </form>
      </section>

      <section aria-labelledby="people-title">
        <h2 id="people-title">{t('registrations.checkin.list')}</h2>
        <Field
          label={t('registrations.checkin.search')}
          type="search"
          name="q"
          value={q}
          onChange={(e) => setQ(e.target.value)}
        />
        <ul className="checkin__people">
          {people.map((p) => (
            <li key={p.id}>
              <span>
                <strong>{p.name}</strong>
                {p.organization ? <span className="muted"> · {p.organization}</span> : null}
              </span>
              {p.checkedInAt ? (
                <button
                  type="button"
                  className="button button--small button--secondary"
                  onClick={() => undo(p.id)}
                >
                  ✓ {formatDateTime(p.checkedInAt)} · {t('registrations.checkin.undo')}
                </button>
              ) : (
                <button
                  type="button"
                  className="button button--small"
                  onClick={() => checkIn({ registrationId: p.id })}
                  aria-label={`${t('registrations.checkin.markPresent')} : ${p.name}`}
                >
                  {t('registrations.checkin.markPresent')}
                </button>
              )}
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
