import { type FormEvent, useCallback, useEffect, useRef, useState } from 'react';
import { useParams, useSearchParams } from 'react-router';
import { EmptyState } from '../../components/EmptyState.tsx';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { ApiError, api, withQuery } from '../../lib/api.ts';
import { useLocale } from '../../lib/i18n.tsx';
import { useApi } from '../../lib/use-api.ts';
import { Benchmark } from './Benchmark.tsx';
import { GtecForm } from './GtecForm.tsx';
import { PulseForm } from './PulseForm.tsx';
import type { AnswerData, MyAnswer } from './types.ts';
import './gtec.css';

const SAVE_DELAY_MS = 700;

/**
 * Saves the sections as they are typed: changes wait a moment, then go in one PATCH; the server's field errors
 * come back keyed by the line sent, and are turned into the line on screen.
 */
function useAutosave(path: string, onSaved: () => void) {
  const pending = useRef<Record<string, unknown>>({});
  const rowMaps = useRef<Record<string, number[]>>({});
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const [state, setState] = useState<{ saving: boolean; savedAt?: string; error?: string }>({
    saving: false,
  });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const toScreen = useCallback((fields: Record<string, string>) => {
    const out: Record<string, string> = {};
    for (const [key, message] of Object.entries(fields)) {
      const [section, index, ...rest] = key.split('.');
      const row = rowMaps.current[section]?.[Number(index)];
      out[row === undefined || index === undefined ? key : [section, row, ...rest].join('.')] = message;
    }
    return out;
  }, []);
  const flush = useCallback(async () => {
    const body = pending.current;
    pending.current = {};
    if (Object.keys(body).length === 0) return;
    setState((s) => ({ ...s, saving: true }));
    try {
      const res = await api<{ savedAt: string }>(path, { method: 'PATCH', body });
      setState({ saving: false, savedAt: res.savedAt });
      setErrors({});
      onSaved();
    } catch (err) {
      setState({ saving: false, error: err instanceof Error ? err.message : String(err) });
      if (err instanceof ApiError) setErrors(toScreen(err.fields));
    }
  }, [path, onSaved, toScreen]);
  const save = useCallback(
    (section: keyof AnswerData, value: unknown, rows?: number[]) => {
      pending.current[section] = value;
      if (rows) rowMaps.current[section] = rows;
      clearTimeout(timer.current);
      timer.current = setTimeout(flush, SAVE_DELAY_MS);
    },
    [flush],
  );
  useEffect(() => () => clearTimeout(timer.current), []);
  return { save, flush, state, errors, setErrors, toScreen };
}

