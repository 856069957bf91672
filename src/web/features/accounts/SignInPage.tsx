import { type FormEvent, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { Field } from '../../components/Field.tsx';
import { FormErrorSummary, labelsFrom, useFormErrors } from '../../components/FormErrorSummary.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { ApiError, api } from '../../lib/api.ts';
import { useLocale } from '../../lib/i18n.tsx';
import { type MeAccount, useMe } from '../../lib/session.tsx';
import { safeReturn } from './redirect.ts';

type Mode = 'password' | 'link';

export function SignInPage() {
  const { t, locale, adoptAccountLocale } = useLocale();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const { refreshMe, account } = useMe();
  const [mode, setMode] = useState<Mode>(params.get('mode') === 'lien' ? 'link' : 'password');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const formErrors = useFormErrors('signin');
  const fields = formErrors.errors;
  const [error, setError] = useState<unknown>();
  const [message, setMessage] = useState('');
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    formErrors.clear();
    setError(undefined);
    setMessage('');
    setBusy(true);
    try {
      if (mode === 'password') {
        const res = await api<{ account: MeAccount }>('/api/auth/sign-in', { body: { email, password } });
        adoptAccountLocale(res.account.locale);
        await refreshMe();
        navigate(safeReturn(params));
      } else {
        const res = await api<{ message: string }>('/api/auth/magic-link', { body: { email } });
        // The server speaks French; in English, our own words for the same (non-revealing) answer.
        setMessage(locale === 'fr' && res.message ? res.message : t('accounts.signIn.linkSent'));
      }
    } catch (err) {
      if (err instanceof ApiError && err.status === 400) formErrors.show(err.fields);
      if (err instanceof ApiError && err.status === 401)
        setError(locale === 'fr' ? err.message : t('accounts.signIn.wrong'));
      else if (err instanceof ApiError && err.status === 429)
        setError(locale === 'fr' ? err.message : t('accounts.tooMany'));
      else if (!(err instanceof ApiError && err.status === 400)) setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="page auth">
      <PageTitle>{t('accounts.signIn.title')}</PageTitle>
      {account ? (
        <div className="alert alert--info">
          <p>{t('accounts.signIn.already', { name: account.name })}</p>
        </div>
      ) : null}
      <fieldset className="auth__modes">
        <legend className="visually-hidden">{t('accounts.signIn.modes')}</legend>
        <button
          type="button"
          className={`button ${mode === 'password' ? '' : 'button--secondary'}`}
          aria-pressed={mode === 'password'}
          onClick={() => setMode('password')}
        >
          {t('accounts.signIn.withPassword')}
        </button>
        <button
          type="button"
          className={`button ${mode === 'link' ? '' : 'button--secondary'}`}
          aria-pressed={mode === 'link'}
          onClick={() => setMode('link')}
        >
          {t('accounts.signIn.withLink')}
        </button>
      </fieldset>
      {typeof error === 'string' ? (
        <div className="alert alert--error" role="alert">
          <p>{error}</p>
        </div>
      ) : (
        <ErrorMessage error={error} />
      )}
      {message ? (
        <div className="alert alert--success" role="status">
          <p>{message}</p>
        </div>
      ) : null}
      <FormErrorSummary form={formErrors} labelFor={labelsFrom(t, 'accounts.')} />
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
        {mode === 'password' ? (
          <Field
            label={t('accounts.password')}
            type="password"
            id={formErrors.idFor('password')}
            name="password"
            autoComplete="current-password"
            required
            value={password}
            error={fields.password}
            onChange={(e) => setPassword(e.target.value)}
          />
        ) : (
          <p className="muted">{t('accounts.signIn.linkHelp')}</p>
        )}
        <div className="actions">
          <button type="submit" className="button" disabled={busy}>
            {mode === 'password' ? t('accounts.signIn.submit') : t('accounts.signIn.sendLink')}
          </button>
          {mode === 'password' ? <Link to="/mot-de-passe-oublie">{t('accounts.signIn.forgot')}</Link> : null}
        </div>
      </form>
      <p>
        {t('accounts.signIn.noAccount')} <Link to="/inscription">{t('accounts.signUp.title')}</Link>
      </p>
    </div>
  );
}
