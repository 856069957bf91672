import { Link } from 'react-router';
import { useT } from '../lib/i18n.tsx';

interface Props {
  page: number;
  pageSize: number;
  total: number;
  /** The link to a page number (keeps the rest of the query string). */
  hrefFor: (page: number) => string;
}

/** Page numbers around the current one, with first/last and gaps: 1 … 4 5 [6] 7 8 … 20. */
export function pageWindow(page: number, pages: number): (number | 'gap')[] {
  const out: (number | 'gap')[] = [];
  for (let p = 1; p <= pages; p++) {
    if (p === 1 || p === pages || Math.abs(p - page) <= 1) out.push(p);
    else if (out[out.length - 1] !== 'gap') out.push('gap');
  }
  return out;
}

/** A <nav> of links (so pages are shareable and the back button works). Hidden when there is one page. */
export function Pagination({ page, pageSize, total, hrefFor }: Props) {
  const t = useT();
  const pages = Math.max(1, Math.ceil(total / pageSize));
  if (pages <= 1) return null;
  return (
    <nav className="pagination" aria-label={t('common.pagination.label')}>
      <ul>
        <li>
          {page > 1 ? (
            <Link to={hrefFor(page - 1)} rel="prev">
              <span aria-hidden="true">← </span>
              {t('common.pagination.previous')}
            </Link>
          ) : null}
        </li>
        {pageWindow(page, pages).map((p, i) =>
          p === 'gap' ? (
            // biome-ignore lint/suspicious/noArrayIndexKey: gaps have no identity
            <li key={`gap${i}`} aria-hidden="true" className="pagination__gap">
              …
            </li>
          ) : (
            <li key={p}>
              {p === page ? (
                <span className="pagination__current" aria-current="page">
                  <span className="visually-hidden">{t('common.pagination.page', { page: p })}</span>
                  <span aria-hidden="true">{p}</span>
                </span>
              ) : (
                <Link to={hrefFor(p)} aria-label={t('common.pagination.page', { page: p })}>
                  {p}
                </Link>
              )}
            </li>
          ),
        )}
        <li>
          {page < pages ? (
            <Link to={hrefFor(page + 1)} rel="next">
              {t('common.pagination.next')}
              <span aria-hidden="true"> →</span>
            </Link>
          ) : null}
        </li>
      </ul>
    </nav>
  );
}
