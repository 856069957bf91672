import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { withQuery } from '../../lib/api.ts';
import { useLocale } from '../../lib/i18n.tsx';
import { useApi } from '../../lib/use-api.ts';
import type { Report } from './ReportPage.tsx';
import { type Cell, Figure, type PyramidRow, ScrollTable, SecretNote, scopeLabel } from './ReportParts.tsx';
import './gtec-report.css';

interface BenchmarkData {
  respondents: number;
  mine: {
    headcount: number;
    size: string;
    pyramid: { band: string; female: number; male: number }[];
    share50: number | null;
    share55: number | null;
    retirements: { code: string; label: string; inFive: number; inTen: number }[];
    recruitment: { code: string; label: string; count: number; hardToFill: boolean }[];
  } | null;
  network: {
    headcount: Cell;
    pyramid: PyramidRow[];
    ageShares: Report['ageShares'];
    retirements: Report['retirements'];
    recruitment: Report['recruitment'];
  };
}

/** The company's own figures beside its network's protected ones, once the wave is closed. */
export function Benchmark({ waveId, token }: { waveId: string; token?: string }) {
  const { t, formatNumber } = useLocale();
  const res = useApi<BenchmarkData>(withQuery(`/api/gtec/waves/${waveId}/benchmark`, { token }));
  const b = res.data;
  if (!b) return <ErrorMessage error={res.error} />;
  const mine = b.mine;
  const net = (rows: { code: string; level: string }[], code: string) =>
    rows.find((r) => r.code === code && r.level === 'occupation');
  const pct = (n: number | null) => (n === null ? '—' : `${formatNumber(n)} %`);
  return (
    <>
      <p>{t('gtecReport.benchmarkIntro', { count: b.respondents })}</p>
      <SecretNote />
      {mine ? null : <p>{t('gtecReport.benchmarkNoAnswer')}</p>}
      <ScrollTable label={t('gtecReport.benchmarkAges')}>
        <table className="gtec-report-table">
          <caption>{t('gtecReport.benchmarkAges')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('gtecReport.indicator')}</th>
              {mine ? <th scope="col">{t('gtecReport.yours')}</th> : null}
              {b.network.ageShares.map((a) => (
                <th scope="col" key={`${a.scope}-${a.code}`}>
                  {scopeLabel(t, a)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            <tr>
              <th scope="row">{t('gtecReport.people')}</th>
              {mine ? <td>{formatNumber(mine.headcount)}</td> : null}
              {b.network.ageShares.map((a) => (
                <td key={a.code}>
                  <Figure cell={a.total} />
                </td>
              ))}
            </tr>
            <tr>
              <th scope="row">{t('gtecReport.share50')}</th>
              {mine ? <td>{pct(mine.share50)}</td> : null}
              {b.network.ageShares.map((a) => (
                <td key={a.code}>
                  <Figure cell={a.share50} percent />
                </td>
              ))}
            </tr>
            <tr>
              <th scope="row">{t('gtecReport.share55')}</th>
              {mine ? <td>{pct(mine.share55)}</td> : null}
              {b.network.ageShares.map((a) => (
                <td key={a.code}>
                  <Figure cell={a.share55} percent />
                </td>
              ))}
            </tr>
          </tbody>
        </table>
      </ScrollTable>
      <ScrollTable label={t('gtecReport.benchmarkPyramid')}>
        <table className="gtec-report-table">
          <caption>{t('gtecReport.benchmarkPyramid')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('gtecReport.band')}</th>
              {mine ? <th scope="col">{t('gtecReport.yoursWomenMen')}</th> : null}
              <th scope="col">{t('gtecReport.networkWomenMen')}</th>
            </tr>
          </thead>
          <tbody>
            {b.network.pyramid.map((p, i) => (
              <tr key={p.band}>
                <th scope="row">{t(`gtec.age.${p.band}`)}</th>
                {mine ? (
                  <td>
                    {formatNumber(mine.pyramid[i].female)} / {formatNumber(mine.pyramid[i].male)}
                  </td>
                ) : null}
                <td>
                  <Figure cell={p.female} /> / <Figure cell={p.male} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollTable>
      {mine?.retirements.length || mine?.recruitment.length ? (
        <ScrollTable label={t('gtecReport.benchmarkOccupations')}>
          <table className="gtec-report-table">
            <caption>{t('gtecReport.benchmarkOccupations')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('gtecReport.occupation')}</th>
                <th scope="col">{t('gtecReport.yours')}</th>
                <th scope="col">{t('gtecReport.network')}</th>
              </tr>
            </thead>
            <tbody>
              {mine.retirements.map((r) => {
                const n = net(b.network.retirements, r.code) as Report['retirements'][number] | undefined;
                return (
                  <tr key={`r-${r.code}`}>
                    <th scope="row">{t('gtecReport.retireRow', { label: r.label })}</th>
                    <td>{formatNumber(r.inTen)}</td>
                    <td>{n ? <Figure cell={n.inTen} /> : '—'}</td>
                  </tr>
                );
              })}
              {mine.recruitment.map((r) => {
                const n = net(b.network.recruitment, r.code) as Report['recruitment'][number] | undefined;
                return (
                  <tr key={`n-${r.code}`}>
                    <th scope="row">{t('gtecReport.needRow', { label: r.label })}</th>
                    <td>{formatNumber(r.count)}</td>
                    <td>{n ? <Figure cell={n.count} /> : '—'}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </ScrollTable>
      ) : null}
    </>
  );
}
