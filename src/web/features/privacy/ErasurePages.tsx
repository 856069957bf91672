import { type FormEvent, useState } from 'react';
import { useParams } from 'react-router';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { Field } from '../../components/Field.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { ApiError, api } from '../../lib/api.ts';
import { useT } from '../../lib/i18n.tsx';
import { useApi } from '../../lib/use-api.ts';

export type ErasureReport = {
  pseudonym: string;
  deleted: number;
  pseudonymised: number;
  kept: number;
  sentences: string[];
};

/** What an erasure did, sentence by sentence (written by the server, in French). */
export function ErasureReportView({ report, headingId }: { report: ErasureReport; headingId: string }) {
  const t = useT();
  return (
    <section aria-labelledby={headingId} className="alert alert--success">
      <h2 id={headingId}>{t('privacy.erase.reportTitle')}</h2>
      <p>
        {t('privacy.erase.reportSummary', {
          deleted: report.deleted,
          pseudonymised: report.pseudonymised,
          pseudonym: report.pseudonym,
        })}
      </p>
      <ul>
        {report.sentences.map((s) => (
          <li key={s}>{s}</li>
        ))}
      </ul>
    </section>
  );
}

/** One form of the page (the person's request, the admin's erasure): an address, a button, errors by field. */
function useEmailForm<T>(submit: (email: string) => Promise<T>) {
  const [email, setEmail] = useState('');
  const [fields, setFields] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>();
  const [result, setResult] = useState<T>();
  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    setError(undefined);
    setFields({});
    setResult(undefined);
    try {
      setResult(await submit(email));
    } catch (err) {
      if (err instanceof ApiError && Object.keys(err.fields).length) setFields(err.fields);
      else setError(err);
    }
  }
  return { email, setEmail, fields, error, result, onSubmit };
}

/** The person's request: a link to confirm is mailed to the address (same answer whether it is known or not). */
export function ErasureRequest() {
  const t = useT();
  const f = useEmailForm((email) =>
    api<{ message: string }>('/api/privacy/erasure-requests', { body: { email } }),
  );
  return (
    <section aria-labelledby="privacy-erasure">
      <h2 id="privacy-erasure">{t('privacy.erase.title')}</h2>
      <p>{t('privacy.erase.intro')}</p>
      <form onSubmit={f.onSubmit} noValidate>
        <Field
          id="privacy-erasure-email"
          label={t('privacy.email')}
          type="email"
          autoComplete="email"
          value={f.email}
          onChange={(e) => f.setEmail(e.target.value)}
          error={f.fields.email}
          required
        />
        <button type="submit" className="button button--secondary">
          {t('privacy.erase.submit')}
        </button>
      </form>
      <div aria-live="polite">
        {f.result ? <p className="alert alert--success">{f.result.message}</p> : null}
      </div>
      <ErrorMessage error={f.error} />
    </section>
  );
}

/** The platform admin's erasure of an address, with a confirmation and the report. */
export function AdminErasure() {
  const t = useT();
  const f = useEmailForm(async (email) => {
    if (!window.confirm(t('privacy.erase.adminConfirm', { email }))) return undefined;
    return api<ErasureReport>('/api/admin/privacy/erasure', { body: { email } });
  });
  return (
    <section aria-labelledby="privacy-admin-erasure">
      <h2 id="privacy-admin-erasure">{t('privacy.erase.adminTitle')}</h2>
      <p>{t('privacy.erase.adminIntro')}</p>
      <form onSubmit={f.onSubmit} noValidate>
        <Field
          id="privacy-admin-erasure-email"
          label={t('privacy.admin.email')}
          type="email"
          value={f.email}
          onChange={(e) => f.setEmail(e.target.value)}
          error={f.fields.email}
          required
        />
        <button type="submit" className="button button--danger">
          {t('privacy.erase.adminSubmit')}
        </button>
      </form>
      <div aria-live="polite">
        {f.result ? <ErasureReportView report={f.result} headingId="privacy-admin-report" /> : null}
      </div>
      <ErrorMessage error={f.error} />
    </section>
  );
}

/** /donnees-personnelles/effacement/:token — the mailed link: one click erases, then the report. */
export function ErasureLinkPage() {
  const t = useT();
  const { token = '' } = useParams();
  const link = useApi<{ email: string; expiresAt: string }>(
    `/api/privacy/erasures/${encodeURIComponent(token)}`,
  );
  const [report, setReport] = useState<ErasureReport>();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  async function confirm() {
    setBusy(true);
    setError(undefined);
    try {
      setReport(
        await api<ErasureReport>(`/api/privacy/erasures/${encodeURIComponent(token)}`, { method: 'POST' }),
      );
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }
  return (
    <div className="page">
      <PageTitle>{t('privacy.erase.linkTitle')}</PageTitle>
      <div aria-live="polite">
        {report ? (
          <>
            <ErasureReportView report={report} headingId="privacy-link-report" />
            <p>{t('privacy.erase.after')}</p>
          </>
        ) : null}
      </div>
      {!report && link.data ? (
        <>
          <p>{t('privacy.erase.linkIntro', { email: link.data.email })}</p>
          <p>{t('privacy.erase.kept')}</p>
          <button type="button" className="button button--danger" onClick={confirm} disabled={busy}>
            {t('privacy.erase.confirm')}
          </button>
        </>
      ) : null}
      {link.loading ? <p>{t('privacy.loading')}</p> : null}
      <ErrorMessage error={report ? undefined : (error ?? link.error)} />
    </div>
  );
}
