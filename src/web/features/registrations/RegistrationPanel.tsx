import { type FormEvent, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { Field } from '../../components/Field.tsx';
import { FormErrorSummary, labelsFrom, useFormErrors } from '../../components/FormErrorSummary.tsx';
import { ApiError, api } from '../../lib/api.ts';
import { useLocale } from '../../lib/i18n.tsx';
import { useApi } from '../../lib/use-api.ts';
import type { RegistrationAnswer, RegistrationSummary } from './types.ts';
import './registrations.css';

/**
 * The registration block of an event page: seats left, then the form (name, email, organisation, accessibility
 * needs, consent, and a honeypot hidden from people). On success it opens the ticket page.
 * Usage (events feature): `<RegistrationPanel eventId={event.id} />`; renders nothing for events without
 * registration, a link for external registration.
 */
export function RegistrationPanel({ eventId }: { eventId: string }) {
  const { t, formatDate } = useLocale();
  const navigate = useNavigate();
  const { data: summary, error: loadError } = useApi<RegistrationSummary>(
    `/api/events/${encodeURIComponent(eventId)}/registrations/summary`,
  );
  const [form, setForm] = useState({
    name: '',
    email: '',
    organization: '',
    accessibilityNeeds: '',
    website: '',
  });
  const [consent, setConsent] = useState(false);
  // The network's newsletter, offered with its own consent text (double opt-in: a confirmation mail follows).
  const { data: newsletter } = useApi<{
    offer: { listId: string; name: string; consentText: string; consentVersion: string } | null;
  }>(`/api/events/${encodeURIComponent(eventId)}/newsletter-offer`);
  const [subscribe, setSubscribe] = useState(false);
  // The date chosen (ISO start), for a recurring event; the first one offered until the person picks another.
  const [picked, setPicked] = useState('');
  const formErrors = useFormErrors('registration');
  const fields = formErrors.errors;
  const [error, setError] = useState<unknown>();
  const [notice, setNotice] = useState('');
  const [busy, setBusy] = useState(false);

  if (loadError) return <ErrorMessage error={loadError} />;
  if (!summary || summary.registrationMode === 'none') return null;
  if (summary.registrationMode === 'external') {
    return (
      <section className="registration-panel" aria-labelledby="registration-title">
        <h2 id="registration-title">{t('registrations.panel.title')}</h2>
        <p>{t('registrations.panel.external')}</p>
        {summary.registrationUrl ? (
          <a className="button" href={summary.registrationUrl} rel="noopener noreferrer" target="_blank">
            {t('registrations.panel.externalLink')}
          </a>
        ) : null}
      </section>
    );
  }
  const dates = summary.occurrences;
  const chosen = dates.find((d) => d.startsAt === picked) ?? dates[0];
  const seatsLeft = chosen ? chosen.seatsLeft : summary.seatsLeft;
  const waitlisted = chosen ? chosen.waitlisted : summary.waitlisted;
  const full = seatsLeft === 0;
  const occurrence = summary.recurring ? chosen?.startsAt : undefined;
  const day = (iso: string) =>
    formatDate(iso, {
      weekday: 'long',
      day: 'numeric',
      month: 'long',
      year: 'numeric',
      timeZone: 'Europe/Paris',
    });
  const dateLabel = (d: (typeof dates)[number]) =>
    d.seatsLeft === null
      ? day(d.startsAt)
      : d.seatsLeft === 0
        ? t('registrations.panel.dateFull', { date: day(d.startsAt) })
        : t('registrations.panel.dateSeats', { date: day(d.startsAt), count: d.seatsLeft });
  const set = (key: keyof typeof form) => (e: { target: { value: string } }) =>
    setForm((f) => ({ ...f, [key]: e.target.value }));

  async function submit(e: FormEvent) {
    e.preventDefault();
    formErrors.clear();
    setError(undefined);
    setNotice('');
    setBusy(true);
    try {
      const answer = await api<RegistrationAnswer>(
        `/api/events/${encodeURIComponent(eventId)}/registrations`,
        {
          body: {
            name: form.name,
            email: form.email,
            organization: form.organization || null,
            accessibilityNeeds: form.accessibilityNeeds || null,
            consent,
            ...(form.website ? { website: form.website } : {}),
            ...(occurrence ? { occurrence } : {}),
            ...(subscribe && newsletter?.offer
              ? {
                  newsletter: {
                    listId: newsletter.offer.listId,
                    consentVersion: newsletter.offer.consentVersion,
                  },
                }
              : {}),
          },
        },
      );
      if (answer.status === 'confirmation-sent') setNotice(t('registrations.panel.confirmationSent'));
      else if (answer.manageToken) navigate(`/billet/${answer.manageToken}?nouveau=1`);
      else setNotice(t('registrations.panel.already'));
    } catch (err) {
      if (err instanceof ApiError && (err.status === 409 || err.status === 429)) setError(err.message);
      else if (formErrors.fromError(err)) return;
      else setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="registration-panel" aria-labelledby="registration-title">
      <h2 id="registration-title">{t('registrations.panel.title')}</h2>
      {summary.membersOnly ? (
        <p className="registration-panel__members">{t('registrations.panel.membersOnly')}</p>
      ) : null}
      <p className="registration-panel__seats">
        {summary.recurring && chosen ? `${day(chosen.startsAt)} : ` : ''}
        {seatsLeft === null
          ? t('registrations.panel.unlimited')
          : full
            ? t('registrations.panel.full')
            : t('registrations.panel.seatsLeft', { count: seatsLeft })}
        {waitlisted > 0 ? ` · ${t('registrations.panel.waitlistLength', { count: waitlisted })}` : ''}
      </p>
      {!summary.open ? (
        <div className="alert alert--info" role="status">
          <p>{summary.reason}</p>
        </div>
      ) : (
        <form onSubmit={submit} noValidate className="registration-panel__form">
          {typeof error === 'string' ? (
            <div className="alert alert--error" role="alert">
              <p>{error}</p>
            </div>
          ) : (
            <ErrorMessage error={error} />
          )}
          <FormErrorSummary
            form={formErrors}
            labelFor={labelsFrom(t, 'registrations.panel.', {
              accessibilityNeeds: 'accessibility',
              consent: 'consentShort',
              occurrence: 'date',
            })}
          />
          {notice ? (
            <div className="alert alert--success" role="status">
              <p>{notice}</p>
            </div>
          ) : null}
          {summary.recurring ? (
            <Field
              as="select"
              label={t('registrations.panel.date')}
              id={formErrors.idFor('occurrence')}
              name="occurrence"
              required
              hint={dates.length ? t('registrations.panel.dateHint') : t('registrations.panel.noDates')}
              value={chosen?.startsAt ?? ''}
              error={fields.occurrence}
              onChange={(e) => setPicked(e.target.value)}
            >
              {dates.map((d) => (
                <option key={d.startsAt} value={d.startsAt}>
                  {dateLabel(d)}
                </option>
              ))}
            </Field>
          ) : null}
          <Field
            label={t('registrations.panel.name')}
            id={formErrors.idFor('name')}
            name="name"
            autoComplete="name"
            required
            value={form.name}
            error={fields.name}
            onChange={set('name')}
          />
          <Field
            label={t('registrations.panel.email')}
            type="email"
            id={formErrors.idFor('email')}
            name="email"
            autoComplete="email"
            required
            hint={t('registrations.panel.emailHint')}
            value={form.email}
            error={fields.email}
            onChange={set('email')}
          />
          <Field
            label={t('registrations.panel.organization')}
            id={formErrors.idFor('organization')}
            name="organization"
            autoComplete="organization"
            value={form.organization}
            error={fields.organization}
            onChange={set('organization')}
          />
          <Field
            as="textarea"
            label={t('registrations.panel.accessibility')}
            id={formErrors.idFor('accessibilityNeeds')}
            name="accessibilityNeeds"
            rows={2}
            hint={t('registrations.panel.accessibilityHint')}
            value={form.accessibilityNeeds}
            error={fields.accessibilityNeeds}
            onChange={set('accessibilityNeeds')}
          />
          {/* Honeypot: hidden from people and from assistive technology; bots fill it. */}
          <div className="registration-panel__trap" aria-hidden="true">
            <label>
              {t('registrations.panel.honeypot')}
              <input
                type="text"
                name="website"
                tabIndex={-1}
                autoComplete="off"
                value={form.website}
                onChange={set('website')}
              />
            </label>
          </div>
          <div className={`field${fields.consent ? ' field--invalid' : ''}`}>
            <label className="checkbox">
              <input
                type="checkbox"
                id={formErrors.idFor('consent')}
                name="consent"
                checked={consent}
                aria-invalid={fields.consent ? true : undefined}
                onChange={(e) => setConsent(e.target.checked)}
              />{' '}
              {t('registrations.panel.consent')}
            </label>
            <p className="field__hint">
              <Link to="/confidentialite">{t('registrations.panel.privacy')}</Link>
            </p>
            {fields.consent ? <p className="field__error">{fields.consent}</p> : null}
          </div>
          {newsletter?.offer ? (
            <div className="field">
              <label className="checkbox">
                <input
                  type="checkbox"
                  name="newsletter"
                  checked={subscribe}
                  onChange={(e) => setSubscribe(e.target.checked)}
                />{' '}
                {newsletter.offer.consentText}
              </label>
              <p className="field__hint">
                {t('registrations.panel.newsletterHint', { name: newsletter.offer.name })}
              </p>
            </div>
          ) : null}
          <div className="actions">
            <button type="submit" className="button" disabled={busy}>
              {full ? t('registrations.panel.submitWaitlist') : t('registrations.panel.submit')}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
