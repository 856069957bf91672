import { type FormEvent, useState } from 'react';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { Field } from '../../components/Field.tsx';
import { FormErrorSummary, labelsFrom, useFormErrors } from '../../components/FormErrorSummary.tsx';
import { ApiError, api } from '../../lib/api.ts';
import { useLocale } from '../../lib/i18n.tsx';
import { useApi } from '../../lib/use-api.ts';

// On the organiser's registrants page: "Écrire aux inscrits" (choose confirmed and/or waiting list, subject, text,
// preview, send), the messages already sent, and the opt-in day-after feedback mail.

interface SentMessage {
  id: string;
  createdAt: string;
  subject: string;
  recipients: number;
  sentByName: string;
}
interface Overview {
  counts: { confirmed: number; waitlisted: number };
  remainingToday: number;
  items: SentMessage[];
  feedback: { enabled: boolean; question: string; url: string | null };
}
interface Preview {
  recipients: number;
  subject: string;
  text: string;
}

/** A 429 or 409 answer is a sentence for the organiser; anything else goes through ErrorMessage. */
const sentenceOf = (err: unknown) =>
  err instanceof ApiError && (err.status === 429 || err.status === 409) ? err.message : undefined;

export function RegistrantMessages({ eventId }: { eventId: string }) {
  const { t, formatDateTime } = useLocale();
  const base = `/api/events/${encodeURIComponent(eventId)}`;
  const overview = useApi<Overview>(`${base}/messages`);
  const [toConfirmed, setToConfirmed] = useState(true);
  const [toWaitlisted, setToWaitlisted] = useState(false);
  const [subject, setSubject] = useState('');
  const [text, setText] = useState('');
  const [preview, setPreview] = useState<Preview>();
  const [sent, setSent] = useState<number>();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const errs = useFormErrors('message');
  const body = () => ({ toConfirmed, toWaitlisted, subject, text });

  async function run(action: 'preview' | 'send') {
    setError(undefined);
    setSent(undefined);
    errs.clear();
    setBusy(true);
    try {
      if (action === 'preview') setPreview(await api<Preview>(`${base}/messages/preview`, { body: body() }));
      else {
        const answer = await api<SentMessage>(`${base}/messages`, { body: body() });
        setSent(answer.recipients);
        setPreview(undefined);
        setSubject('');
        setText('');
        overview.reload();
      }
    } catch (err) {
      if (!errs.fromError(err)) setError(err);
    } finally {
      setBusy(false);
    }
  }
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void run('send');
  };
  const counts = overview.data?.counts;

  return (
    <section className="registrant-messages" aria-labelledby="registrant-messages-title">
      <h2 id="registrant-messages-title">{t('registrantMessages.title')}</h2>
      <p>{t('registrantMessages.intro')}</p>
      <ErrorMessage error={overview.error} />
      <FormErrorSummary form={errs} labelFor={labelsFrom(t, 'registrantMessages.')} />
      {sentenceOf(error) ? (
        <div className="alert alert--error" role="alert">
          <p>{sentenceOf(error)}</p>
        </div>
      ) : (
        <ErrorMessage error={error} />
      )}
      {sent !== undefined ? (
        <div className="alert alert--success" role="status">
          <p>{t('registrantMessages.sent', { count: sent })}</p>
        </div>
      ) : null}
      <form className="form-narrow" onSubmit={submit} noValidate>
        <fieldset id={errs.idFor('toConfirmed')}>
          <legend>{t('registrantMessages.recipients')}</legend>
          <label className="checkbox">
            <input type="checkbox" checked={toConfirmed} onChange={(e) => setToConfirmed(e.target.checked)} />{' '}
            {t('registrantMessages.confirmed', { count: counts?.confirmed ?? 0 })}
          </label>
          <label className="checkbox">
            <input
              type="checkbox"
              checked={toWaitlisted}
              onChange={(e) => setToWaitlisted(e.target.checked)}
            />{' '}
            {t('registrantMessages.waitlisted', { count: counts?.waitlisted ?? 0 })}
          </label>
          {errs.errors.toConfirmed ? <p className="field__error">{errs.errors.toConfirmed}</p> : null}
        </fieldset>
        <Field
          label={t('registrantMessages.subject')}
          hint={t('registrantMessages.subjectHint')}
          id={errs.idFor('subject')}
          name="subject"
          required
          maxLength={150}
          value={subject}
          error={errs.errors.subject}
          onChange={(e) => setSubject(e.target.value)}
        />
        <Field
          as="textarea"
          label={t('registrantMessages.text')}
          hint={t('registrantMessages.textHint')}
          id={errs.idFor('text')}
          name="text"
          rows={8}
          required
          maxLength={5000}
          value={text}
          error={errs.errors.text}
          onChange={(e) => setText(e.target.value)}
        />
        <div className="actions">
          <button
            type="button"
            className="button button--secondary"
            disabled={busy}
            onClick={() => run('preview')}
          >
            {t('registrantMessages.preview')}
          </button>
          <button type="submit" className="button" disabled={busy || overview.data?.remainingToday === 0}>
            {t('registrantMessages.send')}
          </button>
        </div>
        {overview.data ? (
          <p className="muted">
            {t('registrantMessages.remaining', { count: overview.data.remainingToday })}
          </p>
        ) : null}
      </form>
      {preview ? (
        <section className="registrant-messages__preview" aria-labelledby="registrant-messages-preview">
          <h3 id="registrant-messages-preview">{t('registrantMessages.previewTitle')}</h3>
          <p>{t('registrantMessages.previewTo', { count: preview.recipients })}</p>
          <p>
            <strong>{preview.subject}</strong>
          </p>
          <pre className="registrant-messages__text">{preview.text}</pre>
        </section>
      ) : null}
      <h3>{t('registrantMessages.history')}</h3>
      {overview.data && overview.data.items.length === 0 ? <p>{t('registrantMessages.none')}</p> : null}
      {overview.data && overview.data.items.length > 0 ? (
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable with the keyboard (WCAG 2.1.1)
        <section className="table-wrap" tabIndex={0} aria-label={t('registrantMessages.history')}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t('registrantMessages.columns.date')}</th>
                <th scope="col">{t('registrantMessages.columns.subject')}</th>
                <th scope="col">{t('registrantMessages.columns.recipients')}</th>
                <th scope="col">{t('registrantMessages.columns.by')}</th>
              </tr>
            </thead>
            <tbody>
              {overview.data.items.map((m) => (
                <tr key={m.id}>
                  <td>{formatDateTime(m.createdAt)}</td>
                  <td>{m.subject}</td>
                  <td>{m.recipients}</td>
                  <td>{m.sentByName}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ) : null}
      {overview.data ? (
        <FeedbackSettings
          base={base}
          initial={overview.data.feedback}
          key={JSON.stringify(overview.data.feedback)}
        />
      ) : null}
    </section>
  );
}

/** The opt-in "Qu’en avez-vous pensé ?" mail: on or off, the question and an optional link. */
function FeedbackSettings({ base, initial }: { base: string; initial: Overview['feedback'] }) {
  const { t } = useLocale();
  const [enabled, setEnabled] = useState(initial.enabled);
  const [question, setQuestion] = useState(initial.question);
  const [url, setUrl] = useState(initial.url ?? '');
  const [saved, setSaved] = useState(false);
  const [error, setError] = useState<unknown>();
  const errs = useFormErrors('feedback');
  async function save(e: FormEvent) {
    e.preventDefault();
    setSaved(false);
    setError(undefined);
    errs.clear();
    try {
      await api(`${base}/feedback-mail`, {
        method: 'PUT',
        body: { enabled, question, url: url.trim() || null },
      });
      setSaved(true);
    } catch (err) {
      if (!errs.fromError(err)) setError(err);
    }
  }
  return (
    <section aria-labelledby="feedback-mail-title">
      <h3 id="feedback-mail-title">{t('registrantMessages.feedback.title')}</h3>
      <p>{t('registrantMessages.feedback.intro')}</p>
      <FormErrorSummary form={errs} labelFor={labelsFrom(t, 'registrantMessages.feedback.')} />
      <ErrorMessage error={error} />
      {saved ? (
        <div className="alert alert--success" role="status">
          <p>{t('registrantMessages.feedback.saved')}</p>
        </div>
      ) : null}
      <form className="form-narrow" onSubmit={save} noValidate>
        <label className="checkbox">
          <input type="checkbox" checked={enabled} onChange={(e) => setEnabled(e.target.checked)} />{' '}
          {t('registrantMessages.feedback.enabled')}
        </label>
        <Field
          as="textarea"
          label={t('registrantMessages.feedback.question')}
          id={errs.idFor('question')}
          name="question"
          rows={3}
          maxLength={1000}
          required={enabled}
          value={question}
          error={errs.errors.question}
          onChange={(e) => setQuestion(e.target.value)}
        />
        <Field
          label={t('registrantMessages.feedback.url')}
          hint={t('registrantMessages.feedback.urlHint')}
          id={errs.idFor('url')}
          name="url"
          type="url"
          value={url}
          error={errs.errors.url}
          onChange={(e) => setUrl(e.target.value)}
        />
        <button type="submit" className="button button--secondary">
          {t('registrantMessages.feedback.save')}
        </button>
      </form>
    </section>
  );
}
