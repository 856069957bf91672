import { type FormEvent, useRef, useState } from 'react';
import { Link } from 'react-router';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { useDocumentTitle } from '../../components/PageTitle.tsx';
import { ApiError, api } from '../../lib/api.ts';
import { useLocale } from '../../lib/i18n.tsx';
import { useMe } from '../../lib/session.tsx';
import { CsvFileField, ImportErrors, NetworkSelect } from './CsvImport.tsx';
import type { ImportReport } from './types.ts';
import { useManagedNetworks } from './useNetworks.ts';

const MAX_BYTES = 10 * 1024 * 1024;

function send(file: File, dryRun: boolean, networkId: string) {
  return api<ImportReport>('/api/organizations/import', {
    method: 'POST',
    query: { dryRun: String(dryRun), networkId: networkId || undefined },
    body: file,
    contentType: 'text/csv',
  });
}

/** CSV import of organisations: choose a file, preview (dry run) with the row errors, then confirm. */
export function ImportTab() {
  const { t } = useLocale();
  useDocumentTitle(`${t('admin.tabs.import')} · ${t('admin.title')}`);
  const me = useMe();
  const { networks } = useManagedNetworks();
  const [file, setFile] = useState<File | null>(null);
  const [networkId, setNetworkId] = useState('');
  const [preview, setPreview] = useState<ImportReport | null>(null);
  const [result, setResult] = useState<ImportReport | null>(null);
  const [fileError, setFileError] = useState('');
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const resultRef = useRef<HTMLDivElement>(null);
  const admin = Boolean(me.account?.isPlatformAdmin);
  const selectedNetwork = networkId || (!admin && networks.length === 1 ? networks[0].id : '');

  async function run(dryRun: boolean) {
    if (!file) {
      setFileError(t('admin.import.noFile'));
      return;
    }
    if (file.size > MAX_BYTES) {
      setFileError(t('admin.import.tooBig'));
      return;
    }
    setBusy(true);
    setError(undefined);
    setFileError('');
    try {
      const report = await send(file, dryRun, selectedNetwork);
      if (dryRun) {
        setPreview(report);
        setResult(null);
      } else {
        setResult(report);
        setPreview(null);
      }
      requestAnimationFrame(() => resultRef.current?.focus());
    } catch (err) {
      if (
        err instanceof ApiError &&
        err.status >= 400 &&
        err.status < 500 &&
        err.status !== 401 &&
        err.status !== 403
      )
        setFileError(err.message);
      else setError(err);
    } finally {
      setBusy(false);
    }
  }

  function submit(e: FormEvent) {
    e.preventDefault();
    void run(true);
  }

  const report = preview ?? result;
  const fieldLabel = (field: string) => {
    const key = `directory.edit.fields.${field}`;
    const label = t(key);
    return label === key ? field : label;
  };
  return (
    <div>
      <h2>{t('admin.tabs.import')}</h2>
      <p className="muted">{t('admin.import.intro')}</p>
      <p>
        <a href="/api/organizations/import-template.csv" download>
          {t('admin.import.template')}
        </a>
      </p>
      <p>
        <Link to="/admin/organisations/nouvelle">{t('admin.newOrg.link')}</Link>
      </p>
      <form className="form-narrow" onSubmit={submit} noValidate>
        <CsvFileField
          hint={t('admin.import.fileHint')}
          error={fileError}
          onFile={(file) => {
            setFile(file);
            setPreview(null);
            setResult(null);
            setFileError('');
          }}
        />
        <NetworkSelect
          label={t('admin.import.network')}
          hint={admin ? t('admin.import.networkHintAdmin') : t('admin.import.networkHint')}
          value={selectedNetwork}
          admin={admin}
          networks={networks}
          onChange={setNetworkId}
        />
        <div className="actions">
          <button type="submit" className="button" disabled={busy}>
            {t('admin.import.preview')}
          </button>
        </div>
      </form>
      <ErrorMessage error={error} />
      {report ? (
        <section
          ref={resultRef}
          tabIndex={-1}
          className="import-report"
          aria-labelledby="import-report-title"
        >
          <h3 id="import-report-title">
            {preview ? t('admin.import.previewTitle') : t('admin.import.doneTitle')}
          </h3>
          <div className={`alert ${report.errors.length ? 'alert--info' : 'alert--success'}`} role="status">
            <p>
              {t('admin.import.summary', {
                rows: t('admin.import.rows', { count: report.total }),
                valid: t('admin.import.valid', { count: report.valid }),
                errors: t('admin.import.errors', { count: report.errors.length }),
              })}
            </p>
            {result ? (
              <p>
                {t('admin.import.doneSummary', {
                  created: t('admin.import.doneCreated', { count: report.created }),
                  updated: t('admin.import.doneUpdated', { count: report.updated }),
                })}
              </p>
            ) : null}
            {preview && report.valid > 0 ? (
              <p>
                {t('admin.import.previewSummary', {
                  created: t('admin.import.created', { count: report.created }),
                  updated: t('admin.import.updated', { count: report.updated }),
                })}
              </p>
            ) : null}
            {report.ignoredColumns?.length ? (
              <p>{t('admin.import.ignored', { columns: report.ignoredColumns.join(', ') })}</p>
            ) : null}
          </div>
          <ImportErrors errors={report.errors} fieldLabel={fieldLabel} />
          {preview && report.valid > 0 ? (
            <div className="actions">
              <button type="button" className="button" disabled={busy} onClick={() => run(false)}>
                {t('admin.import.confirm', { count: report.valid })}
              </button>
              <button type="button" className="button button--secondary" onClick={() => setPreview(null)}>
                {t('common.cancel')}
              </button>
            </div>
          ) : null}
          {result ? (
            <p>
              <Link to="/annuaire?sort=name">{t('admin.import.seeDirectory')}</Link>
            </p>
          ) : null}
        </section>
      ) : null}
    </div>
  );
}
