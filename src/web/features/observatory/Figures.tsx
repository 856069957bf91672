import { roundJobs } from '../../../server/modules/observatory/estimates.ts';
import { useLocale, useT } from '../../lib/i18n.tsx';
import { ExportLink } from './Bars.tsx';
import type { Indicators } from './types.ts';

/** "30 500 emplois dans l'ESS — 1 emploi privé sur 7", the bounds, the establishments and the shares. */
export function KeyFigures({ data }: { data: Indicators }) {
  const t = useT();
  const { formatNumber } = useLocale();
  if (!data.jobs || data.employerEstablishments === null)
    return (
      <section className="obs-key" aria-label={data.territory.name}>
        <p>{t('observatory.secretTotal')}</p>
      </section>
    );
  const share = data.share.jobs;
  const oneIn = share?.central ? Math.round(100 / share.central) : null;
  return (
    <section className="obs-key" aria-labelledby="obs-key-title">
      <p id="obs-key-title" className="obs-key__main">
        {t('observatory.keyJobs', { jobs: formatNumber(roundJobs(data.jobs.central)) })}
        {oneIn ? <span className="obs-key__ratio"> — {t('observatory.oneInN', { n: oneIn })}</span> : null}
      </p>
      <p className="obs-key__bounds">
        {t('observatory.bounds', { low: formatNumber(data.jobs.low), high: formatNumber(data.jobs.high) })}
      </p>
      <ul className="obs-key__list">
        <li>{t('observatory.establishments', { count: data.employerEstablishments })}</li>
        {data.share.establishments !== null ? (
          <li>{t('observatory.shareEstablishments', { share: formatNumber(data.share.establishments) })}</li>
        ) : null}
        {share?.central ? (
          <li>
            {t('observatory.shareJobs', {
              share: formatNumber(share.central),
              low: formatNumber(Math.min(share.low ?? 0, share.high ?? 0)),
              high: formatNumber(Math.max(share.low ?? 0, share.high ?? 0)),
            })}
          </li>
        ) : null}
      </ul>
    </section>
  );
}

/** The published figures of the territory, each with its year and source. */
export function OfficialFigures({ data }: { data: Indicators }) {
  const t = useT();
  const { formatNumber } = useLocale();
  const euros = (n: number) =>
    n >= 1e6 ? `${formatNumber(Math.round(n / 1e6))} M€` : `${formatNumber(n)} €`;
  return (
    <section className="obs-official" aria-labelledby="obs-official-title">
      <div className="obs-block__head">
        <h2 id="obs-official-title">{t('observatory.officialTitle')}</h2>
        {data.official.length ? (
          <ExportLink table="official" territory={data.territory.code} month={data.snapshot.month} />
        ) : null}
      </div>
      {data.official.length === 0 ? <p className="muted">{t('observatory.officialNone')}</p> : null}
      <ul className="obs-official__list">
        {data.official.map((o) => (
          <li key={`${o.year}-${o.family}-${o.source}`}>
            <strong>
              {[
                o.jobs !== null ? t('observatory.officialJobs', { jobs: formatNumber(o.jobs) }) : null,
                o.fte !== null ? t('observatory.officialFte', { fte: formatNumber(o.fte) }) : null,
                o.establishments !== null
                  ? t('observatory.officialEstablishments', { count: formatNumber(o.establishments) })
                  : null,
                o.payroll !== null ? t('observatory.officialPayroll', { payroll: euros(o.payroll) }) : null,
                o.privateJobsShare !== null
                  ? t('observatory.officialShare', { share: formatNumber(o.privateJobsShare) })
                  : null,
              ]
                .filter(Boolean)
                .join(' · ')}
            </strong>{' '}
            ({o.family === 'all' ? t('observatory.allFamilies') : o.family},{' '}
            {o.year === null
              ? t('observatory.yearUnknown')
              : t('observatory.officialYear', { year: String(o.year) })}
            )
            <br />
            <span className="obs-official__source">
              Source : {o.sourceUrl ? <a href={o.sourceUrl}>{o.source}</a> : o.source}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** Employer establishments and jobs across the imported snapshots (columns of plain CSS). */
export function Evolution({ data }: { data: Indicators }) {
  const t = useT();
  const { formatNumber, formatMonth } = useLocale();
  const max = Math.max(1, ...data.evolution.map((e) => e.jobs?.central ?? 0));
  return (
    <section className="obs-block" aria-labelledby="obs-evolution">
      <div className="obs-block__head">
        <h2 id="obs-evolution">{t('observatory.evolution')}</h2>
        <ExportLink table="evolution" territory={data.territory.code} month={data.snapshot.month} />
      </div>
      <ol className="obs-columns">
        {data.evolution.map((e) => (
          <li key={e.month}>
            <span
              className="obs-columns__bar"
              style={{ height: `${(100 * (e.jobs?.central ?? 0)) / max}%` }}
            />
            <span className="obs-columns__value">
              {e.jobs ? formatNumber(e.jobs.central) : t('observatory.secret')}
            </span>
            <span className="obs-columns__label">{formatMonth(e.month)}</span>
          </li>
        ))}
      </ol>
    </section>
  );
}

/** The <img> code a partner pastes into a page to show the key figure. */
export function EmbedSnippet({ data }: { data: Indicators }) {
  const t = useT();
  // The snapshot on screen, so that the image and its alt text (the figure itself, in French as the image) agree.
  const src = `${window.location.origin}/api/observatory/figure.svg?territory=${encodeURIComponent(data.territory.code)}&snapshot=${data.snapshot.month}`;
  const figure = data.jobs
    ? `${roundJobs(data.jobs.central).toLocaleString('fr-FR')} emplois dans l’ESS`
    : 'chiffres de l’ESS';
  const code = `<img src="${src}" width="480" height="200" alt="${data.territory.name} : ${figure} (estimation Maillage d’après Sirene)">`;
  return (
    <details className="obs-embed obs-noprint">
      <summary>{t('observatory.embed')}</summary>
      <p>{t('observatory.embedHelp')}</p>
      <textarea readOnly rows={3} value={code} onFocus={(e) => e.currentTarget.select()} />
      <img src={src} width={480} height={200} alt="" />
    </details>
  );
}
