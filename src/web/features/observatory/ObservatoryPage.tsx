import { useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { TerritoryPicker } from '../../components/TerritoryPicker.tsx';
import { ApiError, api } from '../../lib/api.ts';
import { useLocale, useT } from '../../lib/i18n.tsx';
import { BarTable, ExportLink } from './Bars.tsx';
import { DepartmentMap } from './DepartmentMap.tsx';
import { EmbedSnippet, Evolution, KeyFigures, OfficialFigures } from './Figures.tsx';
import type { Indicators, Snapshot } from './types.ts';
import './observatory.css';

/** /observatoire?territoire=dep:54&instantane=2026-10 — the dashboard of one territory. */
export function ObservatoryPage() {
  const t = useT();
  const { formatMonth } = useLocale();
  const [params, setParams] = useSearchParams();
  const [snapshots, setSnapshots] = useState<Snapshot[] | null>(null);
  // Without a choice, the whole scope of the latest snapshot (a region, or France); '' while the picker is cleared.
  const chosen = params.get('territoire');
  const territory = chosen === null ? (snapshots?.[0]?.scope.split(',')[0] ?? null) : chosen || null;
  const month = params.get('instantane') ?? undefined;
  // The picker's value changes in the same event as the picker's own state (the URL follows one render later).
  const [pickerValue, setPickerValue] = useState<string | null>(territory);
  useEffect(() => {
    if (territory) setPickerValue(territory);
  }, [territory]);
  const [data, setData] = useState<Indicators | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(false);

  useEffect(() => {
    api<{ items: Snapshot[] }>('/api/observatory/snapshots').then((r) => setSnapshots(r.items), setError);
  }, []);

  useEffect(() => {
    if (!snapshots?.length || !territory) return;
    const controller = new AbortController();
    setLoading(true);
    setError(null);
    api<Indicators>('/api/observatory/indicators', {
      query: { territory, snapshot: month },
      signal: controller.signal,
    })
      .then((x) => {
        setData(x);
        setLoading(false);
      })
      .catch((e) => {
        if ((e as Error).name === 'AbortError') return;
        setData(null);
        setError(e);
        setLoading(false);
      });
    return () => controller.abort();
  }, [territory, month, snapshots]);

  const update = (next: Record<string, string | null>) => {
    const p = new URLSearchParams(params);
    for (const [k, v] of Object.entries(next)) {
      if (v === null) p.delete(k);
      else p.set(k, v);
    }
    setParams(p);
  };

  return (
    <div className="obs">
      <PageTitle>
        {data ? `${t('observatory.title')} — ${data.territory.name}` : t('observatory.title')}
      </PageTitle>
      <p className="obs-lead">{t('observatory.lead')}</p>
      <div className="obs-controls obs-noprint">
        <TerritoryPicker
          label={t('observatory.pick')}
          value={pickerValue}
          levels={['region', 'department', 'epci', 'commune']}
          onChange={(code) => {
            setPickerValue(code);
            update({ territoire: code ?? '' });
          }}
        />
        {snapshots && snapshots.length > 1 ? (
          <label className="field">
            <span>{t('observatory.snapshot')}</span>
            <select value={month ?? ''} onChange={(e) => update({ instantane: e.target.value || null })}>
              <option value="">{formatMonth(snapshots[0].month)}</option>
              {snapshots.slice(1).map((s) => (
                <option key={s.month} value={s.month}>
                  {formatMonth(s.month)}
                </option>
              ))}
            </select>
          </label>
        ) : null}
        <Link to="/observatoire/methodologie">{t('observatory.methodology')}</Link>
      </div>
      {snapshots && snapshots.length === 0 ? (
        <p className="alert alert--info">{t('observatory.noSnapshot')}</p>
      ) : null}
      {error instanceof ApiError && error.status === 404 ? (
        <p className="alert alert--info">{error.message}</p>
      ) : (
        <ErrorMessage error={error} />
      )}
      {loading && !data ? <p aria-live="polite">{t('observatory.loading')}</p> : null}
      {data ? (
        <div aria-busy={loading}>
          {data.snapshot.isDemo ? (
            <p className="alert alert--info" role="note">
              {t('observatory.demo')}
            </p>
          ) : null}
          <div className="obs-top">
            <KeyFigures data={data} />
            <OfficialFigures data={data} />
          </div>
          <div className="obs-actions obs-noprint">
            <button type="button" className="button button--secondary" onClick={() => window.print()}>
              {t('observatory.print')}
            </button>
            <ExportLink table="all" territory={data.territory.code} month={data.snapshot.month} />
          </div>
          <div className="obs-grid">
            {(['families', 'sizes', 'sectors'] as const).map((table) => (
              <BarTable
                key={table}
                title={t(`observatory.${table}`)}
                rows={data[table]}
                table={table}
                territory={data.territory.code}
                month={data.snapshot.month}
              />
            ))}
            <Evolution data={data} />
          </div>
          <DepartmentMap territory={data.territory} month={data.snapshot.month} linkMonth={month} />
          {data.subTerritories.length ? (
            <BarTable
              title={
                data.territory.level === 'region'
                  ? t('observatory.byDepartment')
                  : t('observatory.subTerritories')
              }
              rows={data.subTerritories}
              table="subTerritories"
              territory={data.territory.code}
              month={data.snapshot.month}
              extra="share"
            />
          ) : null}
          <EmbedSnippet data={data} />
          <p className="muted obs-source">
            {t('observatory.source', {
              month: formatMonth(data.snapshot.month),
              scope: data.snapshot.scopeName,
            })}{' '}
            <Link to="/observatoire/methodologie">{t('observatory.methodology')}</Link>
          </p>
        </div>
      ) : null}
    </div>
  );
}
