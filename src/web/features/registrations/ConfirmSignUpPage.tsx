import { useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { ApiError, api } from '../../lib/api.ts';
import { useLocale } from '../../lib/i18n.tsx';
import type { RegistrationAnswer } from './types.ts';

/**
 * /inscription/confirmer/:token — the link mailed to a member's address for a members-only event. A button, not an
 * automatic request: a mail scanner that opens the link registers nobody.
 */
export function ConfirmSignUpPage() {
  const { t } = useLocale();
  const { token = '' } = useParams();
  const navigate = useNavigate();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  async function confirm() {
    setError(undefined);
    setBusy(true);
    try {
      const answer = await api<RegistrationAnswer>('/api/registration-confirmations', { body: { token } });
      if (answer.manageToken) navigate(`/billet/${answer.manageToken}?nouveau=1`);
      else setError(t('registrations.confirm.already'));
    } catch (err) {
      setError(err instanceof ApiError ? (err.fields.token ?? err.message) : err);
    } finally {
      setBusy(false);
    }
  }
  return (
    <div className="page">
      <PageTitle>{t('registrations.confirm.title')}</PageTitle>
      <p>{t('registrations.confirm.intro')}</p>
      {typeof error === 'string' ? (
        <div className="alert alert--error" role="alert">
          <p>{error}</p>
        </div>
      ) : (
        <ErrorMessage error={error} />
      )}
      <button type="button" className="button" onClick={confirm} disabled={busy}>
        {t('registrations.confirm.submit')}
      </button>
    </div>
  );
}
