import type { ReactNode } from 'react';
import { useLocale } from '../../lib/i18n.tsx';

// Pieces of the GTEC reports: a figure or "secret", the age pyramid as bars (its table beside it is the accessible
// version), and the sentence explaining what "secret" means.

export type Cell = { value: number | null; reason: string | null };
export type PyramidRow = { band: string; female: Cell; male: Cell; total: Cell };

/** A published figure, or "secret" (its value is never sent). */
export function Figure({ cell, percent }: { cell: Cell | number | null; percent?: boolean }) {
  const { t, formatNumber } = useLocale();
  const value = cell === null || typeof cell === 'number' ? cell : cell.value;
  if (value === null)
    return (
      <span className="gtec-secret" title={t('gtecReport.secretTitle')}>
        {t('gtecReport.secret')}
      </span>
    );
  return <>{percent ? `${formatNumber(value)} %` : formatNumber(value)}</>;
}

/** The explanation of "secret", said once per page. */
export function SecretNote() {
  const { t } = useLocale();
  return <p className="gtec-secret-note">{t('gtecReport.secretExplained')}</p>;
}

/** Bars of the age pyramid: men on the left, women on the right, oldest on top; a secret bar is hatched. */
export function PyramidChart({ rows }: { rows: PyramidRow[] }) {
  const { t } = useLocale();
  const max = Math.max(1, ...rows.flatMap((r) => [r.female.value ?? 0, r.male.value ?? 0]));
  const bar = (c: Cell, side: 'male' | 'female') =>
    c.value === null ? (
      <span className={`gtec-bar gtec-bar--${side} gtec-bar--secret`} style={{ width: '30%' }} />
    ) : (
      <span className={`gtec-bar gtec-bar--${side}`} style={{ width: `${(c.value / max) * 100}%` }} />
    );
  return (
    <figure className="gtec-pyramid" aria-hidden="true">
      <div className="gtec-pyramid__legend">
        <span>{t('gtecReport.men')}</span>
        <span>{t('gtecReport.women')}</span>
      </div>
      {[...rows].reverse().map((r) => (
        <div key={r.band} className="gtec-pyramid__row">
          <span className="gtec-pyramid__side gtec-pyramid__side--male">{bar(r.male, 'male')}</span>
          <span className="gtec-pyramid__band">{t(`gtec.age.${r.band}`)}</span>
          <span className="gtec-pyramid__side">{bar(r.female, 'female')}</span>
        </div>
      ))}
    </figure>
  );
}

/** The pyramid's figures, band by band. */
export function PyramidTable({ rows, caption }: { rows: PyramidRow[]; caption: string }) {
  const { t } = useLocale();
  return (
    <table className="gtec-report-table">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t('gtecReport.band')}</th>
          <th scope="col">{t('gtecReport.women')}</th>
          <th scope="col">{t('gtecReport.men')}</th>
          <th scope="col">{t('gtecReport.total')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.band}>
            <th scope="row">{t(`gtec.age.${r.band}`)}</th>
            <td>
              <Figure cell={r.female} />
            </td>
            <td>
              <Figure cell={r.male} />
            </td>
            <td>
              <Figure cell={r.total} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The label of a row of the network, an EPCI or a size band. */
export function scopeLabel(t: (k: string) => string, r: { scope: string; code: string; label: string }) {
  if (r.scope === 'network') return t('gtecReport.network');
  if (r.scope === 'size') return t(`gtecReport.size.${r.code}`);
  return r.code === '?' ? t('gtecReport.epciUnknown') : r.label;
}

/** A table that may scroll sideways on a phone: a named region reachable by keyboard, so that it can be scrolled. */
export function ScrollTable({ label, children }: { label: string; children: ReactNode }) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must take the focus (WCAG 2.1.1)
    <section className="gtec-scroll" tabIndex={0} aria-label={label}>
      {children}
    </section>
  );
}
