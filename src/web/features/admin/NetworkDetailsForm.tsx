import { type FormEvent, useEffect, useState } from 'react';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { Field } from '../../components/Field.tsx';
import { FormErrorSummary, labelsFrom, useFormErrors } from '../../components/FormErrorSummary.tsx';
import { TerritoryPicker } from '../../components/TerritoryPicker.tsx';
import { api } from '../../lib/api.ts';
import { useT } from '../../lib/i18n.tsx';
import type { Network } from './types.ts';

const fieldOrder = ['name', 'territory', 'website', 'description'] as const;
type Form = Record<(typeof fieldOrder)[number], string>;

function formOf(network: Network): Form {
  return {
    name: network.name,
    territory: network.territory ?? '',
    website: network.website ?? '',
    description: network.description ?? '',
  };
}

/** Edits a network's name, territory, website and description (PATCH /api/networks/:id), errors beside fields. */
export function NetworkDetailsForm({
  network,
  onSaved,
}: {
  network: Network;
  onSaved: (n: Network) => void;
}) {
  const t = useT();
  const [form, setForm] = useState<Form>(() => formOf(network));
  const formErrors = useFormErrors('network-details');
  const fields = formErrors.errors;
  const [error, setError] = useState<unknown>();
  const [saved, setSaved] = useState(false);
  const [saving, setSaving] = useState(false);
  useEffect(() => setForm(formOf(network)), [network]);
  const set = (key: keyof Form) => (value: string) => {
    setSaved(false);
    setForm((f) => ({ ...f, [key]: value }));
  };

  async function submit(e: FormEvent) {
    e.preventDefault();
    formErrors.clear();
    setError(undefined);
    setSaved(false);
    setSaving(true);
    try {
      const updated = await api<Network>(`/api/networks/${encodeURIComponent(network.id)}`, {
        method: 'PATCH',
        body: {
          name: form.name.trim(),
          territory: form.territory || null,
          website: form.website.trim() || null,
          description: form.description.trim() || null,
        },
      });
      setSaved(true);
      onSaved(updated);
    } catch (err) {
      if (!formErrors.fromError(err)) setError(err);
    } finally {
      setSaving(false);
    }
  }

  return (
    <section aria-labelledby="network-details">
      <h3 id="network-details">{t('admin.details.title')}</h3>
      {saved ? (
        <div className="alert alert--success" role="status">
          <p>{t('admin.details.saved')}</p>
        </div>
      ) : null}
      <FormErrorSummary form={formErrors} labelFor={labelsFrom(t, 'admin.networks.')} />
      <ErrorMessage error={error} />
      <form className="form-narrow" onSubmit={submit} noValidate>
        <div data-field="name">
          <Field
            label={t('admin.networks.name')}
            required
            value={form.name}
            id={formErrors.idFor('name')}
            error={fields.name}
            onChange={(e) => set('name')(e.target.value)}
          />
        </div>
        <div data-field="territory">
          <TerritoryPicker
            label={t('admin.networks.territory')}
            value={form.territory || null}
            onChange={(code) => set('territory')(code ?? '')}
            id={formErrors.idFor('territory')}
            error={fields.territory}
          />
        </div>
        <div data-field="website">
          <Field
            label={t('admin.networks.website')}
            type="url"
            placeholder="https://"
            value={form.website}
            id={formErrors.idFor('website')}
            error={fields.website}
            onChange={(e) => set('website')(e.target.value)}
          />
        </div>
        <div data-field="description">
          <Field
            as="textarea"
            label={t('admin.networks.description')}
            rows={5}
            value={form.description}
            id={formErrors.idFor('description')}
            error={fields.description}
            onChange={(e) => set('description')(e.target.value)}
          />
        </div>
        <div className="actions">
          <button type="submit" className="button" disabled={saving}>
            {t('admin.details.submit')}
          </button>
        </div>
      </form>
    </section>
  );
}
