import { type FormEvent, useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { Field } from '../../components/Field.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { Pagination } from '../../components/Pagination.tsx';
import { ApiError, api } from '../../lib/api.ts';
import { useLocale } from '../../lib/i18n.tsx';
import { useMe } from '../../lib/session.tsx';
import { useApi } from '../../lib/use-api.ts';
import { ImportPanel } from './ImportPanel.tsx';
import { ListForm } from './ListForm.tsx';
import type { NewsletterList, Subscriber } from './types.ts';
import './newsletters.css';

const isForbidden = (e: unknown) => e instanceof ApiError && [401, 403, 404].includes(e.status);

function Forbidden() {
  const { t } = useLocale();
  return (
    <div className="page">
      <PageTitle>{t('newsletters.home.title')}</PageTitle>
      <p>{t('newsletters.home.forbidden')}</p>
    </div>
  );
}

/** /lettres — the networks I coordinate. */
export function NewslettersHome() {
  const { t } = useLocale();
  const me = useMe();
  const all = useApi<{ items: { id: string; name: string }[] }>(
    me.account?.isPlatformAdmin ? '/api/networks' : null,
  );
  const coordinated = me.account?.isPlatformAdmin
    ? (all.data?.items ?? [])
    : me.networks.filter((n) => n.role === 'coordinator');
  return (
    <div className="page">
      <PageTitle>{t('newsletters.home.title')}</PageTitle>
      <p>{t('newsletters.home.intro')}</p>
      <section aria-labelledby="newsletters-networks">
        <h2 id="newsletters-networks">{t('newsletters.home.networks')}</h2>
        {coordinated.length === 0 ? <p>{t('newsletters.home.none')}</p> : null}
        <ul>
          {coordinated.map((n) => (
            <li key={n.id}>
              <Link to={`/lettres/reseau/${n.id}`}>{n.name}</Link>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}

/** /lettres/reseau/:id — the network's lists with their counts, and a form to create one. */
export function NetworkListsPage() {
  const { t } = useLocale();
  const { id = '' } = useParams();
  const lists = useApi<{ networkName: string; items: NewsletterList[] }>(
    `/api/networks/${encodeURIComponent(id)}/newsletter-lists`,
  );
  const [adding, setAdding] = useState(false);
  const [created, setCreated] = useState('');
  if (isForbidden(lists.error)) return <Forbidden />;
  return (
    <div className="page">
      <PageTitle>{t('newsletters.lists.title', { name: lists.data?.networkName ?? '' })}</PageTitle>
      <ErrorMessage error={lists.error} />
      <p>
        <Link to={`/lettres/reseau/${encodeURIComponent(id)}/bloquees`}>
          {t('newsletters.lists.suppressions')}
        </Link>
      </p>
      {lists.data && lists.data.items.length === 0 ? <p>{t('newsletters.lists.none')}</p> : null}
      <ul className="newsletters-lists">
        {lists.data?.items.map((l) => (
          <li key={l.id}>
            <Link to={`/lettres/listes/${l.id}`}>{l.name}</Link>
            <span className="muted">
              {[
                t(`newsletters.lists.${l.visibility}`),
                l.archived ? t('newsletters.lists.archived') : null,
                l.isDemo ? t('newsletters.lists.demo') : null,
              ]
                .filter(Boolean)
                .join(' · ')}
            </span>
            <span>{t('newsletters.lists.counts', { ...l.counts })}</span>
          </li>
        ))}
      </ul>
      <section aria-labelledby="newsletters-add">
        <h2 id="newsletters-add">{t('newsletters.lists.add')}</h2>
        <p aria-live="polite">{created}</p>
        {adding ? (
          <ListForm
            networkId={id}
            onSaved={(l) => {
              setCreated(t('newsletters.lists.created', { name: l.name }));
              lists.reload();
            }}
          />
        ) : (
          <button type="button" className="button button--secondary" onClick={() => setAdding(true)}>
            {t('newsletters.lists.add')}
          </button>
        )}
      </section>
    </div>
  );
}

/** One subscriber's proof, in words. */
function Proof({ s }: { s: Subscriber }) {
  const { t, formatDate, formatDateTime } = useLocale();
  const parts = [
    t('newsletters.proof.consented', {
      date: s.consentedAt ? formatDateTime(s.consentedAt) : t('newsletters.proof.noDate'),
      basis: t(`newsletters.basis.${s.legalBasis}`),
      source: t(`newsletters.source.${s.source}`),
    }),
    s.consentVersion ? t('newsletters.proof.version', { version: s.consentVersion }) : null,
    s.ip ? t('newsletters.proof.ip', { ip: s.ip }) : null,
    s.confirmedAt ? t('newsletters.proof.confirmed', { date: formatDate(s.confirmedAt) }) : null,
    s.unsubscribedAt
      ? t('newsletters.proof.unsubscribed', {
          date: formatDate(s.unsubscribedAt),
          how: t(`newsletters.how.${s.unsubscribedHow ?? 'link'}`),
        })
      : null,
  ];
  return <span className="muted">{parts.filter(Boolean).join(' · ')}</span>;
}

/** /lettres/listes/:id — a list: its settings, its subscribers with their proof, the import. */
export function ListPage() {
  const { t } = useLocale();
  const { id = '' } = useParams();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const q = params.get('q') ?? '';
  const status = params.get('etat') ?? '';
  const page = Number(params.get('page') ?? '1') || 1;
  const list = useApi<NewsletterList>(`/api/newsletter-lists/${encodeURIComponent(id)}`);
  const subs = useApi<{ total: number; page: number; pageSize: number; items: Subscriber[] }>(
    `/api/newsletter-lists/${encodeURIComponent(id)}/subscribers`,
    { q: q || undefined, status: status || undefined, page },
  );
  const [typed, setTyped] = useState(q);
  const [typedStatus, setTypedStatus] = useState(status);
  const [editing, setEditing] = useState(false);
  const [notice, setNotice] = useState('');
  const [error, setError] = useState<unknown>();
  const href = (p: number, query = q, st = status) => {
    const s = new URLSearchParams();
    if (query) s.set('q', query);
    if (st) s.set('etat', st);
    if (p > 1) s.set('page', String(p));
    const qs = s.toString();
    return `/lettres/listes/${encodeURIComponent(id)}${qs ? `?${qs}` : ''}`;
  };
  if (isForbidden(list.error)) return <Forbidden />;
  const l = list.data;
  async function archive() {
    if (!window.confirm(t('newsletters.list.archiveConfirm'))) return;
    try {
      await api(`/api/newsletter-lists/${encodeURIComponent(id)}/archive`, { method: 'POST' });
      list.reload();
    } catch (err) {
      setError(err);
    }
  }
  function search(e: FormEvent) {
    e.preventDefault();
    navigate(href(1, typed.trim(), typedStatus));
  }
  return (
    <div className="page">
      <PageTitle>{l?.name ?? t('newsletters.home.title')}</PageTitle>
      <ErrorMessage error={list.error ?? error} />
      {l ? (
        <>
          <p>
            <Link to={`/lettres/reseau/${l.networkId}`}>{t('newsletters.list.back')}</Link>
          </p>
          {l.description ? <p>{l.description}</p> : null}
          <p>{t('newsletters.lists.counts', { ...l.counts })}</p>
          {l.archived ? <p className="alert alert--info">{t('newsletters.list.archivedNote')}</p> : null}
          <figure className="newsletters-consent">
            <figcaption>{t('newsletters.list.version', { version: l.consentVersion })}</figcaption>
            <blockquote>{l.consentText}</blockquote>
          </figure>
          {l.visibility === 'public' && !l.archived ? (
            <p>
              <Link to={`/lettres/inscription/${l.id}`}>{t('newsletters.list.publicForm')}</Link>
            </p>
          ) : null}
          <p aria-live="polite">{notice}</p>
          {!l.archived ? (
            <div className="newsletters-actions">
              <button type="button" className="button button--secondary" onClick={() => setEditing(!editing)}>
                {t('newsletters.list.edit')}
              </button>
              <button type="button" className="button button--secondary" onClick={archive}>
                {t('newsletters.list.archive')}
              </button>
            </div>
          ) : null}
          {editing ? (
            <ListForm
              networkId={l.networkId}
              list={l}
              onSaved={() => {
                setNotice(t('newsletters.list.saved'));
                setEditing(false);
                list.reload();
              }}
            />
          ) : null}
        </>
      ) : null}
      <section aria-labelledby="newsletters-subscribers">
        <h2 id="newsletters-subscribers">{t('newsletters.list.subscribers')}</h2>
        <form aria-label={t('newsletters.list.search')} className="newsletters-search" onSubmit={search}>
          <Field
            label={t('newsletters.list.search')}
            type="search"
            value={typed}
            onChange={(e) => setTyped(e.target.value)}
          />
          <Field
            as="select"
            label={t('newsletters.list.status')}
            value={typedStatus}
            onChange={(e) => setTypedStatus(e.target.value)}
          >
            <option value="">{t('newsletters.list.all')}</option>
            {(['confirmed', 'pending', 'unsubscribed'] as const).map((s) => (
              <option key={s} value={s}>
                {t(`newsletters.status.${s}`)}
              </option>
            ))}
          </Field>
          <button type="submit" className="button">
            {t('newsletters.list.searchButton')}
          </button>
        </form>
        <ErrorMessage error={subs.error} />
        {subs.data ? (
          <>
            <p aria-live="polite">{t('newsletters.list.count', { count: subs.data.total })}</p>
            {subs.data.total === 0 ? <p>{t('newsletters.list.empty')}</p> : null}
            <ul className="newsletters-subscribers">
              {subs.data.items.map((s) => (
                <li key={s.id}>
                  <strong>{s.email}</strong>
                  {s.name ? <span>{s.name}</span> : null}
                  <span className={`newsletters-status newsletters-status--${s.status}`}>
                    {t(`newsletters.status.${s.status}`)}
                  </span>
                  <Proof s={s} />
                </li>
              ))}
            </ul>
            <Pagination
              page={subs.data.page}
              pageSize={subs.data.pageSize}
              total={subs.data.total}
              hrefFor={(p) => href(p)}
            />
          </>
        ) : null}
      </section>
      {l && !l.archived ? (
        <ImportPanel
          listId={l.id}
          onImported={() => {
            list.reload();
            subs.reload();
          }}
        />
      ) : null}
    </div>
  );
}

/** /lettres/reseau/:id/bloquees — the addresses the network never writes to. */
export function SuppressionsPage() {
  const { t, formatDate } = useLocale();
  const { id = '' } = useParams();
  const lists = useApi<{ networkName: string }>(`/api/networks/${encodeURIComponent(id)}/newsletter-lists`);
  const rows = useApi<{
    items: { id: string; email: string; reason: string; createdAt: string; platformWide: boolean }[];
  }>(`/api/networks/${encodeURIComponent(id)}/newsletter-suppressions`);
  if (isForbidden(rows.error)) return <Forbidden />;
  return (
    <div className="page">
      <PageTitle>{t('newsletters.suppressions.title', { name: lists.data?.networkName ?? '' })}</PageTitle>
      <p>
        <Link to={`/lettres/reseau/${encodeURIComponent(id)}`}>{t('newsletters.list.back')}</Link>
      </p>
      <p>{t('newsletters.suppressions.intro')}</p>
      <ErrorMessage error={rows.error} />
      {rows.data && rows.data.items.length === 0 ? <p>{t('newsletters.suppressions.none')}</p> : null}
      <ul className="newsletters-subscribers">
        {rows.data?.items.map((r) => (
          <li key={r.id}>
            <strong>{r.email}</strong>
            <span>{t(`newsletters.suppressions.reason.${r.reason}`)}</span>
            <span className="muted">
              {t('newsletters.suppressions.since', { date: formatDate(r.createdAt) })}
              {r.platformWide ? ` · ${t('newsletters.suppressions.platform')}` : ''}
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}
