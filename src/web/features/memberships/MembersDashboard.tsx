import { useEffect, useRef } from 'react';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { useLocale } from '../../lib/i18n.tsx';
import { useApi } from '../../lib/use-api.ts';
import { HistoryImport } from './HistoryImport.tsx';
import './members-dashboard.css';
import { money } from './types.ts';

type Year = {
  year: number;
  members: number;
  joins: number;
  rejoins: number;
  lapses: number;
  renewalRate: number | null;
  firstYearRenewalRate: number | null;
  calledCents: number;
  paidCents: number;
};
type Breakdown = {
  label: string;
  members: number;
  newMembers: number;
  calledCents: number;
  paidCents: number;
};
type Dashboard = {
  currentYear: number;
  years: Year[];
  breakdowns: Record<'plan' | 'size' | 'sector' | 'epci', Breakdown[]>;
};

/** The chart: an image whose label sums it up; the table beside it is the accessible source. */
function MembersChart({ years }: { years: Year[] }) {
  const { t } = useLocale();
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    let chart: { destroy(): void } | undefined;
    let cancelled = false;
    void import('./members-chart.ts').then(({ drawMembersChart }) => {
      if (cancelled || !canvas.current) return;
      chart = drawMembersChart(
        canvas.current,
        {
          years: years.map((y) => y.year),
          members: years.map((y) => y.members),
          joins: years.map((y) => y.joins + y.rejoins),
          lapses: years.map((y) => y.lapses),
        },
        {
          members: t('memberships.dashboard.members'),
          joins: t('memberships.dashboard.newMembers'),
          lapses: t('memberships.dashboard.lapses'),
        },
      );
    });
    return () => {
      cancelled = true;
      chart?.destroy();
    };
  }, [years, t]);
  const first = years[0];
  const last = years.at(-1);
  const peak = years.reduce((a, b) => (b.members > a.members ? b : a), years[0]);
  const summary =
    first && last
      ? t('memberships.dashboard.chartSummary', {
          // Years as text: a number would be formatted "2 001".
          from: String(first.year),
          fromCount: first.members,
          to: String(last.year),
          toCount: last.members,
          peak: peak.members,
          peakYear: String(peak.year),
        })
      : '';
  return (
    <div className="members-chart">
      <canvas ref={canvas} role="img" aria-label={summary}>
        {summary}
      </canvas>
    </div>
  );
}

const pct = (v: number | null) => (v === null ? '—' : `${String(v).replace('.', ',')} %`);

function BreakdownTable({ title, rows, id }: { title: string; rows: Breakdown[]; id: string }) {
  const { t, locale } = useLocale();
  return (
    /* biome-ignore lint/a11y/noNoninteractiveTabindex: a table scrolling sideways on a phone must be reachable by keyboard (axe scrollable-region-focusable) */
    <section className="table-wrap" tabIndex={0} aria-labelledby={id}>
      <table>
        <caption id={id}>{title}</caption>
        <thead>
          <tr>
            <th scope="col">{t('memberships.dashboard.segment')}</th>
            <th scope="col">{t('memberships.dashboard.members')}</th>
            <th scope="col">{t('memberships.dashboard.newMembers')}</th>
            <th scope="col">{t('memberships.dashboard.called')}</th>
            <th scope="col">{t('memberships.dashboard.paid')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.label}>
              <th scope="row">{r.label}</th>
              <td>{r.members}</td>
              <td>{r.newMembers}</td>
              <td>{money(r.calledCents, locale)}</td>
              <td>{money(r.paidCents, locale)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/** The members' dashboard of a network (coordinators): growth, renewals, dues, this year's breakdowns. */
export function MembersDashboard({ networkId }: { networkId: string }) {
  const { t, locale } = useLocale();
  const base = `/api/networks/${encodeURIComponent(networkId)}/memberships/dashboard`;
  const dash = useApi<Dashboard>(base);
  const d = dash.data;
  const current = d?.years.at(-1);
  const previous = d?.years.at(-2);
  return (
    <section aria-labelledby="tab-dashboard" className="members-dashboard">
      <h2 id="tab-dashboard">{t('memberships.dashboard.title')}</h2>
      <ErrorMessage error={dash.error} />
      {d && d.years.length === 0 ? <p>{t('memberships.dashboard.empty')}</p> : null}
      {d && current ? (
        <>
          <ul className="members-kpis">
            <li>
              <strong>{current.members}</strong>{' '}
              {t('memberships.dashboard.membersIn', { year: String(current.year) })}
            </li>
            <li>
              <strong>{pct(current.renewalRate)}</strong>{' '}
              {t('memberships.dashboard.renewalRateIn', { year: String(current.year) })}
            </li>
            <li>
              <strong>{pct(current.firstYearRenewalRate)}</strong>{' '}
              {t('memberships.dashboard.firstYearRateIn', { year: String(current.year) })}
            </li>
            {previous ? (
              <li>
                <strong>{pct(previous.renewalRate)}</strong>{' '}
                {t('memberships.dashboard.renewalRateIn', { year: String(previous.year) })}
              </li>
            ) : null}
          </ul>
          <p className="actions">
            <a className="button button--secondary" href={`${base}.csv`} download>
              {t('memberships.dashboard.csv')}
            </a>{' '}
            <a className="button button--secondary" href={`${base}.xlsx`} download>
              {t('memberships.dashboard.xlsx')}
            </a>
          </p>
          <div className="members-dashboard__grid">
            <MembersChart years={d.years} />
            {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a table scrolling sideways on a phone must be reachable by keyboard (axe scrollable-region-focusable) */}
            <section className="table-wrap" tabIndex={0} aria-labelledby="dashboard-years">
              <table>
                <caption id="dashboard-years">{t('memberships.dashboard.yearsCaption')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('memberships.dashboard.year')}</th>
                    <th scope="col">{t('memberships.dashboard.members')}</th>
                    <th scope="col">{t('memberships.dashboard.joins')}</th>
                    <th scope="col">{t('memberships.dashboard.rejoins')}</th>
                    <th scope="col">{t('memberships.dashboard.lapses')}</th>
                    <th scope="col">{t('memberships.dashboard.renewalRate')}</th>
                    <th scope="col">{t('memberships.dashboard.firstYearRate')}</th>
                    <th scope="col">{t('memberships.dashboard.called')}</th>
                    <th scope="col">{t('memberships.dashboard.paid')}</th>
                  </tr>
                </thead>
                <tbody>
                  {d.years.map((y) => (
                    <tr key={y.year}>
                      <th scope="row">{y.year}</th>
                      <td>{y.members}</td>
                      <td>{y.joins}</td>
                      <td>{y.rejoins}</td>
                      <td>{y.lapses}</td>
                      <td>{pct(y.renewalRate)}</td>
                      <td>{pct(y.firstYearRenewalRate)}</td>
                      <td>{money(y.calledCents, locale)}</td>
                      <td>{money(y.paidCents, locale)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </section>
          </div>
          <p className="muted">{t('memberships.dashboard.definitions')}</p>
          <h3>{t('memberships.dashboard.breakdownTitle', { year: String(d.currentYear) })}</h3>
          <div className="members-dashboard__breakdowns">
            {(['plan', 'size', 'sector', 'epci'] as const).map((k) => (
              <BreakdownTable
                key={k}
                id={`breakdown-${k}`}
                title={t(`memberships.dashboard.by.${k}`, { year: String(d.currentYear) })}
                rows={d.breakdowns[k]}
              />
            ))}
          </div>
        </>
      ) : null}
      <HistoryImport networkId={networkId} onImported={dash.reload} />
    </section>
  );
}
