import { type ChangeEvent, type FormEvent, useEffect, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { Field } from '../../components/Field.tsx';
import { FormErrorSummary, labelsFrom, useFormErrors } from '../../components/FormErrorSummary.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { api } from '../../lib/api.ts';
import { useLocale } from '../../lib/i18n.tsx';
import { useApi } from '../../lib/use-api.ts';
import { PostDate } from './NewsPages.tsx';
import type { NewsCategory, NewsPost } from './types.ts';
import './news.css';

type Form = { title: string; summary: string; body: string; imageAlt: string; categoryIds: string[] };
const formOf = (p: NewsPost): Form => ({
  title: p.title,
  summary: p.summary,
  body: p.body,
  imageAlt: p.imageAlt ?? '',
  categoryIds: p.categories.map((c) => c.id),
});

/** /actualites/articles/:id/modifier — write, preview, publish, unpublish, delete a draft. */
export function NewsEditPage() {
  const { id = '' } = useParams();
  const { t } = useLocale();
  const navigate = useNavigate();
  const post = useApi<NewsPost>(`/api/news/${id}`);
  const p = post.data;
  const categories = useApi<{ items: NewsCategory[] }>(
    p ? `/api/networks/${p.networkId}/news-categories` : null,
  );
  const errs = useFormErrors('news');
  const [form, setForm] = useState<Form>();
  const [when, setWhen] = useState('');
  const [saved, setSaved] = useState('');
  const [error, setError] = useState<unknown>();
  useEffect(() => {
    if (p) setForm(formOf(p));
  }, [p]);
  if (post.error) return <ErrorMessage error={post.error} />;
  if (!p || !form) return null;
  const set =
    (k: 'title' | 'summary' | 'body' | 'imageAlt') =>
    (e: ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) =>
      setForm({ ...form, [k]: e.target.value });
  const toggle = (cid: string) =>
    setForm({
      ...form,
      categoryIds: form.categoryIds.includes(cid)
        ? form.categoryIds.filter((c) => c !== cid)
        : [...form.categoryIds, cid],
    });
  async function run(what: () => Promise<unknown>, message: string) {
    errs.clear();
    setError(undefined);
    setSaved('');
    try {
      await what();
      setSaved(message);
      post.reload();
    } catch (err) {
      if (!errs.fromError(err)) setError(err);
    }
  }
  const save = () =>
    api(`/api/news/${id}`, { method: 'PATCH', body: { ...form, imageAlt: form.imageAlt.trim() || null } });
  async function submit(e: FormEvent) {
    e.preventDefault();
    await run(save, t('news.edit.saved'));
  }
  const publish = () =>
    run(async () => {
      await save();
      await api(`/api/news/${id}/publish`, {
        body: when ? { publishedAt: new Date(when).toISOString() } : {},
      });
    }, t('news.edit.published'));
  const unpublish = () =>
    run(() => api(`/api/news/${id}/unpublish`, { method: 'POST' }), t('news.edit.unpublished'));
  async function remove() {
    if (!window.confirm(t('news.edit.confirmDelete', { title: p!.title }))) return;
    try {
      await api(`/api/news/${id}`, { method: 'DELETE' });
      navigate(`/actualites/gestion/${p!.networkId}`);
    } catch (err) {
      setError(err);
    }
  }
  async function upload(e: ChangeEvent<HTMLInputElement>) {
    const file = e.target.files?.[0];
    if (!file) return;
    await run(
      () =>
        api(`/api/news/${id}/image`, {
          method: 'PUT',
          body: file,
          contentType: file.type || 'application/octet-stream',
        }),
      t('news.edit.imageSaved'),
    );
  }
  return (
    <div className="page">
      <p>
        <Link to={`/actualites/gestion/${p.networkId}`}>{t('news.edit.back', { name: p.networkName })}</Link>
      </p>
      <PageTitle title={t('news.edit.pageTitle', { title: p.title })}>{t('news.edit.heading')}</PageTitle>
      <p>
        <PostDate post={p} /> · <Link to={`/actualites/articles/${p.id}`}>{t('news.edit.preview')}</Link>
      </p>
      <p aria-live="polite" className={saved ? 'alert alert--success' : undefined}>
        {saved}
      </p>
      <ErrorMessage error={error} />
      <form onSubmit={submit} noValidate>
        <FormErrorSummary form={errs} labelFor={labelsFrom(t, 'news.edit.')} />
        <Field
          id={errs.idFor('title')}
          label={t('news.edit.title')}
          value={form.title}
          onChange={set('title')}
          error={errs.errors.title}
          required
        />
        <Field
          as="textarea"
          id={errs.idFor('summary')}
          label={t('news.edit.summary')}
          hint={t('news.edit.summaryHint')}
          rows={2}
          value={form.summary}
          onChange={set('summary')}
          error={errs.errors.summary}
        />
        <Field
          as="textarea"
          id={errs.idFor('body')}
          label={t('news.edit.body')}
          hint={t('news.edit.bodyHint')}
          rows={12}
          value={form.body}
          onChange={set('body')}
          error={errs.errors.body}
        />
        {categories.data?.items.length ? (
          <fieldset className="news-categories" id={errs.idFor('categoryIds')}>
            <legend>{t('news.edit.categoryIds')}</legend>
            {categories.data.items.map((c) => (
              <label key={c.id}>
                <input
                  type="checkbox"
                  checked={form.categoryIds.includes(c.id)}
                  onChange={() => toggle(c.id)}
                />{' '}
                {c.name}
              </label>
            ))}
          </fieldset>
        ) : null}
        <Field
          id="news-image"
          label={t('news.edit.image')}
          hint={t('news.edit.imageHint')}
          type="file"
          accept="image/jpeg,image/png,image/webp"
          onChange={upload}
        />
        {p.imageUrl ? (
          <img className="news-post__image" src={p.imageUrl} alt={form.imageAlt} width={240} />
        ) : null}
        <Field
          id={errs.idFor('imageAlt')}
          label={t('news.edit.imageAlt')}
          value={form.imageAlt}
          onChange={set('imageAlt')}
          error={errs.errors.imageAlt}
        />
        <p>
          <button type="submit" className="button button--secondary">
            {t('news.edit.save')}
          </button>
        </p>
      </form>
      <section aria-labelledby="news-publication">
        <h2 id="news-publication">{t('news.edit.publication')}</h2>
        {p.status === 'published' ? (
          <div className="news-actions">
            <button type="button" className="button button--secondary" onClick={unpublish}>
              {t('news.edit.unpublish')}
            </button>
          </div>
        ) : (
          <div className="news-actions">
            <Field
              id={errs.idFor('publishedAt')}
              label={t('news.edit.publishedAt')}
              hint={t('news.edit.publishedAtHint')}
              type="datetime-local"
              value={when}
              onChange={(e) => setWhen(e.target.value)}
              error={errs.errors.publishedAt}
            />
            <button type="button" className="button" onClick={publish}>
              {t('news.edit.publish')}
            </button>
            <button type="button" className="button button--danger" onClick={remove}>
              {t('news.edit.delete')}
            </button>
          </div>
        )}
      </section>
    </div>
  );
}