/** /gtec/vagues/:id/repondre?jeton=… — the company answers (its link, or signed in) and sees its own figures. */
export function AnswerPage() {
  const { id = '' } = useParams();
  const [params] = useSearchParams();
  const token = params.get('jeton') ?? undefined;
  const { t, formatDate } = useLocale();
  const base = `/api/gtec/waves/${id}/response`;
  const at = (suffix: string) => withQuery(`${base}${suffix}`, { token });
  const mine = useApi<MyAnswer>(base, { token });
  const noop = useCallback(() => undefined, []);
  const autosave = useAutosave(at(''), noop);
  const [message, setMessage] = useState('');
  const [error, setError] = useState<unknown>();
  const [submitErrors, setSubmitErrors] = useState<string[]>([]);
  const [version, setVersion] = useState(0);

  async function act(suffix: '/submit' | '/withdraw') {
    if (suffix === '/withdraw' && !window.confirm(t('gtec.answer.withdrawConfirm'))) return;
    setError(undefined);
    setSubmitErrors([]);
    await autosave.flush();
    try {
      await api(at(suffix), { method: 'POST' });
      setMessage(suffix === '/withdraw' ? t('gtec.answer.withdrawn') : '');
      mine.reload();
      setVersion((v) => v + 1);
    } catch (err) {
      if (err instanceof ApiError && Object.keys(err.fields).length) {
        const onScreen = autosave.toScreen(err.fields);
        autosave.setErrors(onScreen);
        setSubmitErrors(Object.values(err.fields));
      } else setError(err);
    }
  }

  const m = mine.data;
  if (!m) {
    return (
      <div className="page gtec-answer">
        <PageTitle>{t('gtec.home.title')}</PageTitle>
        <ErrorMessage error={mine.error} />
      </div>
    );
  }
  const status = m.answer?.status ?? 'none';
  const readOnly = m.wave.status !== 'open' || status === 'submitted';
  const data = status === 'withdrawn' ? {} : (m.answer?.data ?? {});
  const saveState = autosave.state;
  return (
    <div className="page gtec-answer">
      <PageTitle>{m.wave.title}</PageTitle>
      <p>
        <strong>{t('gtec.answer.for', { name: m.organizationName })}</strong>
      </p>
      {m.wave.isDemo ? <p className="gtec-demo">{t('gtec.answer.demo')}</p> : null}
      <p>
        {m.wave.status === 'open'
          ? t('gtec.answer.open', { date: formatDate(m.wave.closesOn) })
          : m.wave.status === 'scheduled'
            ? t('gtec.answer.scheduled', { date: formatDate(m.wave.opensOn) })
            : t('gtec.answer.closed', { date: formatDate(m.wave.closesOn) })}
      </p>
      <p className="muted">{t('gtec.answer.privacy')}</p>
      <ErrorMessage error={error} />
      <p aria-live="polite" className="gtec-notice">
        {message}
        {status === 'submitted' && m.answer?.submittedAt
          ? t('gtec.answer.submitted', { date: formatDate(m.answer.submittedAt) })
          : ''}
      </p>
      <p aria-live="polite" className="gtec-autosave">
        {saveState.saving
          ? t('gtec.answer.saving')
          : saveState.error
            ? t('gtec.answer.saveError', { message: saveState.error })
            : saveState.savedAt
              ? t('gtec.answer.saved', {
                  time: new Date(saveState.savedAt).toLocaleTimeString([], {
                    hour: '2-digit',
                    minute: '2-digit',
                  }),
                })
              : ''}
      </p>

      {m.wave.kind === 'gtec' ? (
        <>
          <GtecForm
            key={`gtec-${version}`}
            data={data}
            labels={m.romeLabels}
            readOnly={readOnly}
            errors={autosave.errors}
            onSection={autosave.save}
          />
          {readOnly ? null : (
            <CsvUpload
              path={at('/headcount')}
              onDone={() => {
                mine.reload();
                setVersion((v) => v + 1);
              }}
            />
          )}
        </>
      ) : (
        <PulseForm
          key={`pulse-${version}`}
          data={data.pulse ?? {}}
          rotatingQuestion={m.wave.rotatingQuestion}
          readOnly={readOnly}
          errors={autosave.errors}
          onChange={(v) => autosave.save('pulse', v)}
        />
      )}

      {submitErrors.length ? (
        <div role="alert" className="gtec-errors">
          <p>{t('gtec.answer.errors')}</p>
          <ul>
            {submitErrors.map((e) => (
              <li key={e}>{e}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <div className="gtec-actions">
        {m.wave.status === 'open' && status !== 'submitted' ? (
          <button type="button" className="button" onClick={() => act('/submit')}>
            {t('gtec.answer.submit')}
          </button>
        ) : null}
        {m.wave.status === 'open' && (status === 'submitted' || status === 'draft') ? (
          <button type="button" className="button button--secondary" onClick={() => act('/withdraw')}>
            {t('gtec.answer.withdraw')}
          </button>
        ) : null}
        {m.answer && status !== 'withdrawn' ? (
          <a className="button button--secondary" href={at('.csv')} download>
            {t('gtec.answer.download')}
          </a>
        ) : null}
      </div>
      <section aria-labelledby="gtec-benchmark">
        <h2 id="gtec-benchmark">{t('gtec.answer.benchmarkTitle')}</h2>
        {m.wave.kind === 'gtec' && m.wave.status === 'closed' ? (
          <Benchmark waveId={id} token={token} />
        ) : (
          <EmptyState title={t('gtec.answer.benchmark')} />
        )}
      </section>
    </div>
  );
}

/** The headcount as a CSV file: the good lines replace the draft's, the bad ones are listed. */
function CsvUpload({ path, onDone }: { path: string; onDone: () => void }) {
  const { t } = useLocale();
  const [file, setFile] = useState<File | null>(null);
  const [report, setReport] = useState<{
    lines: number;
    kept: number;
    bad: number;
    errors: { line: number; reason: string }[];
  }>();
  const [error, setError] = useState<unknown>();
  async function send(e: FormEvent) {
    e.preventDefault();
    if (!file) return;
    setError(undefined);
    try {
      const res = await api<NonNullable<typeof report>>(path, {
        body: await file.text(),
        contentType: 'text/csv; charset=utf-8',
      });
      setReport(res);
      onDone();
    } catch (err) {
      setError(err);
    }
  }
  return (
    <section aria-labelledby="gtec-csv" className="gtec-csv">
      <h2 id="gtec-csv">{t('gtec.form.csv')}</h2>
      <p className="muted">{t('gtec.form.csvHint')}</p>
      <p>
        <a href="/api/gtec/headcount-template.csv" download>
          {t('gtec.form.csvTemplate')}
        </a>
      </p>
      <form onSubmit={send} className="gtec-form">
        <label htmlFor="gtec-csv-file">{t('gtec.form.csvFile')}</label>
        <input
          id="gtec-csv-file"
          type="file"
          accept=".csv,text/csv"
          onChange={(e) => setFile(e.target.files?.[0] ?? null)}
        />
        <button type="submit" className="button button--secondary" disabled={!file}>
          {t('gtec.form.csvSend')}
        </button>
      </form>
      <ErrorMessage error={error} />
      {report ? (
        <div aria-live="polite">
          <p>{t('gtec.form.csvReport', { kept: report.kept, lines: report.lines, bad: report.bad })}</p>
          {report.errors.length ? (
            <ul>
              {report.errors.map((e) => (
                <li key={e.line}>{t('gtec.form.csvLine', e)}</li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}
