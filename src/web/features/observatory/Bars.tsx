import { withQuery } from '../../lib/api.ts';
import { useLocale, useT } from '../../lib/i18n.tsx';
import type { Jobs, Row, TableName } from './types.ts';

/** The CSV and XLSX export links of one table (or all) of the current indicators. */
export function ExportLink({
  table,
  territory,
  month,
}: {
  table: TableName | 'all';
  territory: string;
  month: string;
}) {
  const t = useT();
  const query = { territory, snapshot: month, table };
  return (
    <span className="obs-exports obs-noprint">
      <a
        className="button button--secondary button--small"
        href={withQuery('/api/observatory/export.csv', query)}
        download
      >
        {table === 'all' ? t('observatory.exportAll') : t('observatory.exportCsv')}
      </a>{' '}
      <a
        className="button button--secondary button--small"
        href={withQuery('/api/observatory/export.xlsx', query)}
        download
      >
        {table === 'all' ? t('observatory.exportAllXlsx') : t('observatory.exportXlsx')}
      </a>
    </span>
  );
}

/**
 * A titled breakdown: horizontal bars (plain CSS) of the central job estimate, with the establishments and the
 * range in a table beside each bar; secret cells say so instead of a number.
 */
export function BarTable({
  title,
  rows,
  table,
  territory,
  month,
  extra,
}: {
  title: string;
  rows: (Row & { privateJobsShare?: number | null })[];
  table: TableName;
  territory: string;
  month: string;
  extra?: 'share';
}) {
  const t = useT();
  const { formatNumber } = useLocale();
  const max = Math.max(1, ...rows.map((r) => r.jobs?.central ?? 0));
  const shown = rows.filter((r) => r.secret || (r.establishments ?? 0) > 0);
  const range = (j: Jobs) => `${formatNumber(j.low)} – ${formatNumber(j.high)}`;
  return (
    <section className="obs-block" aria-labelledby={`obs-${table}`}>
      <div className="obs-block__head">
        <h2 id={`obs-${table}`}>{title}</h2>
        <ExportLink table={table} territory={territory} month={month} />
      </div>
      {shown.length === 0 ? (
        <p className="muted">{t('observatory.noData')}</p>
      ) : (
        // On a phone the table scrolls sideways inside its own labelled, focusable box, not the page.
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable with the keyboard (WCAG 2.1.1)
        <section className="obs-scroll" tabIndex={0} aria-label={t('observatory.tableScroll', { title })}>
          <table className="obs-table">
            <thead>
              <tr>
                <th scope="col">{t('observatory.colName')}</th>
                <th scope="col">{t('observatory.colJobs')}</th>
                <th scope="col" className="obs-num">
                  {t('observatory.colEstablishments')}
                </th>
                <th scope="col" className="obs-num">
                  {t('observatory.colBounds')}
                </th>
                {extra === 'share' ? (
                  <th scope="col" className="obs-num">
                    {t('observatory.colShare')}
                  </th>
                ) : null}
              </tr>
            </thead>
            <tbody>
              {shown.map((r) => (
                <tr key={r.code}>
                  <th scope="row">{r.label}</th>
                  <td>
                    {r.jobs ? (
                      <span className="obs-bar">
                        <span
                          className="obs-bar__fill"
                          style={{ width: `${(100 * r.jobs.central) / max}%` }}
                        />
                        <span className="obs-bar__value">{formatNumber(r.jobs.central)}</span>
                      </span>
                    ) : (
                      <abbr className="obs-secret" title={t('observatory.secretHelp')}>
                        {t('observatory.secret')}
                      </abbr>
                    )}
                  </td>
                  <td className="obs-num">
                    {r.establishments === null ? '–' : formatNumber(r.establishments)}
                  </td>
                  <td className="obs-num">{r.jobs ? range(r.jobs) : '–'}</td>
                  {extra === 'share' ? (
                    <td className="obs-num">
                      {r.privateJobsShare === null || r.privateJobsShare === undefined
                        ? '–'
                        : `${formatNumber(r.privateJobsShare)} %`}
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
    </section>
  );
}
