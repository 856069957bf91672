import { useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { ApiError, api } from '../../lib/api.ts';
import { useLocale } from '../../lib/i18n.tsx';
import { useApi } from '../../lib/use-api.ts';
import { RegistrationPanel } from './RegistrationPanel.tsx';
import type { Ticket } from './types.ts';
import './registrations.css';

function useTicket() {
  const { token = '' } = useParams();
  const state = useApi<Ticket>(`/api/registrations/ticket/${encodeURIComponent(token)}`);
  return { token, ...state };
}

function NotFound() {
  const { t } = useLocale();
  return (
    <div className="page">
      <PageTitle>{t('registrations.ticket.title')}</PageTitle>
      <div className="alert alert--error" role="alert">
        <p>{t('registrations.ticket.notFound')}</p>
      </div>
    </div>
  );
}

function EventFacts({ ticket }: { ticket: Ticket }) {
  const { t, formatDate } = useLocale();
  const e = ticket.event;
  const place = [e.venueName, e.venueAddress, e.communeName].filter(Boolean).join(', ');
  return (
    <dl className="facts">
      <dt>{t('registrations.ticket.when')}</dt>
      <dd>
        {/* The date registered for: of a recurring event, that occurrence, not the series' first date. */}
        {formatDate(ticket.occurrence.startsAt, {
          dateStyle: 'full',
          timeStyle: 'short',
          timeZone: e.timezone,
        })}{' '}
        – {formatDate(ticket.occurrence.endsAt, { timeStyle: 'short', timeZone: e.timezone })}
      </dd>
      <dt>{t('registrations.ticket.where')}</dt>
      <dd>{place || (e.onlineUrl ? `${t('registrations.ticket.online')} : ${e.onlineUrl}` : '—')}</dd>
    </dl>
  );
}

const eventCancelled = (ticket: Ticket) =>
  ticket.cancelReason === 'event_cancelled' || ticket.event.status === 'cancelled';

/** The ticket and cancel pages of a registration whose event was cancelled: nothing left for the person to do. */
function EventCancelled({ ticket }: { ticket: Ticket }) {
  const { t } = useLocale();
  return (
    <div className="page ticket">
      <PageTitle>{t('registrations.ticket.eventCancelledTitle')}</PageTitle>
      <h2>{ticket.event.title}</h2>
      <div className="alert alert--error" role="status">
        <p>{t('registrations.ticket.eventCancelled')}</p>
      </div>
      <p>
        <strong>{ticket.name}</strong>
        {ticket.organization ? ` · ${ticket.organization}` : ''}
      </p>
      <EventFacts ticket={ticket} />
    </div>
  );
}

/** /billet/:token — the personal ticket (QR code) or waiting-list place; also the confirmation page. */
export function TicketPage() {
  const { t, formatDateTime } = useLocale();
  const [params] = useSearchParams();
  const { token, data: ticket, error, loading } = useTicket();
  if (error instanceof ApiError && (error.status === 404 || error.status === 400)) return <NotFound />;
  if (error) return <ErrorMessage error={error} />;
  if (loading || !ticket) return <p aria-busy="true">…</p>;
  if (eventCancelled(ticket)) return <EventCancelled ticket={ticket} />;
  const title =
    ticket.status === 'confirmed'
      ? t('registrations.ticket.confirmedTitle')
      : ticket.status === 'waitlisted'
        ? t('registrations.ticket.waitlistedTitle')
        : t('registrations.ticket.cancelledTitle');
  return (
    <div className="page ticket">
      <PageTitle>{title}</PageTitle>
      <h2>{ticket.event.title}</h2>
      {params.get('nouveau') ? (
        <div className="alert alert--success" role="status">
          <p>{t('registrations.ticket.mailSent', { email: ticket.email })}</p>
        </div>
      ) : null}
      <p>
        <strong>{ticket.name}</strong>
        {ticket.organization ? ` · ${ticket.organization}` : ''}
      </p>
      <EventFacts ticket={ticket} />
      {ticket.status === 'confirmed' ? (
        <>
          <p>{t('registrations.ticket.confirmed')}</p>
          <img
            className="ticket__qr"
            src={`/api/registrations/ticket/${encodeURIComponent(token)}/qr.svg`}
            alt={t('registrations.ticket.qrAlt', { name: ticket.name })}
            width={288}
            height={288}
          />
          <p className="muted">{t('registrations.ticket.code')}</p>
          <p className="ticket__code" data-testid="checkin-code">
            {ticket.checkinToken}
          </p>
          {ticket.checkedInAt ? (
            <p>{t('registrations.ticket.checkedIn', { date: formatDateTime(ticket.checkedInAt) })}</p>
          ) : null}
        </>
      ) : ticket.status === 'waitlisted' ? (
        <p className="ticket__position">
          {t('registrations.ticket.waitlisted', { position: ticket.position ?? '?' })}
        </p>
      ) : ticket.cancelReason === 'date_removed' ? (
        <>
          <p>{t('registrations.ticket.dateRemoved')}</p>
          <p>
            <Link to={`/agenda/evenements/${ticket.event.id}`}>{t('registrations.ticket.otherDate')}</Link>
          </p>
        </>
      ) : (
        <p>{t('registrations.ticket.cancelled')}</p>
      )}
      {ticket.status !== 'cancelled' ? (
        <div className="actions ticket__actions">
          {ticket.status === 'confirmed' ? (
            <button type="button" className="button button--secondary" onClick={() => window.print()}>
              {t('registrations.ticket.print')}
            </button>
          ) : null}
          <Link to={`/billet/${encodeURIComponent(token)}/annuler`}>{t('registrations.ticket.cancel')}</Link>
        </div>
      ) : null}
    </div>
  );
}

/** /billet/:token/annuler — cancel without an account; the freed seat goes to the waiting list. */
export function CancelPage() {
  const { t } = useLocale();
  const { token, data: ticket, error, loading } = useTicket();
  const [done, setDone] = useState<{ promoted: number } | null>(null);
  const [failure, setFailure] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  if (error instanceof ApiError && (error.status === 404 || error.status === 400)) return <NotFound />;
  if (error) return <ErrorMessage error={error} />;
  if (loading || !ticket) return <p aria-busy="true">…</p>;
  if (eventCancelled(ticket)) return <EventCancelled ticket={ticket} />;

  async function cancel() {
    setBusy(true);
    setFailure(undefined);
    try {
      setDone(
        await api<{ promoted: number }>(`/api/registrations/ticket/${encodeURIComponent(token)}/cancel`, {
          method: 'POST',
        }),
      );
    } catch (err) {
      setFailure(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="page ticket">
      <PageTitle>{t('registrations.cancel.title')}</PageTitle>
      {done || ticket.status === 'cancelled' ? (
        <div className="alert alert--success" role="status">
          <p>
            {done && done.promoted > 0
              ? t('registrations.cancel.donePromoted')
              : t('registrations.cancel.done')}
          </p>
        </div>
      ) : (
        <>
          <p>{t('registrations.cancel.confirm', { title: ticket.event.title })}</p>
          {ticket.status === 'confirmed' ? (
            <p className="muted">{t('registrations.cancel.freeing')}</p>
          ) : null}
          <EventFacts ticket={ticket} />
          <ErrorMessage error={failure} />
          <div className="actions">
            <button type="button" className="button button--danger" disabled={busy} onClick={cancel}>
              {t('registrations.cancel.submit')}
            </button>
            <Link to={`/billet/${encodeURIComponent(token)}`}>{t('registrations.cancel.back')}</Link>
          </div>
        </>
      )}
    </div>
  );
}

/** /inscription/:eventId — a registration page of its own (a link organisers can share; used when no event page). */
export function StandaloneRegistrationPage() {
  const { t } = useLocale();
  const { eventId = '' } = useParams();
  const { data } = useApi<{ title?: string }>(`/api/events/${encodeURIComponent(eventId)}`);
  return (
    <div className="page">
      <PageTitle>{t('registrations.standalone.title', { title: data?.title ?? '' })}</PageTitle>
      <RegistrationPanel eventId={eventId} />
    </div>
  );
}
