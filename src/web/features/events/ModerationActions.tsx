import { type FormEvent, useState } from 'react';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { Field } from '../../components/Field.tsx';
import { ApiError, api } from '../../lib/api.ts';
import { useT } from '../../lib/i18n.tsx';

/** Publish, ask for changes (with a message) or reject (with a reason): the coordinator's three decisions. */
export function ModerationActions({ eventId, onDone }: { eventId: string; onDone: () => void }) {
  const t = useT();
  const [message, setMessage] = useState('');
  const [reason, setReason] = useState('');
  const [fields, setFields] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>();
  const [done, setDone] = useState(false);
  // The message and reason fields appear only with the decision that uses them.
  const [open, setOpen] = useState<'changes' | 'reject' | null>(null);
  const run = async (path: string, body: unknown) => {
    setFields({});
    setError(undefined);
    try {
      await api(`/api/events/${eventId}/${path}`, { method: 'POST', body });
      setDone(true);
      onDone();
    } catch (err) {
      if (err instanceof ApiError && err.fields) setFields(err.fields);
      else setError(err);
    }
  };
  const submit = (path: string, body: unknown) => (e: FormEvent) => {
    e.preventDefault();
    run(path, body);
  };
  return (
    <div className="moderation-actions">
      {done ? (
        <p className="alert alert--success" role="status">
          {t('events.moderationPage.done')}
        </p>
      ) : null}
      {error ? <ErrorMessage error={error} /> : null}
      <button type="button" className="button" onClick={() => run('publish', {})}>
        {t('events.moderationPage.publish')}
      </button>
      {open === null ? (
        <>
          <button type="button" className="button button--secondary" onClick={() => setOpen('changes')}>
            {t('events.moderationPage.askChanges')}
          </button>
          <button type="button" className="button button--secondary" onClick={() => setOpen('reject')}>
            {t('events.moderationPage.reject')}
          </button>
        </>
      ) : null}
      {open === 'changes' ? (
        <form onSubmit={submit('request-changes', { message })}>
          <Field
            as="textarea"
            label={t('events.moderationPage.message')}
            name="message"
            value={message}
            error={fields.message}
            onChange={(e) => setMessage(e.target.value)}
          />
          <button type="submit" className="button button--secondary">
            {t('events.moderationPage.askChanges')}
          </button>
          <button type="button" className="button button--secondary" onClick={() => setOpen(null)}>
            {t('common.cancel')}
          </button>
        </form>
      ) : null}
      {open === 'reject' ? (
        <form onSubmit={submit('reject', { reason })}>
          <Field
            as="textarea"
            label={t('events.moderationPage.reason')}
            name="reason"
            value={reason}
            error={fields.reason}
            onChange={(e) => setReason(e.target.value)}
          />
          <button type="submit" className="button button--danger">
            {t('events.moderationPage.reject')}
          </button>
          <button type="button" className="button button--secondary" onClick={() => setOpen(null)}>
            {t('common.cancel')}
          </button>
        </form>
      ) : null}
    </div>
  );
}
