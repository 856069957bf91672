import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useParams } from 'react-router';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { Field } from '../../components/Field.tsx';
import { FormErrorSummary, labelsFrom, useFormErrors } from '../../components/FormErrorSummary.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { ApiError, api } from '../../lib/api.ts';
import { useLocale } from '../../lib/i18n.tsx';
import { useApi } from '../../lib/use-api.ts';
import './newsletters.css';

// The pages a subscriber opens without an account: the form, the confirmation link, the preferences, the
// unsubscribe link. Narrow, one column: they are mostly opened on a phone, from a mail.

type PublicList = {
  id: string;
  name: string;
  description: string | null;
  networkName: string;
  consentText: string;
  consentVersion: string;
};

/** /lettres/inscription/:id — the public form of a list (double opt-in). */
export function SubscribePage() {
  const { t } = useLocale();
  const { id = '' } = useParams();
  const list = useApi<PublicList>(`/api/newsletter-lists/${encodeURIComponent(id)}/public`);
  const errs = useFormErrors('subscribe');
  const [form, setForm] = useState({ email: '', name: '', website: '' });
  const [consent, setConsent] = useState(false);
  const [sent, setSent] = useState(false);
  const [error, setError] = useState<unknown>();
  const done = useRef<HTMLParagraphElement>(null);
  const set = (k: keyof typeof form) => (e: { target: { value: string } }) =>
    setForm({ ...form, [k]: e.target.value });
  if (list.error instanceof ApiError && list.error.status === 404)
    return (
      <div className="page newsletters-public">
        <PageTitle>{t('newsletters.home.title')}</PageTitle>
        <p>{t('newsletters.subscribe.closed')}</p>
      </div>
    );
  const l = list.data;
  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!l) return;
    errs.clear();
    setError(undefined);
    try {
      await api(`/api/newsletter-lists/${encodeURIComponent(id)}/subscriptions`, {
        body: {
          email: form.email.trim(),
          name: form.name.trim() || null,
          consent,
          consentVersion: l.consentVersion,
          ...(form.website ? { website: form.website } : {}),
        },
      });
      setSent(true);
      requestAnimationFrame(() => done.current?.focus());
    } catch (err) {
      if (!errs.fromError(err)) setError(err);
    }
  }
  return (
    <div className="page newsletters-public">
      <PageTitle>{t('newsletters.subscribe.title', { name: l?.name ?? '' })}</PageTitle>
      <ErrorMessage error={list.error} />
      {l ? (
        <>
          <p className="muted">{l.networkName}</p>
          {l.description ? <p>{l.description}</p> : null}
          {sent ? (
            <p ref={done} tabIndex={-1} role="status" className="alert alert--success">
              {t('newsletters.subscribe.sent')}
            </p>
          ) : (
            <form onSubmit={submit} noValidate className="newsletters-form">
              <FormErrorSummary form={errs} labelFor={labelsFrom(t, 'newsletters.subscribe.')} />
              <ErrorMessage error={error} />
              <Field
                id={errs.idFor('email')}
                type="email"
                autoComplete="email"
                inputMode="email"
                label={t('newsletters.subscribe.email')}
                value={form.email}
                onChange={set('email')}
                error={errs.errors.email}
                required
              />
              <Field
                id={errs.idFor('name')}
                autoComplete="name"
                label={t('newsletters.subscribe.name')}
                value={form.name}
                onChange={set('name')}
                error={errs.errors.name}
              />
              {/* Honeypot: hidden from people and from assistive technology; bots fill it. */}
              <div className="newsletters-trap" aria-hidden="true">
                <label>
                  {t('newsletters.subscribe.website')}
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
              <div className={`field${errs.errors.consent ? ' field--invalid' : ''}`}>
                <label className="checkbox">
                  <input
                    type="checkbox"
                    id={errs.idFor('consent')}
                    name="consent"
                    checked={consent}
                    aria-invalid={errs.errors.consent ? true : undefined}
                    aria-describedby={errs.errors.consent ? 'subscribe-consent-error' : undefined}
                    onChange={(e) => setConsent(e.target.checked)}
                  />{' '}
                  {l.consentText}
                </label>
                {errs.errors.consent ? (
                  <p id="subscribe-consent-error" className="field__error">
                    {errs.errors.consent}
                  </p>
                ) : null}
              </div>
              <button type="submit" className="button">
                {t('newsletters.subscribe.submit')}
              </button>
            </form>
          )}
        </>
      ) : null}
    </div>
  );
}

/** /lettres/confirmer/:token — the confirmation link of the mail: confirms on opening (idempotent). */
export function ConfirmPage() {
  const { t } = useLocale();
  const { token = '' } = useParams();
  const [answer, setAnswer] = useState<{ listName: string; already: boolean }>();
  const [error, setError] = useState<unknown>();
  useEffect(() => {
    api<{ listName: string; already: boolean }>('/api/newsletter-confirmations', { body: { token } })
      .then(setAnswer)
      .catch(setError);
  }, [token]);
  return (
    <div className="page newsletters-public">
      <PageTitle>{t('newsletters.confirm.title')}</PageTitle>
      <ErrorMessage error={error} />
      {!answer && !error ? <p>{t('newsletters.confirm.working')}</p> : null}
      {answer ? (
        <p role="status" className="alert alert--success">
          {t(answer.already ? 'newsletters.confirm.already' : 'newsletters.confirm.done', {
            name: answer.listName,
          })}
        </p>
      ) : null}
    </div>
  );
}

