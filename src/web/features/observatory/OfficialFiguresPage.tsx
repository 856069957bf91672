import { type FormEvent, useRef, useState } from 'react';
import { Link } from 'react-router';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { useDocumentTitle } from '../../components/PageTitle.tsx';
import { ApiError, api } from '../../lib/api.ts';
import { useLocale } from '../../lib/i18n.tsx';
import { useMe } from '../../lib/session.tsx';
import { useApi } from '../../lib/use-api.ts';
import { CsvFileField, ImportErrors, NetworkSelect } from '../admin/CsvImport.tsx';
import { useManagedNetworks } from '../admin/useNetworks.ts';
import type { OfficialFigure } from './types.ts';

const MAX_BYTES = 2 * 1024 * 1024;
/** CSV columns named in the server's row errors → the labels of this page. */
const columnKeys: Record<string, string> = {
  private_jobs_share: 'privateJobsShare',
  source_url: 'sourceUrl',
};

type Report = {
  dryRun: boolean;
  total: number;
  valid: number;
  imported: number;
  errors: { line: number; field: string; reason: string }[];
};
type Figure = OfficialFigure & { id: string; territory: { code: string; name: string }; canRemove: boolean };

/**
 * Admin › Chiffres publiés: the published figures the dashboards show beside the Sirene estimates. A coordinator
 * checks a CSV (nothing written, row errors listed), imports its good rows, and removes the figures of their network.
 */
