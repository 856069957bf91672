import { type FormEvent, useEffect, useState } from 'react';
import { Link } from 'react-router';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { Field } from '../../components/Field.tsx';
import { ApiError, api } from '../../lib/api.ts';
import { useT } from '../../lib/i18n.tsx';
import { useApi } from '../../lib/use-api.ts';
import type { LegalDetails } from './types.ts';

const keys = ['legalName', 'address', 'siret', 'publicationDirector', 'dataContact', 'host'] as const;
type Form = Record<(typeof keys)[number], string>;
const labels: Record<keyof Form, string> = {
  legalName: 'legal.form.legalName',
  address: 'legal.form.address',
  siret: 'legal.form.siret',
  publicationDirector: 'legal.form.director',
  dataContact: 'legal.form.contact',
  host: 'legal.form.host',
};
const empty: Form = {
  legalName: '',
  address: '',
  siret: '',
  publicationDirector: '',
  dataContact: '',
  host: '',
};

/** A network's legal details (PUT /api/networks/:id/legal), for its coordinators: shown on the legal pages. */
export function NetworkLegalForm({ networkId }: { networkId: string }) {
  const t = useT();
  const current = useApi<{ details: LegalDetails | null }>(
    `/api/networks/${encodeURIComponent(networkId)}/legal`,
  );
  const [form, setForm] = useState<Form>(empty);
  const [fields, setFields] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>();
  const [saved, setSaved] = useState(false);
  const [saving, setSaving] = useState(false);
  useEffect(() => {
    const d = current.data?.details;
    if (d) setForm({ ...d, siret: d.siret ?? '' });
  }, [current.data]);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setFields({});
    setError(undefined);
    setSaved(false);
    setSaving(true);
    try {
      await api(`/api/networks/${encodeURIComponent(networkId)}/legal`, {
        method: 'PUT',
        body: { ...form, siret: form.siret.trim() || null },
      });
      setSaved(true);
    } catch (err) {
      if (err instanceof ApiError && err.status === 400 && Object.keys(err.fields).length) {
        setFields(err.fields);
        const first = keys.find((k) => err.fields[k]);
        if (first) document.querySelector<HTMLElement>(`[name="legal-${first}"]`)?.focus();
      } else setError(err);
    } finally {
      setSaving(false);
    }
  }

  return (
    <section aria-labelledby="network-legal">
      <h3 id="network-legal">{t('legal.form.title')}</h3>
      <p>
        {t('legal.form.help')} <Link to="/mentions-legales">{t('legal.form.view')}</Link>
      </p>
      {saved ? (
        <div className="alert alert--success" role="status">
          <p>{t('legal.form.saved')}</p>
        </div>
      ) : null}
      <ErrorMessage error={error ?? current.error} />
      <form className="form-narrow" onSubmit={submit} noValidate>
        {keys.map((key) => {
          const common = {
            name: `legal-${key}`,
            label: t(labels[key]),
            required: key !== 'siret',
            value: form[key],
            error: fields[key],
          };
          const change = (value: string) => {
            setSaved(false);
            setForm((f) => ({ ...f, [key]: value }));
          };
          return key === 'address' || key === 'host' ? (
            <Field key={key} as="textarea" rows={2} {...common} onChange={(e) => change(e.target.value)} />
          ) : (
            <Field key={key} {...common} onChange={(e) => change(e.target.value)} />
          );
        })}
        <div className="actions">
          <button type="submit" className="button" disabled={saving}>
            {t('legal.form.submit')}
          </button>
        </div>
      </form>
    </section>
  );
}