type Preferences = {
  networkName: string;
  email: string;
  unsubscribedFromAll: boolean;
  lists: {
    id: string;
    name: string;
    description: string | null;
    status: 'pending' | 'confirmed' | 'unsubscribed';
    canResubscribe: boolean;
    consentText: string;
    consentVersion: string;
  }[];
};

/** /lettres/preferences/:token — the address's subscriptions to the network's lists. */
export function PreferencesPage() {
  const { t } = useLocale();
  const { token = '' } = useParams();
  const prefs = useApi<Preferences>(`/api/newsletter-preferences/${encodeURIComponent(token)}`);
  const [data, setData] = useState<Preferences>();
  const [notice, setNotice] = useState('');
  const [error, setError] = useState<unknown>();
  const [consents, setConsents] = useState<Record<string, boolean>>({});
  const p = data ?? prefs.data;
  const base = `/api/newsletter-preferences/${encodeURIComponent(token)}`;
  async function act(path: string, body: object, message: string) {
    setError(undefined);
    try {
      setData(await api<Preferences>(`${base}/${path}`, { body }));
      setNotice(message);
    } catch (err) {
      setError(err);
    }
  }
  return (
    <div className="page newsletters-public">
      <PageTitle>{t('newsletters.preferences.title', { name: p?.networkName ?? '' })}</PageTitle>
      <ErrorMessage error={prefs.error ?? error} />
      {p ? (
        <>
          <p>{t('newsletters.preferences.address', { email: p.email })}</p>
          <p aria-live="polite" role="status">
            {notice}
          </p>
          {p.unsubscribedFromAll ? <p>{t('newsletters.preferences.allOff')}</p> : null}
          {p.lists.length === 0 ? <p>{t('newsletters.preferences.none')}</p> : null}
          <ul className="newsletters-prefs">
            {p.lists.map((l) => (
              <li key={l.id} className="card">
                <h2>{l.name}</h2>
                {l.description ? <p>{l.description}</p> : null}
                <p>
                  <span className={`newsletters-status newsletters-status--${l.status}`}>
                    {t(`newsletters.status.${l.status}`)}
                  </span>
                </p>
                {l.status !== 'unsubscribed' ? (
                  <button
                    type="button"
                    className="button button--secondary"
                    onClick={() =>
                      act(
                        'unsubscribe',
                        { listId: l.id },
                        t('newsletters.preferences.left', { name: l.name }),
                      )
                    }
                  >
                    {t('newsletters.preferences.leave', { name: l.name })}
                  </button>
                ) : null}
                {l.canResubscribe ? (
                  <form
                    className="newsletters-form"
                    onSubmit={(e) => {
                      e.preventDefault();
                      void act(
                        'resubscribe',
                        { listId: l.id, consent: consents[l.id] === true, consentVersion: l.consentVersion },
                        t('newsletters.preferences.back', { name: l.name }),
                      );
                    }}
                  >
                    <label className="checkbox">
                      <input
                        type="checkbox"
                        checked={consents[l.id] === true}
                        onChange={(e) => setConsents({ ...consents, [l.id]: e.target.checked })}
                      />{' '}
                      {l.consentText}
                    </label>
                    <button type="submit" className="button button--secondary">
                      {t('newsletters.preferences.comeBack', { name: l.name })}
                    </button>
                  </form>
                ) : null}
              </li>
            ))}
          </ul>
          {p.lists.some((l) => l.status !== 'unsubscribed') ? (
            <button
              type="button"
              className="button"
              onClick={() =>
                act('unsubscribe', {}, t('newsletters.preferences.leftAll', { name: p.networkName }))
              }
            >
              {t('newsletters.preferences.leaveAll', { name: p.networkName })}
            </button>
          ) : null}
        </>
      ) : null}
    </div>
  );
}

/** /lettres/desinscription/:token — the visible unsubscribe link: one confirmation click. */
export function UnsubscribePage() {
  const { t } = useLocale();
  const { token = '' } = useParams();
  const info = useApi<{ networkName: string; listName: string | null; email: string }>(
    `/api/newsletter-unsubscribe/${encodeURIComponent(token)}`,
  );
  const [done, setDone] = useState(false);
  const [error, setError] = useState<unknown>();
  const out = useRef<HTMLParagraphElement>(null);
  async function confirm() {
    setError(undefined);
    try {
      await api(`/api/newsletter-unsubscribe/${encodeURIComponent(token)}/confirm`, { method: 'POST' });
      setDone(true);
      requestAnimationFrame(() => out.current?.focus());
    } catch (err) {
      setError(err);
    }
  }
  const i = info.data;
  return (
    <div className="page newsletters-public">
      <PageTitle>{t('newsletters.unsubscribe.title')}</PageTitle>
      <ErrorMessage error={info.error ?? error} />
      {i && !done ? (
        <>
          <p>
            {i.listName
              ? t('newsletters.unsubscribe.fromList', {
                  list: i.listName,
                  network: i.networkName,
                  email: i.email,
                })
              : t('newsletters.unsubscribe.fromAll', { network: i.networkName, email: i.email })}
          </p>
          <button type="button" className="button" onClick={confirm}>
            {t('newsletters.unsubscribe.confirm')}
          </button>
        </>
      ) : null}
      {done ? (
        <p ref={out} tabIndex={-1} role="status" className="alert alert--success">
          {t('newsletters.unsubscribe.done')}
        </p>
      ) : null}
    </div>
  );
}
