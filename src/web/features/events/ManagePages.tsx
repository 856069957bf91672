import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { EmptyState } from '../../components/EmptyState.tsx';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { useLocale } from '../../lib/i18n.tsx';
import { useMe } from '../../lib/session.tsx';
import { useApi } from '../../lib/use-api.ts';
import { AgendaPage } from './AgendaPage.tsx';
import { formatDay } from './filters.ts';
import { ModerationActions } from './ModerationActions.tsx';
import type { Campaign, ManagedEvent } from './types.ts';
import './events.css';

function ManagedList({
  items,
  moderate,
  onDone,
}: {
  items: ManagedEvent[];
  moderate?: boolean;
  onDone?: () => void;
}) {
  const { t, locale } = useLocale();
  const intl = locale === 'fr' ? 'fr-FR' : 'en-GB';
  return (
    <ul className="event-list">
      {items.map((e) => (
        <li key={e.id} className="event-item">
          <p className="event-item__when">
            {formatDay(e.startsAt, intl)} · {e.communeName ?? ''}{' '}
            {e.departmentCode ? `(${e.departmentCode})` : ''}
          </p>
          <h3 className="event-item__title">
            <Link to={`/agenda/evenements/${e.id}`}>{e.title}</Link>
          </h3>
          <p className="event-item__meta">
            <span className="badge">{t(`events.status.${e.status}`)}</span>{' '}
            {e.pendingEditStatus ? <span className="badge">{t('events.moderationPage.edit')}</span> : null}{' '}
            {e.organizers.map((o) => o.name).join(', ')}
          </p>
          {e.moderationMessage ? <p className="muted">{e.moderationMessage}</p> : null}
          {moderate && onDone ? <ModerationActions eventId={e.id} onDone={onDone} /> : null}
        </li>
      ))}
    </ul>
  );
}

/** The coordinator's moderation queue: submissions and pending edits of their networks. */
export function ModerationPage() {
  const { t } = useLocale();
  const { data, error, reload } = useApi<{ items: ManagedEvent[] }>('/api/events/moderation');
  // The decided event leaves the queue (and its form with it): the confirmation is shown here.
  const [done, setDone] = useState(false);
  const onDone = () => {
    setDone(true);
    reload();
  };
  return (
    <div className="page">
      <PageTitle>{t('events.moderationPage.title')}</PageTitle>
      {done ? (
        <p className="alert alert--success" role="status">
          {t('events.moderationPage.done')}
        </p>
      ) : null}
      {error ? <ErrorMessage error={error} onRetry={reload} /> : null}
      {data && data.items.length === 0 ? <EmptyState title={t('events.moderationPage.empty')} /> : null}
      {data ? <ManagedList items={data.items} moderate onDone={onDone} /> : null}
    </div>
  );
}

/** The actor's events, whatever their status. */
export function MyEventsPage() {
  const { t } = useLocale();
  const { data, error, reload } = useApi<{ items: ManagedEvent[] }>('/api/events/mine');
  return (
    <div className="page">
      <PageTitle>{t('events.mine')}</PageTitle>
      <p>
        <Link className="button" to="/agenda/proposer">
          {t('events.propose')}
        </Link>
      </p>
      {error ? <ErrorMessage error={error} onRetry={reload} /> : null}
      {data && data.items.length === 0 ? <EmptyState title={t('events.mineEmpty')} /> : null}
      {data ? <ManagedList items={data.items} /> : null}
    </div>
  );
}

/** A campaign's public page: its presentation and its programme (the agenda filtered on it). */
export function CampaignPage() {
  const { slug = '' } = useParams();
  const { t, locale } = useLocale();
  const intl = locale === 'fr' ? 'fr-FR' : 'en-GB';
  const me = useMe();
  const { data: c, error } = useApi<Campaign>(`/api/campaigns/${encodeURIComponent(slug)}`);
  if (error) return <ErrorMessage error={error} />;
  if (!c) return <p className="page">{t('common.loading')}</p>;
  const day = (d: string) =>
    new Intl.DateTimeFormat(intl, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
      new Date(`${d}T12:00:00Z`),
    );
  return (
    <div className="page">
      <PageTitle>{c.name}</PageTitle>
      <p>
        {t('events.campaign.period', { from: day(c.startsOn), to: day(c.endsOn) })}
        {c.territoryName ? ` · ${c.territoryName}` : ''} {c.network ? ` · ${c.network.name}` : ''}
      </p>
      {c.callIsOpen ? (
        <p>
          <span className="badge">{t('events.campaign.callOpen')}</span>{' '}
          <Link to="/agenda/proposer">{t('events.propose')}</Link>
        </p>
      ) : null}
      {/* biome-ignore lint/security/noDangerouslySetInnerHtml: sanitised on the server */}
      <div className="prose" dangerouslySetInnerHTML={{ __html: c.descriptionHtml }} />
      {/* The API exposes no edit flag: coordinators of the campaign's network and platform admins may edit. */}
      {me.account?.isPlatformAdmin ||
      me.networks.some((n) => n.id === c.networkId && n.role === 'coordinator') ? (
        <p className="actions">
          <Link className="button button--secondary" to={`/agenda/campagnes/${c.slug}/modifier`}>
            {t('events.campaign.edit')}
          </Link>
          <Link to={`/agenda/campagnes/${c.slug}/tableau-de-bord`}>{t('events.campaign.dashboard')}</Link>
        </p>
      ) : (
        <p>
          <Link to={`/agenda/campagnes/${c.slug}/tableau-de-bord`}>{t('events.campaign.dashboard')}</Link>
        </p>
      )}
      <h2>{t('events.campaign.events')}</h2>
      <AgendaPage campaignSlug={c.slug} embedded />
    </div>
  );
}

/** An organiser's events (public). */
export function OrganizerPage() {
  const { id = '' } = useParams();
  const { t } = useLocale();
  const { data } = useApi<{ name: string }>(`/api/organizations/${encodeURIComponent(id)}`);
  return (
    <div className="page">
      <PageTitle>{data?.name ?? t('events.organizer.title')}</PageTitle>
      <p>
        {t('events.organizer.title')} · <Link to={`/annuaire/${id}`}>{t('events.organizer.directory')}</Link>
      </p>
      <AgendaPage organizerId={id} embedded />
    </div>
  );
}
