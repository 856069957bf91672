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
import { AgendaEmbedSnippet } from './AgendaEmbed.tsx';
import { AgendaFiltersForm } from './AgendaFilters.tsx';
import { MonthView, WeekView } from './CalendarViews.tsx';
import { EventList } from './EventList.tsx';
import { EventMap } from './EventMap.tsx';
import { type AgendaFilters, parisDay, readFilters, toQuery, toSearch, type View } from './filters.ts';
import type { Campaign, EventPage } from './types.ts';
import './events.css';

const PAGE_SIZE = 20;
const DAY = 86_400_000;

/** The window a calendar view shows (whole weeks around the month, or one week). */
function windowFor(view: View, anchor: string) {
  const a = new Date(`${anchor}T00:00:00Z`);
  if (view === 'week') {
    const monday = new Date(a.getTime() - ((a.getUTCDay() + 6) % 7) * DAY);
    return {
      from: monday.toISOString().slice(0, 10),
      to: new Date(monday.getTime() + 6 * DAY).toISOString().slice(0, 10),
    };
  }
  const first = new Date(Date.UTC(a.getUTCFullYear(), a.getUTCMonth(), 1));
  const start = new Date(first.getTime() - ((first.getUTCDay() + 6) % 7) * DAY);
  return {
    from: start.toISOString().slice(0, 10),
    to: new Date(start.getTime() + 41 * DAY).toISOString().slice(0, 10),
  };
}

/** The public calendar (/agenda): filters in the URL, list, month, week and map views, exports. */
export function AgendaPage({
  campaignSlug,
  organizerId,
  embedded,
}: {
  campaignSlug?: string;
  organizerId?: string;
  embedded?: boolean;
}) {
  const { t } = useLocale();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const me = useMe();
  const key = params.toString();
  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` is the query string the filters come from
  const { filters, view, page } = useMemo(() => readFilters(params), [key]);
  if (campaignSlug) filters.campaign = campaignSlug;
  if (organizerId) filters.organizer = organizerId;
  const anchor = params.get('day') ?? filters.from ?? parisDay(new Date());
  const calendar = view === 'month' || view === 'week';
  const query = {
    ...toQuery(filters),
    ...(calendar ? windowFor(view, anchor) : {}),
    page: view === 'list' ? page : 1,
    pageSize: view === 'list' ? PAGE_SIZE : 500,
  };
  const { data, error, loading, reload } = useApi<EventPage>('/api/events', query);
  const { data: campaigns } = useApi<{ items: Campaign[] }>(embedded ? null : '/api/campaigns');
  const base = typeof window === 'undefined' ? '' : window.location.pathname;
  const go = (f: AgendaFilters, extra: Record<string, string | undefined> = {}) =>
    navigate(
      `${base}${toSearch({ ...f, campaign: campaignSlug ? undefined : f.campaign, organizer: organizerId ? undefined : f.organizer }, { view: view === 'list' ? undefined : view, ...extra })}`,
    );
  const exportQuery = toQuery(filters);
  const isCoordinator = canAdminister(me);

  return (
    <div className="page agenda">
      {embedded ? null : (
        <>
          <PageTitle>{t('events.title')}</PageTitle>
          <div className="agenda__top">
            <p>{t('events.intro')}</p>
            <div className="actions">
              <Link className="button" to="/agenda/proposer">
                {t('events.propose')}
              </Link>
              {me.account ? (
                <Link className="button button--secondary" to="/agenda/mes-evenements">
                  {t('events.mine')}
                </Link>
              ) : null}
              {isCoordinator ? (
                <>
                  <Link className="button button--secondary" to="/agenda/moderation">
                    {t('events.moderation')}
                  </Link>
                  <Link className="button button--secondary" to="/agenda/campagnes/nouvelle">
                    {t('events.campaign.new')}
                  </Link>
                </>
              ) : null}
            </div>
          </div>
          {campaigns?.items.length ? (
            <p className="agenda__campaigns">
              {t('events.campaigns')}{' '}
              {campaigns.items.map((c, i) => (
                <span key={c.id}>
                  {i ? ' · ' : ''}
                  <Link to={`/agenda/campagnes/${c.slug}`}>{c.name}</Link>
                </span>
              ))}
              {' · '}
              <Link to="/salons">{t('events.fairsLink')}</Link>
            </p>
          ) : null}
        </>
      )}
      <div className="agenda__layout">
        <AgendaFiltersForm filters={filters} onApply={(f) => go(f)} />
        <section className="agenda__results" aria-busy={loading} aria-labelledby="agenda-results-title">
          <nav className="tabs" aria-label="Vues">
            {(['list', 'month', 'week', 'map'] as const).map((v) => (
              <Link
                key={v}
                to={`${base}${toSearch(filters, { view: v === 'list' ? undefined : v, day: params.get('day') ?? undefined })}`}
                aria-current={v === view ? 'page' : undefined}
              >
                {t(`events.views.${v}`)}
              </Link>
            ))}
          </nav>
          <h2 id="agenda-results-title" aria-live="polite">
            {data ? t('events.count', { count: data.total }) : t('common.loading')}
          </h2>
          {error ? <ErrorMessage error={error} onRetry={reload} /> : null}
          {data && data.total === 0 && !calendar ? (
            <EmptyState title={t('events.count', { count: 0 })} />
          ) : null}
          {data && view === 'list' ? (
            <>
              <EventList events={data.items} />
              <Pagination
                page={page}
                pageSize={PAGE_SIZE}
                total={data.total}
                hrefFor={(p) => `${base}${toSearch(filters, { page: p > 1 ? String(p) : undefined })}`}
              />
            </>
          ) : null}
          {data && view === 'month' ? (
            <MonthView events={data.items} anchor={anchor} onMove={(day) => go(filters, { day })} />
          ) : null}
          {data && view === 'week' ? (
            <WeekView events={data.items} anchor={anchor} onMove={(day) => go(filters, { day })} />
          ) : null}
          {data && view === 'map' ? <EventMap events={data.items} /> : null}
          <section className="agenda__exports" aria-label={t('events.exports.title')}>
            <h3>{t('events.exports.title')}</h3>
            <p>
              <a href={withQuery('/api/events.ics', exportQuery)}>{t('events.exports.ics')}</a> ·{' '}
              <a href={withQuery('/api/events.rss', exportQuery)}>{t('events.exports.rss')}</a> ·{' '}
              <a href={withQuery('/api/events.csv', exportQuery)}>{t('events.exports.csv')}</a> ·{' '}
              <a href={withQuery('/api/events.xlsx', exportQuery)}>{t('events.exports.xlsx')}</a> ·{' '}
              <a href={withQuery('/api/events.pdf', exportQuery)}>{t('events.exports.pdf')}</a> ·{' '}
              <a href={withQuery('/agenda/programme', exportQuery)}>{t('events.exports.print')}</a>
            </p>
            {embedded ? null : <AgendaEmbedSnippet filters={filters} />}
          </section>
        </section>
      </div>
    </div>
  );
}
