import { useEffect, useRef, useState } from 'react';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { Field } from '../../components/Field.tsx';
import { api } from '../../lib/api.ts';
import { type Translate, useT } from '../../lib/i18n.tsx';

type Preview = { eventId: string; confirmed: number; waitlisted: number };

/** "12 personnes inscrites et 3 en liste d’attente recevront un courriel d’annulation." */
export function notifyText(
  t: Translate,
  { confirmed, waitlisted }: Pick<Preview, 'confirmed' | 'waitlisted'>,
) {
  if (confirmed && waitlisted) {
    return t('events.page.cancelNotifyBoth', {
      confirmed: t('events.page.cancelConfirmed', { count: confirmed }),
      waitlisted: t('events.page.cancelWaitlisted', { count: waitlisted }),
    });
  }
  if (confirmed) return t('events.page.cancelNotifyConfirmed', { count: confirmed });
  if (waitlisted) return t('events.page.cancelNotifyWaitlisted', { count: waitlisted });
  return t('events.page.cancelNotifyNone');
}

/**
 * Cancelling an event, in two steps: the reason (optional, mailed to the registrants), then a confirmation that
 * says how many people will get a cancellation mail (counted by the server when asked, with the same rights).
 */
export function CancelEventForm({ eventId, onCancelled }: { eventId: string; onCancelled: () => void }) {
  const t = useT();
  const [reason, setReason] = useState('');
  const [preview, setPreview] = useState<Preview | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const confirmButton = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (preview) confirmButton.current?.focus();
  }, [preview]);

  const run = async (step: () => Promise<void>) => {
    setBusy(true);
    setError(undefined);
    try {
      await step();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const ask = () => run(async () => setPreview(await api<Preview>(`/api/events/${eventId}/cancellation`)));
  const confirm = () =>
    run(async () => {
      await api(`/api/events/${eventId}/cancel`, { method: 'POST', body: { reason } });
      onCancelled();
    });

  return (
    <form
      className="event-page__cancel"
      onSubmit={(ev) => {
        ev.preventDefault();
        if (!busy) ask();
      }}
    >
      <Field
        as="textarea"
        label={t('events.page.cancelReason')}
        hint={t('events.page.cancelReasonHint')}
        name="reason"
        value={reason}
        readOnly={preview !== null}
        onChange={(ev) => setReason(ev.target.value)}
      />
      {error ? <ErrorMessage error={error} /> : null}
      {preview ? (
        <div className="alert alert--info event-page__cancel-confirm">
          <p id={`cancel-notify-${eventId}`} data-testid="cancel-notify">
            <strong>{notifyText(t, preview)}</strong> {t('events.page.cancelFinal')}
          </p>
          <div className="actions">
            <button
              ref={confirmButton}
              type="button"
              className="button button--danger"
              aria-describedby={`cancel-notify-${eventId}`}
              disabled={busy}
              onClick={confirm}
            >
              {t('events.page.cancelConfirm')}
            </button>
            <button type="button" className="button button--secondary" onClick={() => setPreview(null)}>
              {t('events.page.cancelBack')}
            </button>
          </div>
        </div>
      ) : (
        <button type="submit" className="button button--danger" disabled={busy}>
          {t('events.page.cancel')}
        </button>
      )}
    </form>
  );
}
