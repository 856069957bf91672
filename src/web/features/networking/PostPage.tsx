import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { api } from '../../lib/api.ts';
import { useLocale } from '../../lib/i18n.tsx';
import { useApi } from '../../lib/use-api.ts';
import { PostForm } from './ExchangePages.tsx';
import type { ExchangeContext, Post, Role, Suggestion } from './types.ts';

/** /bourse/annonces/:id — one post; for a need, its suggestions, each with "Demander une mise en relation". */
export function PostPage() {
  const { id = '' } = useParams();
  const { t, formatDate } = useLocale();
  const navigate = useNavigate();
  const post = useApi<Post & { role: Role; canManage: boolean }>(`/api/exchange-posts/${id}`);
  const p = post.data;
  const context = useApi<ExchangeContext>(p ? `/api/networks/${p.networkId}/exchange/context` : null);
  const suggestions = useApi<{ items: Suggestion[] }>(
    p?.canManage && p.kind === 'need' ? `/api/exchange-posts/${id}/suggestions` : null,
  );
  const [asked, setAsked] = useState<Record<string, boolean>>({});
  const [editing, setEditing] = useState(false);
  const [edited, setEdited] = useState(false);
  const [error, setError] = useState<unknown>();
  if (post.error) return <ErrorMessage error={post.error} />;
  if (!p) return null;
  // Who asks: the post's member when it is theirs; else the reader's own member (the first they speak for).
  const own = context.data?.members ?? [];
  const asker = p.canManage ? p.memberId : (own.find((m) => m.id !== p.memberId)?.id ?? null);
  const ask = async (key: string, otherMemberId: string, postId: string | null) => {
    if (!asker) return;
    setError(undefined);
    try {
      await api(`/api/networks/${p.networkId}/introductions`, {
        method: 'POST',
        body: { memberAId: asker, memberBId: otherMemberId, postId: postId ?? p.id },
      });
      setAsked({ ...asked, [key]: true });
    } catch (err) {
      setError(err);
    }
  };
  const withdraw = async () => {
    await api(`/api/exchange-posts/${p.id}`, { method: 'DELETE' });
    navigate(`/bourse/reseau/${p.networkId}`);
  };
  return (
    <div className="page">
      <p>
        <Link to={`/bourse/reseau/${p.networkId}`}>{t('networking.post.back')}</Link>
      </p>
      <PageTitle>{p.title}</PageTitle>
      <p>
        <span className="tag">{t(`networking.kind.${p.kind}`)}</span>{' '}
        <span className="tag">{t(`networking.category.${p.category}`)}</span>
      </p>
      <p className="muted">
        {t('networking.exchange.by', { name: p.organizationName })}
        {p.sectorLabel ? ` · ${p.sectorLabel}` : ''}
        {p.territoryName ? ` · ${p.territoryName}` : ''} ·{' '}
        {t('networking.exchange.until', { date: formatDate(p.expiresOn) })}
      </p>
      <p className="exchange-post__body">{p.body}</p>
      {error ? <ErrorMessage error={error} /> : null}
      {!p.canManage && asker ? (
        asked.post ? (
          <p className="alert alert--success" role="status">
            {t('networking.post.asked')}
          </p>
        ) : (
          <div className="actions">
            <button type="button" className="button" onClick={() => ask('post', p.memberId, p.id)}>
              {t('networking.post.ask')}
            </button>
          </div>
        )
      ) : null}
      {edited ? (
        <p className="alert alert--success" role="status">
          {t('networking.post.edited')}
        </p>
      ) : null}
      {p.canManage ? (
        <div className="actions">
          <button
            type="button"
            className="button button--secondary"
            aria-expanded={editing}
            onClick={() => {
              setEditing(!editing);
              setEdited(false);
            }}
          >
            {t('networking.post.edit')}
          </button>
          <button type="button" className="button button--secondary" onClick={withdraw}>
            {t('networking.post.withdraw')}
          </button>
        </div>
      ) : null}
      {p.canManage && editing && context.data ? (
        <PostForm
          networkId={p.networkId}
          context={context.data}
          existing={p}
          onPosted={() => {
            setEditing(false);
            setEdited(true);
            post.reload();
          }}
        />
      ) : null}
      {suggestions.data ? (
        <section aria-labelledby="post-suggestions">
          <h2 id="post-suggestions">{t('networking.post.suggestions')}</h2>
          <p>{t('networking.post.suggestionsIntro')}</p>
          {suggestions.data.items.length === 0 ? <p>{t('networking.post.noSuggestion')}</p> : null}
          <ul className="suggestion-list">
            {suggestions.data.items.map((s) => {
              const key = `${s.type}-${s.postId ?? s.memberId}`;
              return (
                <li key={key} className="suggestion">
                  <h3 className="suggestion__title">
                    {s.postId ? (
                      <Link to={`/bourse/annonces/${s.postId}`}>{s.title}</Link>
                    ) : (
                      t('networking.post.memberOf', { name: s.organizationName })
                    )}
                  </h3>
                  {s.postId ? <p>{t('networking.post.offerOf', { name: s.organizationName })}</p> : null}
                  <p className="muted">{s.reason}</p>
                  {asked[key] ? (
                    <p className="alert alert--success" role="status">
                      {t('networking.post.asked')}
                    </p>
                  ) : (
                    <button
                      type="button"
                      className="button button--secondary"
                      aria-label={t('networking.post.askWith', { name: s.organizationName })}
                      onClick={() => ask(key, s.memberId, s.postId)}
                    >
                      {t('networking.post.ask')}
                    </button>
                  )}
                </li>
              );
            })}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
