import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { api } from '../../lib/api.ts';
import { useLocale } from '../../lib/i18n.tsx';
import { useApi } from '../../lib/use-api.ts';
import { RegistrationPanel } from '../registrations/RegistrationPanel.tsx';
import { CancelEventForm } from './CancelEventForm.tsx';
import { formatDay, formatTime, parisDay } from './filters.ts';
import { ModerationActions } from './ModerationActions.tsx';
import { RenewForm } from './RenewForm.tsx';
import { useEventsReference } from './reference.ts';
import type { EventDetail } from './types.ts';
import './events.css';

/** One event: what, when, where, who; registration; organiser and coordinator actions. */
export function EventPage() {
  const { id = '' } = useParams();
  const { t, locale } = useLocale();
  const intl = locale === 'fr' ? 'fr-FR' : 'en-GB';
  const navigate = useNavigate();
  const { label } = useEventsReference();
  const { data: e, error, reload } = useApi<EventDetail>(`/api/events/${encodeURIComponent(id)}`);
  const { data: fairs } = useApi<{
    items: { id: string; exhibitorCount: number; applicationsOpen: boolean }[];
  }>(e?.status === 'published' ? '/api/fairs' : null, { eventId: e?.id });
  const [actionError, setActionError] = useState<unknown>();
  if (error) return <ErrorMessage error={error} onRetry={reload} />;
  if (!e) return <p className="page">{t('common.loading')}</p>;
  const next = e.upcomingOccurrences[0] ?? { startsAt: e.startsAt, endsAt: e.endsAt };
  const act = async (path: string, body?: unknown) => {
    setActionError(undefined);
    try {
      await api(`/api/events/${e.id}/${path}`, { method: 'POST', body: body ?? {} });
      reload();
    } catch (err) {
      setActionError(err);
    }
  };
  return (
    <div className="page event-page">
      <PageTitle>{e.title}</PageTitle>
      {e.status === 'cancelled' ? (
        <p className="alert alert--error">{t('events.page.cancelledBanner')}</p>
      ) : null}
      {e.campaign ? (
        <p>
          <Link to={`/agenda/campagnes/${e.campaign.slug}`}>{e.campaign.name}</Link>
        </p>
      ) : null}
      {e.imageUrl ? <img className="event-page__image" src={e.imageUrl} alt="" /> : null}
      {e.summary ? <p className="event-page__summary">{e.summary}</p> : null}
      <dl className="facts">
        <dt>{t('events.page.when')}</dt>
        <dd>
          {formatDay(next.startsAt, intl)}, {formatTime(next.startsAt, intl)}–
          {parisDay(next.startsAt) !== parisDay(next.endsAt) ? `${formatDay(next.endsAt, intl)}, ` : ''}
          {formatTime(next.endsAt, intl)}
          {e.isRecurring ? ` (${t('events.item.recurring')})` : ''}
        </dd>
        <dt>{t('events.page.where')}</dt>
        <dd>
          {[e.venueName, e.venueAddress, [e.postalCode, e.communeName].filter(Boolean).join(' ')]
            .filter(Boolean)
            .join(', ') || t('events.item.online')}
          {e.onlineUrl ? (
            <>
              {' '}
              · <a href={e.onlineUrl}>{t('events.item.online')}</a>
            </>
          ) : null}
        </dd>
        <dt>{t('events.page.organizers')}</dt>
        <dd>
          {e.organizers.length === 0 ? e.network.name : null}
          {e.organizers.map((o, i) => (
            <span key={o.id}>
              {i ? ', ' : ''}
              <Link to={`/agenda/organisateurs/${o.id}`}>{o.name}</Link>
            </span>
          ))}
        </dd>
        <dt>{t('events.page.price')}</dt>
        <dd>{e.isFree ? t('events.item.free') : (e.priceText ?? '')}</dd>
        {e.membersOnly ? (
          <>
            <dt>{t('events.page.audienceLimit')}</dt>
            <dd>{t('events.form.membersOnly')}</dd>
          </>
        ) : null}
        <dt>{t('events.page.themes')}</dt>
        <dd>
          {label('formats', e.format)} · {e.themes.map((x) => label('themes', x)).join(', ')}
        </dd>
        <dt>{t('events.page.audiences')}</dt>
        <dd>{e.audiences.map((x) => label('audiences', x)).join(', ')}</dd>
        {e.accessibility.length ? (
          <>
            <dt>{t('events.page.accessibility')}</dt>
            <dd>{e.accessibility.map((x) => label('accessibility', x)).join(', ')}</dd>
          </>
        ) : null}
        {e.contactEmail || e.contactPhone ? (
          <>
            <dt>{t('events.page.contact')}</dt>
            <dd>{[e.contactName, e.contactEmail, e.contactPhone].filter(Boolean).join(' · ')}</dd>
          </>
        ) : null}
      </dl>
      {/* biome-ignore lint/security/noDangerouslySetInnerHtml: sanitised on the server (marked + sanitize-html) */}
      <div className="prose" dangerouslySetInnerHTML={{ __html: e.descriptionHtml }} />
      {e.isRecurring && e.upcomingOccurrences.length > 1 ? (
        <section>
          <h2>{t('events.page.next')}</h2>
          <ul>
            {e.upcomingOccurrences.map((o) => (
              <li key={o.startsAt}>
                {formatDay(o.startsAt, intl)}, {formatTime(o.startsAt, intl)}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <p>
        <a className="button button--secondary" href={`/api/events/${e.id}.ics`}>
          {t('events.page.addToCalendar')}
        </a>
      </p>
      {e.status === 'published' ? <RegistrationPanel eventId={e.id} /> : null}
      {fairs?.items.map((fair) => (
        <p key={fair.id} className="event-page__fair">
          <Link className="button button--secondary" to={`/salons/${fair.id}`}>
            {t('events.page.exhibitors', { count: fair.exhibitorCount })}
          </Link>
          {fair.applicationsOpen ? (
            <>
              {' '}
              <Link to={`/salons/${fair.id}/candidater`}>{t('events.page.applyAsExhibitor')}</Link>
            </>
          ) : null}
        </p>
      ))}
      {e.manage ? (
        <section className="event-page__manage" aria-labelledby="manage-title">
          <h2 id="manage-title">
            {t('events.page.status')} : {t(`events.status.${e.status}`)}
          </h2>
          {e.manage.pendingEditStatus === 'submitted' ? (
            <p className="alert alert--info">{t('events.page.pendingEdit')}</p>
          ) : null}
          {e.manage.moderationMessage ? (
            <p className="alert alert--info">
              {t('events.page.message')} : {e.manage.moderationMessage}
            </p>
          ) : null}
          {actionError ? <ErrorMessage error={actionError} /> : null}
          <div className="actions">
            {e.status !== 'cancelled' && e.status !== 'rejected' ? (
              <Link className="button button--secondary" to={`/agenda/evenements/${e.id}/modifier`}>
                {t('events.page.edit')}
              </Link>
            ) : null}
            {e.status === 'draft' ||
            e.status === 'changes_requested' ||
            e.manage.pendingEditStatus === 'changes_requested' ? (
              <button type="button" className="button" onClick={() => act('submit')}>
                {t('events.page.submit')}
              </button>
            ) : null}
            {e.registrationMode === 'maillage' ? (
              <Link className="button button--secondary" to={`/inscriptions/evenement/${e.id}`}>
                {t('events.page.registrants')}
              </Link>
            ) : null}
          </div>
          {e.manage.canModerate &&
          (e.status === 'submitted' || e.manage.pendingEditStatus === 'submitted') ? (
            <ModerationActions eventId={e.id} onDone={reload} />
          ) : null}
          <RenewForm eventId={e.id} currentCampaignId={e.campaign?.id ?? null} />
          {e.status === 'published' ? (
            <CancelEventForm eventId={e.id} onCancelled={() => navigate(0)} />
          ) : null}
        </section>
      ) : null}
    </div>
  );
}
