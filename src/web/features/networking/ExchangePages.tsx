import { type FormEvent, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { EmptyState } from '../../components/EmptyState.tsx';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { Field } from '../../components/Field.tsx';
import { FormErrorSummary, labelsFrom, useFormErrors } from '../../components/FormErrorSummary.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { TerritoryPicker } from '../../components/TerritoryPicker.tsx';
import { api } from '../../lib/api.ts';
import { parisToday } from '../../lib/dates.ts';
import { useLocale } from '../../lib/i18n.tsx';
import { useMe } from '../../lib/session.tsx';
import { useApi } from '../../lib/use-api.ts';
import { categories, type ExchangeContext, type Post } from './types.ts';

type Label = string | { fr: string; en?: string };
const labelOf = (l: Label, locale: string) => (typeof l === 'string' ? l : (locale === 'en' && l.en) || l.fr);

/** /bourse — the networks, and one's introductions. */
export function ExchangeHome() {
  const { t } = useLocale();
  const me = useMe();
  const networks = useApi<{ items: { id: string; name: string }[] }>('/api/networks');
  return (
    <div className="page">
      <PageTitle>{t('networking.home.title')}</PageTitle>
      <p>{t('networking.home.intro')}</p>
      {networks.error ? <ErrorMessage error={networks.error} /> : null}
      <ul>
        {(networks.data?.items ?? []).map((n) => (
          <li key={n.id}>
            <Link to={`/bourse/reseau/${n.id}`}>{n.name}</Link>
            {' · '}
            <Link to={`/jeunes/reseau/${n.id}`}>{t('networking.home.youth')}</Link>
          </li>
        ))}
      </ul>
      {me.account ? (
        <p>
          <Link to="/mises-en-relation">{t('networking.home.mine')}</Link>
        </p>
      ) : null}
    </div>
  );
}

export function PostItem({ post }: { post: Post }) {
  const { t, formatDate } = useLocale();
  return (
    <li className="exchange-item">
      <p className="exchange-item__meta">
        <span className={`tag exchange-item__kind--${post.kind}`}>{t(`networking.kind.${post.kind}`)}</span>{' '}
        <span className="tag">{t(`networking.category.${post.category}`)}</span>
        {post.visibility === 'public' ? (
          <span className="tag">{t('networking.visibility.public')}</span>
        ) : null}
        {post.expired ? <span className="tag">{t('networking.exchange.expired')}</span> : null}
      </p>
      <h3 className="exchange-item__title">
        <Link to={`/bourse/annonces/${post.id}`}>{post.title}</Link>
      </h3>
      <p className="muted">
        {t('networking.exchange.by', { name: post.organizationName })}
        {post.sectorLabel ? ` · ${post.sectorLabel}` : ''}
        {post.territoryName ? ` · ${post.territoryName}` : ''} ·{' '}
        {t('networking.exchange.until', { date: formatDate(post.expiresOn) })}
      </p>
    </li>
  );
}

/** /bourse/reseau/:id — a network's offers and needs: search, filters, list, and the form to post. */
export function ExchangePage() {
  const { id = '' } = useParams();
  const { t, formatNumber, locale } = useLocale();
  const [params, setParams] = useSearchParams();
  const query = {
    q: params.get('q') ?? '',
    kind: params.get('type') ?? '',
    category: params.get('categorie') ?? '',
    sector: params.get('secteur') ?? '',
  };
  const [draft, setDraft] = useState(query);
  const context = useApi<ExchangeContext>(`/api/networks/${id}/exchange/context`);
  const list = useApi<{ role: string; items: Post[] }>(`/api/networks/${id}/exchange`, {
    q: query.q || undefined,
    kind: query.kind || undefined,
    category: query.category || undefined,
    sector: query.sector || undefined,
  });
  const reference = useApi<{ nafSections: { code: string; label: Label }[] }>('/api/reference/identity');
  const summary = useApi<{
    counts: Record<string, number>;
  }>(context.data?.role === 'coordinator' ? `/api/networks/${id}/introductions` : null);
  const search = (e: FormEvent) => {
    e.preventDefault();
    const next = new URLSearchParams();
    if (draft.q) next.set('q', draft.q);
    if (draft.kind) next.set('type', draft.kind);
    if (draft.category) next.set('categorie', draft.category);
    if (draft.sector) next.set('secteur', draft.sector);
    setParams(next);
  };
  if (context.error) return <ErrorMessage error={context.error} />;
  const name = context.data?.networkName ?? '';
  const items = list.data?.items ?? [];
  return (
    <div className="page">
      <PageTitle>{t('networking.exchange.title', { name })}</PageTitle>
      {context.data?.role === 'none' ? (
        <p className="alert alert--info">{t('networking.exchange.publicOnly')}</p>
      ) : null}
      {summary.data ? (
        <section aria-labelledby="exchange-intros">
          <h2 id="exchange-intros">{t('networking.exchange.introductions')}</h2>
          <p>
            {t('networking.exchange.counts', {
              ...summary.data.counts,
              amount: `${formatNumber((summary.data.counts.businessAmountCents ?? 0) / 100)} €`,
            })}
          </p>
        </section>
      ) : null}
      <form className="exchange-search" onSubmit={search}>
        <Field
          label={t('networking.exchange.search')}
          name="q"
          type="search"
          value={draft.q}
          onChange={(e) => setDraft({ ...draft, q: e.target.value })}
        />
        <Field
          as="select"
          label={t('networking.exchange.kind')}
          name="kind"
          value={draft.kind}
          onChange={(e) => setDraft({ ...draft, kind: e.target.value })}
        >
          <option value="">{t('networking.exchange.all')}</option>
          <option value="offer">{t('networking.kind.offer')}</option>
          <option value="need">{t('networking.kind.need')}</option>
        </Field>
        <Field
          as="select"
          label={t('networking.exchange.category')}
          name="category"
          value={draft.category}
          onChange={(e) => setDraft({ ...draft, category: e.target.value })}
        >
          <option value="">{t('networking.exchange.all')}</option>
          {categories.map((c) => (
            <option key={c} value={c}>
              {t(`networking.category.${c}`)}
            </option>
          ))}
        </Field>
        <Field
          as="select"
          label={t('networking.exchange.sectorFilter')}
          name="sector"
          value={draft.sector}
          onChange={(e) => setDraft({ ...draft, sector: e.target.value })}
        >
          <option value="">{t('networking.exchange.all')}</option>
          {(reference.data?.nafSections ?? []).map((s) => (
            <option key={s.code} value={s.code}>
              {s.code} – {labelOf(s.label, locale)}
            </option>
          ))}
        </Field>
        <div className="actions">
          <button type="submit" className="button">
            {t('networking.exchange.searchButton')}
          </button>
        </div>
      </form>
      {list.error ? <ErrorMessage error={list.error} /> : null}
      <p aria-live="polite">{list.data ? t('networking.exchange.results', { count: items.length }) : null}</p>
      {list.data && items.length === 0 ? <EmptyState title={t('networking.exchange.none')} /> : null}
      <ul className="exchange-list">
        {items.map((p) => (
          <PostItem key={p.id} post={p} />
        ))}
      </ul>
      {context.data && context.data.members.length > 0 ? (
        <PostForm networkId={id} context={context.data} onPosted={list.reload} />
      ) : null}
    </div>
  );
}

/** A new post, or (`existing`) the edit of one: the same fields, its author unchanged. */
export function PostForm({
  networkId,
  context,
  onPosted,
  existing,
}: {
  networkId: string;
  context: ExchangeContext;
  onPosted: () => void;
  existing?: Post;
}) {
  const { t, locale } = useLocale();
  const form = useFormErrors('post');
  const reference = useApi<{ nafSections: { code: string; label: Label }[] }>('/api/reference/identity');
  const inMonths = (n: number) => {
    const d = new Date(`${parisToday()}T12:00:00Z`);
    d.setUTCMonth(d.getUTCMonth() + n);
    return d.toISOString().slice(0, 10);
  };
  const empty = {
    memberId: context.members[0]?.id ?? '',
    kind: 'need',
    title: '',
    body: '',
    category: 'service',
    nafSection: '',
    territory: null as string | null,
    expiresOn: inMonths(3),
    visibility: 'members',
  };
  const [v, setV] = useState(
    existing
      ? {
          memberId: existing.memberId,
          kind: existing.kind,
          title: existing.title,
          body: existing.body,
          category: existing.category,
          nafSection: existing.nafSection ?? '',
          territory: existing.territoryCode,
          expiresOn: existing.expiresOn,
          visibility: existing.visibility,
        }
      : empty,
  );
  const [done, setDone] = useState<string | null>(null);
  const [error, setError] = useState<unknown>();
  const set = (k: keyof typeof v) => (e: { target: { value: string } }) =>
    setV({ ...v, [k]: e.target.value });
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    form.clear();
    setError(undefined);
    try {
      const body = { ...v, nafSection: v.nafSection || null, territory: v.territory || null };
      if (existing) {
        const { memberId: _m, ...changes } = body;
        await api<Post>(`/api/exchange-posts/${existing.id}`, { method: 'PUT', body: changes });
        onPosted();
        return;
      }
      const post = await api<Post>(`/api/networks/${networkId}/exchange`, { method: 'POST', body });
      setDone(post.id);
      setV(empty);
      onPosted();
    } catch (err) {
      if (!form.fromError(err)) setError(err);
    }
  };
  const labelFor = labelsFrom(t, 'networking.exchange.', {
    title: 'titleField',
    nafSection: 'sector',
    memberId: 'member',
  });
  return (
    <section aria-labelledby="exchange-new">
      <h2 id="exchange-new">
        {t(existing ? 'networking.exchange.editPost' : 'networking.exchange.newPost')}
      </h2>
      {done ? (
        <p className="alert alert--success" role="status">
          {t('networking.exchange.published')}{' '}
          <Link to={`/bourse/annonces/${done}`}>{t('networking.exchange.view')}</Link>
        </p>
      ) : null}
      <form onSubmit={submit} noValidate>
        <FormErrorSummary form={form} labelFor={labelFor} />
        {error ? <ErrorMessage error={error} /> : null}
        {!existing && context.members.length > 1 ? (
          <Field
            as="select"
            id={form.idFor('memberId')}
            label={t('networking.exchange.member')}
            name="memberId"
            value={v.memberId}
            onChange={set('memberId')}
            error={form.errors.memberId}
          >
            {context.members.map((m) => (
              <option key={m.id} value={m.id}>
                {m.organizationName}
              </option>
            ))}
          </Field>
        ) : null}
        <Field
          as="select"
          id={form.idFor('kind')}
          label={t('networking.exchange.kind')}
          name="kind"
          value={v.kind}
          onChange={set('kind')}
          error={form.errors.kind}
        >
          <option value="need">{t('networking.kind.need')}</option>
          <option value="offer">{t('networking.kind.offer')}</option>
        </Field>
        <Field
          id={form.idFor('title')}
          label={t('networking.exchange.titleField')}
          name="title"
          value={v.title}
          onChange={set('title')}
          error={form.errors.title}
          required
        />
        <Field
          as="textarea"
          id={form.idFor('body')}
          label={t('networking.exchange.body')}
          name="body"
          value={v.body}
          onChange={set('body')}
          error={form.errors.body}
          required
          rows={4}
        />
        <Field
          as="select"
          id={form.idFor('category')}
          label={t('networking.exchange.category')}
          name="category"
          value={v.category}
          onChange={set('category')}
          error={form.errors.category}
        >
          {categories.map((c) => (
            <option key={c} value={c}>
              {t(`networking.category.${c}`)}
            </option>
          ))}
        </Field>
        <Field
          as="select"
          id={form.idFor('nafSection')}
          label={t('networking.exchange.sector')}
          name="nafSection"
          value={v.nafSection}
          onChange={set('nafSection')}
          error={form.errors.nafSection}
        >
          <option value="">{t('networking.exchange.noSector')}</option>
          {(reference.data?.nafSections ?? []).map((s) => (
            <option key={s.code} value={s.code}>
              {s.code} – {labelOf(s.label, locale)}
            </option>
          ))}
        </Field>
        <TerritoryPicker
          id={form.idFor('territory')}
          label={t('networking.exchange.territory')}
          levels={['commune', 'epci', 'department']}
          value={v.territory}
          onChange={(code) => setV({ ...v, territory: code })}
          error={form.errors.territory}
        />
        <Field
          id={form.idFor('expiresOn')}
          type="date"
          label={t('networking.exchange.expiresOn')}
          name="expiresOn"
          value={v.expiresOn}
          onChange={set('expiresOn')}
          error={form.errors.expiresOn}
          required
        />
        <Field
          as="select"
          id={form.idFor('visibility')}
          label={t('networking.exchange.visibility')}
          name="visibility"
          value={v.visibility}
          onChange={set('visibility')}
          error={form.errors.visibility}
        >
          <option value="members">{t('networking.visibility.members')}</option>
          <option value="public">{t('networking.visibility.public')}</option>
        </Field>
        <div className="actions">
          <button type="submit" className="button">
            {t(existing ? 'networking.exchange.saveEdit' : 'networking.exchange.submit')}
          </button>
        </div>
      </form>
    </section>
  );
}
