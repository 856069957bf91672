import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { EmptyState } from '../../components/EmptyState.tsx';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { Field } from '../../components/Field.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { formatDate } from '../../lib/dates.ts';
import { useLocale } from '../../lib/i18n.tsx';
import { useMe } from '../../lib/session.tsx';
import { useApi } from '../../lib/use-api.ts';
import { signInPath } from '../accounts/redirect.ts';
import { AgendaPage } from './AgendaPage.tsx';
import { formatDay } from './filters.ts';
import { ModerationActions } from './ModerationActions.tsx';
import type { Campaign, ManagedEvent } from './types.ts';
import './events.css';
import { MyRegistrations } from '../registrations/MyRegistrations.tsx';

function ManagedList({
  items,
  moderate,
  onDone,
}: {
  items: ManagedEvent[];
  moderate?: boolean;
  onDone?: () => void;
}) {
  const { t, locale, formatDateTime } = useLocale();
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
          {e.summary ? <p>{e.summary}</p> : null}
          {moderate && e.submittedAt ? (
            <p className="muted">
              {t('events.moderationPage.submittedAt', { date: formatDateTime(e.submittedAt) })}
            </p>
          ) : null}
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
  const { data: campaigns } = useApi<{ items: Campaign[] }>('/api/campaigns');
  const [kind, setKind] = useState<'' | 'new' | 'edit'>('');
  const [campaignId, setCampaignId] = useState('');
  const [order, setOrder] = useState<'submitted' | 'start'>('submitted');
  const time = (s: string | null) => (s ? Date.parse(s) : 0);
  // Oldest proposal first (it has waited longest), or the soonest event first.
  const shown = (data?.items ?? [])
    .filter((e) => !kind || (kind === 'edit') === Boolean(e.pendingEditStatus))
    .filter((e) => !campaignId || e.campaignId === campaignId)
    .sort((a, b) =>
      order === 'start'
        ? time(a.startsAt) - time(b.startsAt)
        : time(a.submittedAt) - time(b.submittedAt) || time(a.startsAt) - time(b.startsAt),
    );
  const inQueue = new Set(data?.items.map((e) => e.campaignId));
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
      {data && data.items.length > 0 ? (
        <div className="filters-row">
          <Field
            as="select"
            label={t('events.moderationPage.kind')}
            value={kind}
            onChange={(e) => setKind(e.target.value as typeof kind)}
          >
            <option value="">{t('events.moderationPage.kinds.all')}</option>
            <option value="new">{t('events.moderationPage.kinds.new')}</option>
            <option value="edit">{t('events.moderationPage.kinds.edit')}</option>
          </Field>
          <Field
            as="select"
            label={t('events.moderationPage.campaign')}
            value={campaignId}
            onChange={(e) => setCampaignId(e.target.value)}
          >
            <option value="">{t('events.moderationPage.allCampaigns')}</option>
            {campaigns?.items
              .filter((c) => inQueue.has(c.id))
              .map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
          </Field>
          <Field
            as="select"
            label={t('events.moderationPage.order')}
            value={order}
            onChange={(e) => setOrder(e.target.value as typeof order)}
          >
            <option value="submitted">{t('events.moderationPage.orders.submitted')}</option>
            <option value="start">{t('events.moderationPage.orders.start')}</option>
          </Field>
        </div>
      ) : null}
      {data && shown.length === 0 ? <EmptyState title={t('events.moderationPage.empty')} /> : null}
      {data ? <ManagedList items={shown} moderate onDone={onDone} /> : null}
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
      {/* The events the person registered for (the next date of each), above those they manage. */}
      <MyRegistrations />
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
    formatDate(`${d}T12:00:00Z`, intl, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
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
      ) : me.loaded && !me.account ? (
        // Only the campaign's coordinators read its dashboard: a visitor is offered to sign in, not a dead end.
        <p>
          <Link to={signInPath(`/agenda/campagnes/${c.slug}/tableau-de-bord`)}>
            {t('events.campaign.dashboardSignIn')}
          </Link>
        </p>
      ) : null}
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
