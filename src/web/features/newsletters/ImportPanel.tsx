import { type FormEvent, useRef, useState } from 'react';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { ApiError, api } from '../../lib/api.ts';
import { useLocale } from '../../lib/i18n.tsx';
import type { ImportReport } from './types.ts';

const MAX_BYTES = 5 * 1024 * 1024;

/** "Importer des abonnés": a CSV file → the dry run's report (bad lines, refused addresses) → import. */
export function ImportPanel({ listId, onImported }: { listId: string; onImported: () => void }) {
  const { t } = useLocale();
  const [file, setFile] = useState<File | null>(null);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [fileError, setFileError] = useState('');
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const out = useRef<HTMLDivElement>(null);

  async function run(dryRun: boolean) {
    if (!file) return setFileError(t('newsletters.import.noFile'));
    if (file.size > MAX_BYTES) return setFileError(t('newsletters.import.tooBig'));
    setBusy(true);
    setError(undefined);
    setFileError('');
    try {
      const r = await api<ImportReport>(`/api/newsletter-lists/${encodeURIComponent(listId)}/import`, {
        method: 'POST',
        query: { dryRun: dryRun ? 'true' : 'false' },
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

  return (
    <section aria-labelledby="newsletters-import" className="card">
      <h2 id="newsletters-import">{t('newsletters.import.title')}</h2>
      <p>{t('newsletters.import.intro')}</p>
      <form
        onSubmit={(e: FormEvent) => {
          e.preventDefault();
          void run(true);
        }}
        noValidate
      >
        <div className="field">
          <label htmlFor="newsletters-file">{t('newsletters.import.file')}</label>
          <input
            id="newsletters-file"
            type="file"
            accept=".csv,text/csv"
            aria-invalid={fileError ? true : undefined}
            aria-describedby={fileError ? 'newsletters-file-error' : undefined}
            onChange={(e) => {
              setFile(e.target.files?.[0] ?? null);
              setReport(null);
              setFileError('');
            }}
          />
          {fileError ? (
            <p id="newsletters-file-error" className="field__error" role="alert">
              {fileError}
            </p>
          ) : null}
        </div>
        <button type="submit" className="button" disabled={busy}>
          {t('newsletters.import.check')}
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
            {t(report.dryRun ? 'newsletters.import.preview' : 'newsletters.import.done', {
              lines: report.lines,
              imported: report.imported,
              already: report.alreadySubscribed,
            })}
          </p>
          {report.problems.length ? (
            <>
              <p>{t('newsletters.import.problems')}</p>
              <ul>
                {report.problems.map((p) => (
                  <li key={`${p.line}-${p.reason}`}>
                    {t('newsletters.import.line', { line: p.line })} {p.reason}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
          {report.refused.length ? (
            <>
              <p>{t('newsletters.import.refused')}</p>
              <ul>
                {report.refused.map((r) => (
                  <li key={`${r.line}-${r.email}`}>
                    {t('newsletters.import.line', { line: r.line })} {r.email} — {r.reason}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
          {report.dryRun && report.imported > 0 ? (
            <button type="button" className="button" disabled={busy} onClick={() => void run(false)}>
              {t('newsletters.import.confirm', { count: report.imported })}
            </button>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}
