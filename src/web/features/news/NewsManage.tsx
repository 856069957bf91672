import { type FormEvent, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { Field } from '../../components/Field.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { ApiError, api } from '../../lib/api.ts';
import { useLocale } from '../../lib/i18n.tsx';
import { useMe } from '../../lib/session.tsx';
import { useApi } from '../../lib/use-api.ts';
import { PostDate } from './NewsPages.tsx';
import type { NewsList, NewsPost } from './types.ts';
import './news.css';

/** /actualites — the networks whose news I write. */
export function NewsHome() {
  const { t } = useLocale();
  const me = useMe();
  const all = useApi<{ items: { id: string; name: string; slug: string }[] }>(
    me.account?.isPlatformAdmin ? '/api/networks' : null,
  );
  const coordinated = me.account?.isPlatformAdmin
    ? (all.data?.items ?? [])
    : me.networks.filter((n) => n.role === 'coordinator');
  return (
    <div className="page">
      <PageTitle>{t('news.home.title')}</PageTitle>
      <p>{t('news.home.intro')}</p>
      {coordinated.length === 0 ? <p>{t('news.home.none')}</p> : null}
      <ul>
        {coordinated.map((n) => (
          <li key={n.id}>
            <Link to={`/actualites/gestion/${n.id}`}>{n.name}</Link>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** /actualites/gestion/:id — every post of the network (drafts first), a new draft, the categories. */
export function NewsManagePage() {
  const { id = '' } = useParams();
  const { t } = useLocale();
  const navigate = useNavigate();
  const list = useApi<NewsList>(`/api/networks/${id}/news`, { status: 'all', pageSize: 50 });
  const [title, setTitle] = useState('');
  const [category, setCategory] = useState('');
  const [added, setAdded] = useState('');
  const [fields, setFields] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>();
  const d = list.data;
  if (list.error) return <ErrorMessage error={list.error} />;
  if (!d) return null;
  async function create(e: FormEvent) {
    e.preventDefault();
    setError(undefined);
    setFields({});
    try {
      const post = await api<NewsPost>(`/api/networks/${id}/news`, { body: { title } });
      navigate(`/actualites/articles/${post.id}/modifier`);
    } catch (err) {
      setError(err);
      if (err instanceof ApiError) setFields(err.fields);
    }
  }
  async function addCategory(e: FormEvent) {
    e.preventDefault();
    setError(undefined);
    try {
      await api(`/api/networks/${id}/news-categories`, { body: { name: category } });
      setAdded(t('news.manage.categoryAdded', { name: category }));
      setCategory('');
      list.reload();
    } catch (err) {
      setError(err);
    }
  }
  return (
    <div className="page">
      <PageTitle>{t('news.manage.title', { name: d.network.name })}</PageTitle>
      <p>
        <Link to={`/actualites/${d.network.slug}`}>{t('news.manage.public')}</Link>
      </p>
      <ErrorMessage error={error} />
      <form onSubmit={create} className="news-actions">
        <Field
          id="news-new-title"
          label={t('news.manage.newTitle')}
          value={title}
          onChange={(e) => setTitle(e.target.value)}
          error={fields.title}
          required
        />
        <button type="submit" className="button">
          {t('news.manage.write')}
        </button>
      </form>
      <h2>{t('news.manage.posts')}</h2>
      {d.items.length === 0 ? <p>{t('news.list.none')}</p> : null}
      <ul className="news-list">
        {d.items.map((p) => (
          <li key={p.id} className="news-card">
            <div>
              <h3>
                <Link to={`/actualites/articles/${p.id}/modifier`}>{p.title}</Link>
              </h3>
              <p className="muted">
                <PostDate post={p} />
                {p.categories.length ? ` · ${p.categories.map((c) => c.name).join(', ')}` : ''}
              </p>
            </div>
          </li>
        ))}
      </ul>
      <h2>{t('news.manage.categories')}</h2>
      <p>{d.categories.length ? d.categories.map((c) => c.name).join(', ') : t('news.manage.noCategory')}</p>
      <p aria-live="polite">{added}</p>
      <form onSubmit={addCategory} className="news-actions">
        <Field
          id="news-new-category"
          label={t('news.manage.newCategory')}
          value={category}
          onChange={(e) => setCategory(e.target.value)}
          required
        />
        <button type="submit" className="button button--secondary">
          {t('news.manage.addCategory')}
        </button>
      </form>
    </div>
  );
}
