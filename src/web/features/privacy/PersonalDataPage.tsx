import { type FormEvent, useState } from 'react';
import { Link } from 'react-router';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { Field } from '../../components/Field.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { ApiError, api } from '../../lib/api.ts';
import { useLocale } from '../../lib/i18n.tsx';
import { canAdminister, useMe } from '../../lib/session.tsx';
import { AdminErasure, ErasureRequest } from './ErasurePages.tsx';

/** The platform admin's download of an address's zip (a file, so not through `api()`, which reads JSON). */
async function downloadExport(email: string, lang: string) {
  const res = await fetch('/api/admin/privacy/export', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/zip', 'accept-language': lang },
    body: JSON.stringify({ email }),
  });
  if (!res.ok) {
    const body = (await res.json().catch(() => ({}))) as {
      error?: { code?: string; message?: string; fields?: Record<string, string> };
    };
    throw new ApiError(
      res.status,
      body.error?.code ?? 'ERROR',
      body.error?.message ?? res.statusText,
      body.error?.fields,
    );
  }
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? 'donnees.zip';
  a.click();
  URL.revokeObjectURL(url);
}

/** /donnees-personnelles — ask for one's data by mail; the platform admin exports any address. */
export function PersonalDataPage() {
  const { t, locale } = useLocale();
  const me = useMe();
  const [email, setEmail] = useState('');
  const [answer, setAnswer] = useState('');
  const [fields, setFields] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>();
  const [adminEmail, setAdminEmail] = useState('');
  const [adminFields, setAdminFields] = useState<Record<string, string>>({});
  const [adminDone, setAdminDone] = useState('');
  const [adminError, setAdminError] = useState<unknown>();
  async function ask(e: FormEvent) {
    e.preventDefault();
    setError(undefined);
    setFields({});
    setAnswer('');
    try {
      const res = await api<{ message: string }>('/api/privacy/export-requests', { body: { email } });
      setAnswer(res.message);
    } catch (err) {
      if (err instanceof ApiError && Object.keys(err.fields).length) setFields(err.fields);
      else setError(err);
    }
  }
  async function exportOne(e: FormEvent) {
    e.preventDefault();
    setAdminError(undefined);
    setAdminFields({});
    setAdminDone('');
    try {
      await downloadExport(adminEmail, locale);
      setAdminDone(t('privacy.admin.done', { email: adminEmail }));
    } catch (err) {
      if (err instanceof ApiError && Object.keys(err.fields).length) setAdminFields(err.fields);
      else setAdminError(err);
    }
  }
  return (
    <div className="page">
      <PageTitle>{t('privacy.title')}</PageTitle>
      <p>{t('privacy.intro')}</p>
      <form onSubmit={ask} noValidate>
        <Field
          id="privacy-email"
          label={t('privacy.email')}
          type="email"
          autoComplete="email"
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          error={fields.email}
          required
        />
        <button type="submit" className="button">
          {t('privacy.submit')}
        </button>
      </form>
      <div aria-live="polite">{answer ? <p className="alert alert--success">{answer}</p> : null}</div>
      <ErrorMessage error={error} />
      <ErasureRequest />
      <p>
        <Link to="/donnees-personnelles/registre">{t('privacy.register.link')}</Link>
      </p>
      {me.account?.isPlatformAdmin ? (
        <section aria-labelledby="privacy-admin">
          <h2 id="privacy-admin">{t('privacy.admin.title')}</h2>
          <p>{t('privacy.admin.intro')}</p>
          <form onSubmit={exportOne} noValidate>
            <Field
              id="privacy-admin-email"
              label={t('privacy.admin.email')}
              type="email"
              value={adminEmail}
              onChange={(e) => setAdminEmail(e.target.value)}
              error={adminFields.email}
              required
            />
            <button type="submit" className="button button--secondary">
              {t('privacy.admin.submit')}
            </button>
          </form>
          <p aria-live="polite">{adminDone}</p>
          <ErrorMessage error={adminError} />
        </section>
      ) : null}
      {me.account?.isPlatformAdmin ? <AdminErasure /> : null}
      {canAdminister(me) ? (
        <p>
          <Link to="/donnees-personnelles/conservation">{t('privacy.retention.link')}</Link>
        </p>
      ) : null}
    </div>
  );
}
