import { type FormEvent, useId, useRef, useState } from 'react';
import { Field } from '../../components/Field.tsx';
import { ApiError, api } from '../../lib/api.ts';
import { useLocale } from '../../lib/i18n.tsx';
import type { Application } from './types.ts';
import './fairs.css';

/**
 * "Retirer ma candidature": a button opening a modal dialog (native <dialog>: focus kept inside, Escape closes)
 * that says what will happen before anything is done, takes an optional message for the coordinators, and gives
 * focus back to the button when dismissed.
 */
export function WithdrawApplication({
  fairId,
  application: a,
  onWithdrawn,
}: {
  fairId: string;
  application: Application;
  onWithdrawn: (organizationName: string) => void;
}) {
  const { t } = useLocale();
  const dialog = useRef<HTMLDialogElement>(null);
  const trigger = useRef<HTMLButtonElement>(null);
  // Once withdrawn, the button goes away: the page moves focus to its notice instead of back here.
  const withdrawn = useRef(false);
  const titleId = useId();
  const descriptionId = useId();
  const [message, setMessage] = useState('');
  const [fieldError, setFieldError] = useState<string>();
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const name = a.organizationName ?? '';
  const stand = a.standZone ? `${a.standZone}-${a.standNumber ?? ''}` : null;

  function open() {
    setError('');
    setFieldError(undefined);
    dialog.current?.showModal();
    dialog.current?.querySelector('textarea')?.focus();
  }
  function close() {
    dialog.current?.close();
  }

  async function confirm(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError('');
    setFieldError(undefined);
    try {
      await api(`/api/fairs/${encodeURIComponent(fairId)}/applications/${a.id}/withdrawal`, {
        body: { message: message.trim() || null },
      });
      withdrawn.current = true;
      dialog.current?.close();
      onWithdrawn(name);
    } catch (err) {
      if (err instanceof ApiError && err.status === 400) setFieldError(err.fields.message ?? err.message);
      else setError(err instanceof ApiError ? err.message : t('fairs.withdraw.failed'));
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <button ref={trigger} type="button" className="button button--small button--danger" onClick={open}>
        {t('fairs.withdraw.action')}
      </button>
      <dialog
        ref={dialog}
        className="fair-dialog"
        aria-labelledby={titleId}
        aria-describedby={descriptionId}
        onClose={() => {
          if (!withdrawn.current) trigger.current?.focus();
        }}
      >
        <form onSubmit={confirm} noValidate>
          <h2 id={titleId}>{t('fairs.withdraw.title', { name })}</h2>
          <div id={descriptionId}>
            <p>{t('fairs.withdraw.intro')}</p>
            <ul>
              {a.status === 'accepted' ? (
                <>
                  <li>
                    {stand ? t('fairs.withdraw.standFreed', { stand }) : t('fairs.withdraw.placeFreed')}
                  </li>
                  <li>{t('fairs.withdraw.publicList')}</li>
                </>
              ) : (
                <li>{t('fairs.withdraw.notReviewed')}</li>
              )}
              <li>{t('fairs.withdraw.organisersTold')}</li>
              <li>{t('fairs.withdraw.applyAgain')}</li>
            </ul>
          </div>
          <Field
            as="textarea"
            label={t('fairs.withdraw.message')}
            hint={t('fairs.withdraw.messageHint')}
            name="message"
            rows={3}
            maxLength={2000}
            value={message}
            error={fieldError}
            onChange={(e) => setMessage(e.target.value)}
          />
          {error ? (
            <div className="alert alert--error" role="alert">
              <p>{error}</p>
            </div>
          ) : null}
          <div className="actions">
            <button type="submit" className="button button--danger" disabled={busy}>
              {t('fairs.withdraw.confirm')}
            </button>
            <button type="button" className="button button--secondary" onClick={close}>
              {t('fairs.withdraw.keep')}
            </button>
          </div>
        </form>
      </dialog>
    </>
  );
}
