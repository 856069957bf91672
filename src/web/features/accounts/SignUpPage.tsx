import { type FormEvent, useState } from 'react';
import { Link } from 'react-router';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { Field } from '../../components/Field.tsx';
import { FormErrorSummary, labelsFrom, useFormErrors } from '../../components/FormErrorSummary.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { ApiError, api } from '../../lib/api.ts';
import { useLocale } from '../../lib/i18n.tsx';
import { useMe } from '../../lib/session.tsx';

export function SignUpPage() {
  const { t, locale } = useLocale();
  const { refreshMe } = useMe();
  const [form, setForm] = useState({ name: '', email: '', password: '' });
  const formErrors = useFormErrors('signup');
  const fields = formErrors.errors;
  const [error, setError] = useState<unknown>();
  const [done, setDone] = useState('');
  const [busy, setBusy] = useState(false);
  const set = (key: keyof typeof form) => (e: { target: { value: string } }) =>
    setForm((f) => ({ ...f, [key]: e.target.value }));

  async function submit(e: FormEvent) {
    e.preventDefault();
    formErrors.clear();
    setError(undefined);
    if (form.password.length > 0 && form.password.length < 10) {
      formErrors.show({ password: t('accounts.passwordTooShort') });
      return;
    }
    setBusy(true);
    try {
      // The language of the page is the new account's, and its welcome mail's.
      const res = await api<{ message?: string }>('/api/auth/sign-up', { body: { ...form, locale } });
      await refreshMe();
      setDone(locale === 'fr' && res.message ? res.message : t('accounts.signUp.done'));
    } catch (err) {
      if (err instanceof ApiError && err.status === 400) formErrors.show(err.fields);
      else setError(err);
    } finally {
      setBusy(false);
    }
  }

  if (done) {
    return (
      <div className="page auth">
        <PageTitle>{t('accounts.signUp.title')}</PageTitle>
        <div className="alert alert--success" role="status">
          <p>{done}</p>
        </div>
        <p>
          <Link to="/">{t('app.soon.back')}</Link>
        </p>
      </div>
    );
  }
  return (
    <div className="page auth">
      <PageTitle>{t('accounts.signUp.title')}</PageTitle>
      <p className="muted">{t('accounts.signUp.intro')}</p>
      <ErrorMessage error={error} />
      <FormErrorSummary form={formErrors} labelFor={labelsFrom(t, 'accounts.')} />
      <form className="form-narrow" onSubmit={submit} noValidate>
        <Field
          label={t('accounts.name')}
          id={formErrors.idFor('name')}
          name="name"
          autoComplete="name"
          required
          value={form.name}
          error={fields.name}
          onChange={set('name')}
        />
        <Field
          label={t('accounts.email')}
          type="email"
          id={formErrors.idFor('email')}
          name="email"
          autoComplete="email"
          required
          value={form.email}
          error={fields.email}
          onChange={set('email')}
        />
        <Field
          label={t('accounts.password')}
          type="password"
          id={formErrors.idFor('password')}
          name="password"
          autoComplete="new-password"
          hint={t('accounts.passwordHint')}
          required
          value={form.password}
          error={fields.password}
          onChange={set('password')}
        />
        <div className="actions">
          <button type="submit" className="button" disabled={busy}>
            {t('accounts.signUp.submit')}
          </button>
        </div>
      </form>
      <p>
        {t('accounts.signUp.already')} <Link to="/connexion">{t('app.account.signIn')}</Link>
      </p>
    </div>
  );
}
