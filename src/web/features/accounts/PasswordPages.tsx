import { type FormEvent, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { Field } from '../../components/Field.tsx';
import { FormErrorSummary, labelsFrom, useFormErrors } from '../../components/FormErrorSummary.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { ApiError, api } from '../../lib/api.ts';
import { useLocale } from '../../lib/i18n.tsx';
import { type MeAccount, useMe } from '../../lib/session.tsx';

/** /mot-de-passe-oublie: asks for a reset link (same answer whether the address has an account or not). */
export function ForgotPasswordPage() {
  const { t, locale } = useLocale();
  const [email, setEmail] = useState('');
  const formErrors = useFormErrors('password');
  const fields = formErrors.errors;
  const [error, setError] = useState<unknown>();
  const [message, setMessage] = useState('');
  const [busy, setBusy] = useState(false);
  async function submit(e: FormEvent) {
    e.preventDefault();
    formErrors.clear();
    setError(undefined);
    setBusy(true);
    try {
      const res = await api<{ message: string }>('/api/auth/password-reset', { body: { email } });
      setMessage(locale === 'fr' && res.message ? res.message : t('accounts.forgot.sent'));
    } catch (err) {
      if (err instanceof ApiError && err.status === 400) formErrors.show(err.fields);
      else setError(err instanceof ApiError && err.status === 429 ? new Error(err.message) : err);
    } finally {
      setBusy(false);
    }
  }
  return (
    <div className="page auth">
      <PageTitle>{t('accounts.forgot.title')}</PageTitle>
      <p className="muted">{t('accounts.forgot.intro')}</p>
      <ErrorMessage error={error} />
      {message ? (
        <div className="alert alert--success" role="status">
          <p>{message}</p>
        </div>
      ) : null}
      <FormErrorSummary
        form={formErrors}
        labelFor={labelsFrom(t, 'accounts.reset.', { email: 'accounts.email' })}
      />
      <form className="form-narrow" onSubmit={submit} noValidate>
        <Field
          label={t('accounts.email')}
          type="email"
          id={formErrors.idFor('email')}
          name="email"
          autoComplete="email"
          required
          value={email}
          error={fields.email}
          onChange={(e) => setEmail(e.target.value)}
        />
        <div className="actions">
          <button type="submit" className="button" disabled={busy}>
            {t('accounts.forgot.submit')}
          </button>
          <Link to="/connexion">{t('app.account.signIn')}</Link>
        </div>
      </form>
    </div>
  );
}

/** /mot-de-passe/nouveau?token=…: sets a new password, which also signs in. */
export function ResetPasswordPage() {
  const { t, adoptAccountLocale } = useLocale();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const { refreshMe } = useMe();
  const token = params.get('token') ?? '';
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const formErrors = useFormErrors('reset');
  const fields = formErrors.errors;
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  async function submit(e: FormEvent) {
    e.preventDefault();
    formErrors.clear();
    setError('');
    if (password !== confirm) {
      formErrors.show({ confirm: t('accounts.reset.mismatch') });
      return;
    }
    setBusy(true);
    try {
      const res = await api<{ account: MeAccount }>('/api/auth/password-reset/confirm', {
        body: { token, password },
      });
      adoptAccountLocale(res.account.locale);
      await refreshMe();
      navigate('/', { replace: true });
    } catch (err) {
      if (err instanceof ApiError && err.fields.password) formErrors.show({ password: err.fields.password });
      else setError(err instanceof ApiError && err.status < 500 ? err.message : t('accounts.link.failed'));
    } finally {
      setBusy(false);
    }
  }
  return (
    <div className="page auth">
      <PageTitle>{t('accounts.reset.title')}</PageTitle>
      {!token ? (
        <div className="alert alert--error" role="alert">
          <p>{t('accounts.link.missing')}</p>
        </div>
      ) : null}
      {error ? (
        <div className="alert alert--error" role="alert">
          <p>{error}</p>
          <p>
            <Link to="/mot-de-passe-oublie">{t('accounts.reset.again')}</Link>
          </p>
        </div>
      ) : null}
      <FormErrorSummary
        form={formErrors}
        labelFor={labelsFrom(t, 'accounts.reset.', { email: 'accounts.email' })}
      />
      <form className="form-narrow" onSubmit={submit} noValidate>
        <Field
          label={t('accounts.reset.password')}
          type="password"
          id={formErrors.idFor('password')}
          name="password"
          autoComplete="new-password"
          hint={t('accounts.passwordHint')}
          required
          value={password}
          error={fields.password}
          onChange={(e) => setPassword(e.target.value)}
        />
        <Field
          label={t('accounts.reset.confirm')}
          type="password"
          id={formErrors.idFor('confirm')}
          name="confirm"
          autoComplete="new-password"
          required
          value={confirm}
          error={fields.confirm}
          onChange={(e) => setConfirm(e.target.value)}
        />
        <div className="actions">
          <button type="submit" className="button" disabled={busy || !token}>
            {t('accounts.reset.submit')}
          </button>
        </div>
      </form>
    </div>
  );
}
