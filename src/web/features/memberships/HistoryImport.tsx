import { type FormEvent, useRef, useState } from 'react';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { ApiError, api } from '../../lib/api.ts';
import { useLocale } from '../../lib/i18n.tsx';

type Report = {
  dryRun: boolean;
  total: number;
  valid: number;
  periodsCreated: number;
  alreadyPresent: number;
  membersCreated: number;
  organizationsCreated: number;
  errors: { line: number; reason: string }[];
};

const MAX_BYTES = 5 * 1024 * 1024;

/** "Importer l’historique": a CSV file → the dry run's report with its bad lines → confirm. */
export function HistoryImport({ networkId, onImported }: { networkId: string; onImported: () => void }) {
  const { t } = useLocale();
  const [file, setFile] = useState<File | null>(null);
  const [report, setReport] = useState<Report | null>(null);
  const [fileError, setFileError] = useState('');
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const out = useRef<HTMLDivElement>(null);

  async function run(dryRun: boolean) {
    if (!file) return setFileError(t('memberships.history.noFile'));
    if (file.size > MAX_BYTES) return setFileError(t('memberships.history.tooBig'));
    setBusy(true);
    setError(undefined);
    setFileError('');
    try {
      const r = await api<Report>(`/api/networks/${encodeURIComponent(networkId)}/memberships/history`, {
        method: 'POST',
        query: { dryRun: dryRun ? '1' : '0' },
        body: file,
        contentType: 'text/csv',
      });
      setReport(r);
      if (!dryRun) onImported();
      requestAnimationFrame(() => out.current?.focus());
    } catch (err) {
      if (err instanceof ApiError && err.status === 400) setFileError(err.message);
      else setError(err);
    } finally {
      setBusy(false);
    }
  }

  function submit(e: FormEvent) {
    e.preventDefault();
    void run(true);
  }

  return (
    <section aria-labelledby="history-import" className="card">
      <h3 id="history-import">{t('memberships.history.title')}</h3>
      <p>{t('memberships.history.intro')}</p>
      <p>
        <a href="/api/memberships/history-template.csv" download>
          {t('memberships.history.template')}
        </a>
      </p>
      <form onSubmit={submit} noValidate>
        <div className="field">
          <label htmlFor="history-file">{t('memberships.history.file')}</label>
          <input
            id="history-file"
            type="file"
            accept=".csv,text/csv"
            aria-invalid={fileError ? true : undefined}
            aria-describedby={fileError ? 'history-file-error' : undefined}
            onChange={(e) => {
              setFile(e.target.files?.[0] ?? null);
              setReport(null);
              setFileError('');
            }}
          />
          {fileError ? (
            <p id="history-file-error" className="field__error" role="alert">
              {fileError}
            </p>
          ) : null}
        </div>
        <button type="submit" className="button" disabled={busy}>
          {t('memberships.history.check')}
        </button>
      </form>
      <ErrorMessage error={error} />
      {report ? (
        <div
          ref={out}
          tabIndex={-1}
          role="status"
          className={report.dryRun ? 'alert alert--info' : 'alert alert--success'}
        >
          <p>
            {t(report.dryRun ? 'memberships.history.preview' : 'memberships.history.done', {
              total: report.total,
              valid: report.valid,
              periods: report.periodsCreated,
              present: report.alreadyPresent,
              members: report.membersCreated,
              organizations: report.organizationsCreated,
              errors: report.errors.length,
            })}
          </p>
          {report.errors.length ? (
            <>
              <p>{t('memberships.history.badLines', { count: report.errors.length })}</p>
              <ul>
                {report.errors.map((e) => (
                  <li key={`${e.line}-${e.reason}`}>
                    {t('memberships.history.line', { line: e.line })} {e.reason}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
          {report.dryRun && report.periodsCreated > 0 ? (
            <button type="button" className="button" disabled={busy} onClick={() => void run(false)}>
              {t('memberships.history.confirm', { count: report.periodsCreated })}
            </button>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}