export function OfficialFiguresPage() {
  const { t, formatNumber } = useLocale();
  useDocumentTitle(`${t('admin.tabs.figures')} · ${t('admin.title')}`);
  const me = useMe();
  const admin = Boolean(me.account?.isPlatformAdmin);
  const { networks } = useManagedNetworks();
  const figures = useApi<{ items: Figure[] }>('/api/observatory/official-figures');
  const year = (f: Figure) => (f.year === null ? t('observatory.yearUnknown') : String(f.year));
  const [file, setFile] = useState<File | null>(null);
  const [networkId, setNetworkId] = useState('');
  const [report, setReport] = useState<Report | null>(null);
  const [fileError, setFileError] = useState('');
  const [notice, setNotice] = useState('');
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const reportRef = useRef<HTMLElement>(null);
  const noticeRef = useRef<HTMLParagraphElement>(null);
  const selectedNetwork = networkId || (!admin && networks.length === 1 ? networks[0].id : '');

  async function send(dryRun: boolean) {
    if (!file) return setFileError(t('admin.import.noFile'));
    if (file.size > MAX_BYTES) return setFileError(t('observatory.figuresAdmin.tooBig'));
    setBusy(true);
    setError(undefined);
    setFileError('');
    setNotice('');
    try {
      const result = await api<Report>('/api/observatory/official-figures/import', {
        method: 'POST',
        query: { dryRun: String(dryRun), networkId: selectedNetwork || undefined },
        body: file,
        contentType: 'text/csv',
      });
      if (dryRun) {
        setReport(result);
        requestAnimationFrame(() => reportRef.current?.focus());
      } else {
        setReport(null);
        setNotice(t('observatory.figuresAdmin.imported', { count: result.imported }));
        figures.reload();
        requestAnimationFrame(() => noticeRef.current?.focus());
      }
    } catch (err) {
      // The file's own faults (encoding, columns, size, network to choose) are said at the file field.
      if (err instanceof ApiError && (err.status === 400 || err.status === 413)) setFileError(err.message);
      else setError(err);
    } finally {
      setBusy(false);
    }
  }

  async function remove(f: Figure) {
    const what = `${f.territory.name}, ${year(f)} (${f.source})`;
    if (!window.confirm(t('observatory.figuresAdmin.confirmRemove', { what }))) return;
    setError(undefined);
    try {
      await api(`/api/observatory/official-figures/${f.id}`, { method: 'DELETE' });
      setNotice(t('observatory.figuresAdmin.removed', { what }));
      figures.reload();
      requestAnimationFrame(() => noticeRef.current?.focus());
    } catch (err) {
      setError(err);
    }
  }

  const number = (n: number | null) => (n === null ? '—' : formatNumber(n));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void send(true);
  };
  return (
    <div>
      <h2>{t('admin.tabs.figures')}</h2>
      <p className="muted">{t('observatory.figuresAdmin.intro')}</p>
      <form className="form-narrow" onSubmit={submit} noValidate>
        <CsvFileField
          hint={t('observatory.figuresAdmin.fileHint')}
          error={fileError}
          onFile={(file) => {
            setFile(file);
            setReport(null);
            setFileError('');
          }}
        />
        {admin || networks.length > 1 ? (
          <NetworkSelect
            label={t('observatory.figuresAdmin.network')}
            hint={t('observatory.figuresAdmin.networkHint')}
            value={selectedNetwork}
            admin={admin}
            networks={networks}
            onChange={setNetworkId}
          />
        ) : null}
        <div className="actions">
          <button type="submit" className="button" disabled={busy}>
            {t('admin.import.preview')}
          </button>
        </div>
      </form>
      <ErrorMessage error={error} />
      {notice ? (
        <p ref={noticeRef} tabIndex={-1} className="alert alert--success" role="status">
          {notice}
        </p>
      ) : null}
      {report ? (
        <section
          ref={reportRef}
          tabIndex={-1}
          className="import-report"
          aria-labelledby="figures-report-title"
        >
          <h3 id="figures-report-title">{t('admin.import.previewTitle')}</h3>
          <p className={`alert ${report.errors.length ? 'alert--info' : 'alert--success'}`} role="status">
            {t('admin.import.summary', {
              rows: t('admin.import.rows', { count: report.total }),
              valid: t('admin.import.valid', { count: report.valid }),
              errors: t('admin.import.errors', { count: report.errors.length }),
            })}
          </p>
          <ImportErrors
            errors={report.errors}
            fieldLabel={(f) => t(`observatory.figuresAdmin.${columnKeys[f] ?? f}`)}
          />
          {report.valid > 0 ? (
            <div className="actions">
              <button type="button" className="button" disabled={busy} onClick={() => send(false)}>
                {t('admin.import.confirm', { count: report.valid })}
              </button>
              <button type="button" className="button button--secondary" onClick={() => setReport(null)}>
                {t('common.cancel')}
              </button>
            </div>
          ) : null}
        </section>
      ) : null}
      <h3 id="figures-list">{t('observatory.figuresAdmin.listTitle')}</h3>
      <ErrorMessage error={figures.error} />
      {figures.data && figures.data.items.length === 0 ? <p>{t('observatory.figuresAdmin.none')}</p> : null}
      {figures.data?.items.length ? (
        // A wide table scrolls sideways inside its own labelled, focusable box on a phone, not the page.
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable with the keyboard (WCAG 2.1.1)
        <section className="obs-scroll" tabIndex={0} aria-labelledby="figures-list">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('observatory.figuresAdmin.territory')}</th>
                <th scope="col">{t('observatory.figuresAdmin.year')}</th>
                <th scope="col">{t('observatory.figuresAdmin.family')}</th>
                <th scope="col">{t('observatory.figuresAdmin.jobs')}</th>
                <th scope="col">{t('observatory.figuresAdmin.fte')}</th>
                <th scope="col">{t('observatory.figuresAdmin.payroll')}</th>
                <th scope="col">{t('observatory.figuresAdmin.establishments')}</th>
                <th scope="col">{t('observatory.figuresAdmin.source')}</th>
                <th scope="col">{t('observatory.figuresAdmin.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {figures.data.items.map((f) => (
                <tr key={f.id}>
                  <th scope="row">
                    <Link to={`/observatoire?territoire=${encodeURIComponent(f.territory.code)}`}>
                      {f.territory.name}
                    </Link>
                  </th>
                  <td>{year(f)}</td>
                  <td>
                    {f.family === 'all' ? t('observatory.allFamilies') : t(`observatory.family.${f.family}`)}
                  </td>
                  <td>{number(f.jobs)}</td>
                  <td>{number(f.fte)}</td>
                  <td>{f.payroll === null ? '—' : `${formatNumber(Math.round(f.payroll / 1e6))} M€`}</td>
                  <td>{number(f.establishments)}</td>
                  <td>
                    {f.sourceUrl ? <a href={f.sourceUrl}>{f.source}</a> : f.source}
                    {f.isDemo ? ` ${t('observatory.figuresAdmin.demo')}` : ''}
                  </td>
                  <td>
                    {f.canRemove ? (
                      <button
                        type="button"
                        className="button button--secondary button--small"
                        onClick={() => remove(f)}
                        aria-label={t('observatory.figuresAdmin.removeOf', {
                          what: `${f.territory.name}, ${year(f)}`,
                        })}
                      >
                        {t('observatory.figuresAdmin.remove')}
                      </button>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ) : null}
    </div>
  );
}
