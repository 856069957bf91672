import { Link, useParams, useSearchParams } from 'react-router';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { Pagination } from '../../components/Pagination.tsx';
import { useLocale } from '../../lib/i18n.tsx';
import { useApi } from '../../lib/use-api.ts';
import type { NewsList, NewsPost, NewsSummary } from './types.ts';
import './news.css';

/** The date a post shows: its publication date, or "brouillon" / "programmée" for its staff. */
export function PostDate({ post }: { post: NewsSummary }) {
  const { t, formatDate } = useLocale();
  if (post.status === 'draft') return <span className="tag">{t('news.status.draft')}</span>;
  const date = formatDate(post.publishedAt!, { dateStyle: 'long' });
  return post.isPublic ? (
    <time dateTime={post.publishedAt!}>{date}</time>
  ) : (
    <span className="tag">{t('news.status.scheduled', { date })}</span>
  );
}

function Card({ post }: { post: NewsSummary }) {
  const { t } = useLocale();
  return (
    <li className={`news-card${post.imageUrl ? ' news-card--image' : ''}`}>
      {post.imageUrl ? <img src={post.imageUrl} alt={post.imageAlt ?? ''} loading="lazy" /> : null}
      <div>
        <h2>
          <Link to={post.url}>{post.title}</Link>
        </h2>
        <p className="muted">
          <PostDate post={post} />
          {post.categories.length ? ` · ${post.categories.map((c) => c.name).join(', ')}` : ''}
          {post.isDemo ? ` · ${t('app.demoBadge')}` : ''}
        </p>
        {post.summary ? <p>{post.summary}</p> : null}
      </div>
    </li>
  );
}

/** /actualites/:slug — a network's published news, by category, with its feeds. */
export function NewsListPage() {
  const { slug = '' } = useParams();
  const { t } = useLocale();
  const [params, setParams] = useSearchParams();
  const category = params.get('categorie') ?? undefined;
  const page = Number(params.get('page') ?? 1) || 1;
  const list = useApi<NewsList>(`/api/networks/${encodeURIComponent(slug)}/news`, { category, page });
  const d = list.data;
  if (list.error) return <ErrorMessage error={list.error} />;
  if (!d) return null;
  const set = (next: Record<string, string | undefined>) => {
    const p = new URLSearchParams(params);
    for (const [k, v] of Object.entries(next)) v ? p.set(k, v) : p.delete(k);
    setParams(p);
  };
  return (
    <div className="page">
      <PageTitle>{t('news.list.title', { name: d.network.name })}</PageTitle>
      <p>
        <a href={`/api/networks/${d.network.id}/news.rss`}>{t('news.list.rss')}</a>
        {' · '}
        <a href={`/api/networks/${d.network.id}/news.atom`}>{t('news.list.atom')}</a>
        {d.canEdit ? (
          <>
            {' · '}
            <Link to={`/actualites/gestion/${d.network.id}`}>{t('news.list.manage')}</Link>
          </>
        ) : null}
      </p>
      {d.categories.length ? (
        <nav aria-label={t('news.list.categories')}>
          <ul className="news-filters">
            <li>
              <button
                type="button"
                className="button button--small button--secondary"
                aria-pressed={!category}
                onClick={() => set({ categorie: undefined, page: undefined })}
              >
                {t('news.list.all')}
              </button>
            </li>
            {d.categories.map((c) => (
              <li key={c.id}>
                <button
                  type="button"
                  className="button button--small button--secondary"
                  aria-pressed={category === c.id}
                  onClick={() => set({ categorie: c.id, page: undefined })}
                >
                  {c.name}
                </button>
              </li>
            ))}
          </ul>
        </nav>
      ) : null}
      {d.items.length === 0 ? <p>{t('news.list.none')}</p> : null}
      <ul className="news-list">
        {d.items.map((p) => (
          <Card key={p.id} post={p} />
        ))}
      </ul>
      <Pagination
        page={d.page}
        pageSize={d.pageSize}
        total={d.total}
        hrefFor={(n) => {
          const q = new URLSearchParams(params);
          q.set('page', String(n));
          return `?${q}`;
        }}
      />
    </div>
  );
}

/** /actualites/articles/:id — one post (its staff see a draft, with what is left to do). */
export function NewsPostPage() {
  const { id = '' } = useParams();
  const { t } = useLocale();
  const post = useApi<NewsPost>(`/api/news/${id}`);
  const p = post.data;
  if (post.error) return <ErrorMessage error={post.error} />;
  if (!p) return null;
  return (
    <div className="page">
      <p>
        <Link to={`/actualites/${p.networkSlug}`}>{t('news.post.back', { name: p.networkName })}</Link>
      </p>
      <article lang="fr">
        <PageTitle>{p.title}</PageTitle>
        <p className="muted">
          <PostDate post={p} />
          {p.categories.length ? ` · ${p.categories.map((c) => c.name).join(', ')}` : ''}
        </p>
        {p.canEdit ? (
          <p className="alert alert--info">
            {p.isPublic ? t('news.post.publicNote') : t('news.post.previewNote')}{' '}
            <Link to={`/actualites/articles/${p.id}/modifier`}>{t('news.post.edit')}</Link>
          </p>
        ) : null}
        {p.imageUrl ? <img className="news-post__image" src={p.imageUrl} alt={p.imageAlt ?? ''} /> : null}
        {p.summary ? (
          <p>
            <strong>{p.summary}</strong>
          </p>
        ) : null}
        {/* biome-ignore lint/security/noDangerouslySetInnerHtml: sanitised on the server (marked + sanitize-html) */}
        <div className="prose news-body" dangerouslySetInnerHTML={{ __html: p.bodyHtml }} />
      </article>
    </div>
  );
}
