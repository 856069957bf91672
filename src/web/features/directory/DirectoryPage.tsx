import { useMemo } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { EmptyState } from '../../components/EmptyState.tsx';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { Pagination } from '../../components/Pagination.tsx';
import { withQuery } from '../../lib/api.ts';
import { useLocale } from '../../lib/i18n.tsx';
import { canAdminister, useMe } from '../../lib/session.tsx';
import { useApi } from '../../lib/use-api.ts';
import { DirectoryFilters } from './DirectoryFilters.tsx';
import { type Filters, filterKeys, filtersToQuery, hasFilters, PAGE_SIZE, readFilters } from './filters.ts';
import { OrganizationList } from './OrganizationList.tsx';
import { useIdentityReference } from './reference.ts';
import type { OrganizationPage } from './types.ts';

export function DirectoryPage() {
  const { t } = useLocale();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const key = params.toString();
  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` is the query string the filters are read from
  const { page, filters } = useMemo(() => readFilters(params), [key]);
  const reference = useIdentityReference();
  const me = useMe();
  const query = { ...filters, page, pageSize: PAGE_SIZE };
  const { data, error, loading, reload } = useApi<OrganizationPage>('/api/organizations', query);
  const exportQuery = Object.fromEntries(filterKeys.map((k) => [k, filters[k]]));

  function apply(next: Filters) {
    navigate(`/annuaire${filtersToQuery(next)}`);
  }

  return (
    <div className="page directory">
      <PageTitle>{t('directory.title')}</PageTitle>
      <div className="directory__top">
        <p className="directory__intro">{t('directory.intro')}</p>
        {canAdminister(me) ? (
          <Link className="button button--secondary" to="/admin/organisations/nouvelle">
            {t('directory.add')}
          </Link>
        ) : null}
      </div>
      <div className="directory__layout">
        <DirectoryFilters filters={filters} reference={reference} onApply={apply} />
        <section className="directory__results" aria-labelledby="directory-results-title" aria-busy={loading}>
          <div className="directory__results-head">
            <h2 id="directory-results-title" aria-live="polite">
              {data ? t('directory.count', { count: data.total }) : t('common.loading')}
            </h2>
            {data && data.total > 0 ? (
              <a
                className="button button--secondary button--small"
                href={withQuery('/api/organizations/export.csv', exportQuery)}
                download
              >
                {t('directory.export')}
              </a>
            ) : null}
          </div>
          <ErrorMessage error={error} onRetry={reload} />
          {data && data.items.length > 0 ? (
            <>
              <OrganizationList items={data.items} reference={reference} />
              <Pagination
                page={data.page}
                pageSize={data.pageSize}
                total={data.total}
                hrefFor={(p) => `/annuaire${filtersToQuery(filters, p)}`}
              />
            </>
          ) : null}
          {data && data.items.length === 0 ? (
            <EmptyState
              title={t('directory.empty')}
              action={
                hasFilters(filters) ? <Link to="/annuaire">{t('directory.filters.reset')}</Link> : undefined
              }
            >
              <p>{hasFilters(filters) ? t('directory.emptyFiltered') : t('directory.emptyAll')}</p>
            </EmptyState>
          ) : null}
        </section>
      </div>
    </div>
  );
}
