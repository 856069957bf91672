import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { ErrorMessage } from '../../../components/ErrorMessage.tsx';
import { PageTitle } from '../../../components/PageTitle.tsx';
import { api } from '../../../lib/api.ts';
import { useLocale } from '../../../lib/i18n.tsx';
import { useMe } from '../../../lib/session.tsx';
import { useApi } from '../../../lib/use-api.ts';
import type { IssueSummary } from './types.ts';
import './issues.css';

/** /lettres/envois — the networks I coordinate. */
export function IssuesHome() {
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
      <PageTitle>{t('nlIssues.home.title')}</PageTitle>
      <p>{t('nlIssues.home.intro')}</p>
      <h2>{t('nlIssues.home.networks')}</h2>
      {coordinated.length === 0 ? <p>{t('nlIssues.home.none')}</p> : null}
      <ul>
        {coordinated.map((n) => (
          <li key={n.id}>
            <Link to={`/lettres/envois/reseau/${n.id}`}>{n.name}</Link>
          </li>
        ))}
      </ul>
    </div>
  );
}

function IssueList({ items }: { items: IssueSummary[] }) {
  const { t, formatDate } = useLocale();
  if (items.length === 0) return <p>{t('nlIssues.list.none')}</p>;
  return (
    <ul className="nl-issues">
      {items.map((i) => (
        <li key={i.id}>
          <Link to={`/lettres/envois/numeros/${i.id}`}>{i.subject || t('nlIssues.list.noSubject')}</Link>{' '}
          <span className={`nl-status nl-status--${i.status}`}>{t(`nlIssues.status.${i.status}`)}</span>{' '}
          <span className="muted">
            {i.recipientCount !== null ? t('nlIssues.list.recipients', { count: i.recipientCount }) : ''}
            {i.startedAt ? ` · ${formatDate(i.startedAt, { dateStyle: 'long' })}` : ''}
          </span>
        </li>
      ))}
    </ul>
  );
}

/** /lettres/envois/reseau/:networkId — drafts and sent issues, a button for a new one. */
export function IssuesListPage() {
  const { t } = useLocale();
  const { networkId = '' } = useParams();
  const navigate = useNavigate();
  const me = useMe();
  const issues = useApi<{ items: IssueSummary[] }>(`/api/networks/${networkId}/newsletter-issues`);
  const networks = useApi<{ items: { id: string; name: string; slug: string }[] }>('/api/networks');
  const network =
    networks.data?.items.find((n) => n.id === networkId) ?? me.networks.find((n) => n.id === networkId);
  const [error, setError] = useState<unknown>();
  const name = network?.name ?? '';
  async function create() {
    try {
      const created = await api<{ id: string }>(`/api/networks/${networkId}/newsletter-issues`, { body: {} });
      navigate(`/lettres/envois/numeros/${created.id}`);
    } catch (err) {
      setError(err);
    }
  }
  const items = issues.data?.items ?? [];
  return (
    <div className="page">
      <PageTitle>{t('nlIssues.list.title', { name })}</PageTitle>
      <ErrorMessage error={issues.error ?? error} />
      <button type="button" className="button" onClick={create}>
        {t('nlIssues.list.new')}
      </button>
      <h2>{t('nlIssues.list.drafts')}</h2>
      <IssueList items={items.filter((i) => i.status === 'draft')} />
      <h2>{t('nlIssues.list.others')}</h2>
      <IssueList items={items.filter((i) => i.status !== 'draft')} />
      {network?.slug ? (
        <p>
          <Link to={`/lettres/archives/${network.slug}`}>{t('nlIssues.list.archive')}</Link>
        </p>
      ) : null}
    </div>
  );
}

/** /lettres/archives/:slug — the public archive of a network's sent letters. */
export function ArchivePage() {
  const { t, formatDate } = useLocale();
  const { slug = '' } = useParams();
  const archive = useApi<{
    networkName: string;
    items: { id: string; subject: string; sentAt: string | null }[];
  }>(`/api/public/networks/${encodeURIComponent(slug)}/newsletter-archive`);
  return (
    <div className="page">
      <PageTitle>{t('nlIssues.archive.title', { name: archive.data?.networkName ?? '' })}</PageTitle>
      <ErrorMessage error={archive.error} />
      {archive.data && archive.data.items.length === 0 ? <p>{t('nlIssues.archive.none')}</p> : null}
      <ul className="nl-issues">
        {archive.data?.items.map((i) => (
          <li key={i.id}>
            <a href={`/api/newsletter-issues/${i.id}/web`}>{i.subject}</a>{' '}
            <span className="muted">{i.sentAt ? formatDate(i.sentAt, { dateStyle: 'long' }) : ''}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
