import { type FormEvent, useState } from 'react';
import { Link } from 'react-router';
import { EmptyState } from '../../components/EmptyState.tsx';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { Field } from '../../components/Field.tsx';
import { FormErrorSummary, labelsFrom, useFormErrors } from '../../components/FormErrorSummary.tsx';
import { useDocumentTitle } from '../../components/PageTitle.tsx';
import { TerritoryPicker } from '../../components/TerritoryPicker.tsx';
import { ApiError, api } from '../../lib/api.ts';
import { useT } from '../../lib/i18n.tsx';
import { useMe } from '../../lib/session.tsx';
import { useManagedNetworks } from './useNetworks.ts';

const kinds = ['cress', 'club', 'other'] as const;
const emptyForm = { name: '', slug: '', kind: 'club', territory: '', description: '', website: '' };

/** "Chambre régionale de l'ESS" → "chambre-regionale-de-l-ess". */
function slugify(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
}

function CreateNetworkForm({ onCreated }: { onCreated: () => void }) {
  const t = useT();
  const [form, setForm] = useState(emptyForm);
  const [slugTouched, setSlugTouched] = useState(false);
  const formErrors = useFormErrors('network');
  const fields = formErrors.errors;
  const [error, setError] = useState<unknown>();
  const [done, setDone] = useState('');
  const set = (key: keyof typeof form) => (value: string) =>
    setForm((f) => ({
      ...f,
      [key]: value,
      ...(key === 'name' && !slugTouched ? { slug: slugify(value) } : {}),
    }));

  async function submit(e: FormEvent) {
    e.preventDefault();
    formErrors.clear();
    setError(undefined);
    setDone('');
    try {
      const body = {
        name: form.name,
        slug: form.slug,
        kind: form.kind,
        territory: form.territory || null,
        description: form.description || null,
        website: form.website || null,
      };
      await api('/api/networks', { body });
      setDone(t('admin.networks.created', { name: form.name }));
      setForm(emptyForm);
      setSlugTouched(false);
      onCreated();
    } catch (err) {
      if (err instanceof ApiError && (err.status === 400 || err.status === 409)) {
        formErrors.show(Object.keys(err.fields).length ? err.fields : { slug: err.message });
      } else setError(err);
    }
  }
  return (
    <section aria-labelledby="network-create">
      <h2 id="network-create">{t('admin.networks.create')}</h2>
      {done ? (
        <div className="alert alert--success" role="status">
          <p>{done}</p>
        </div>
      ) : null}
      <FormErrorSummary form={formErrors} labelFor={labelsFrom(t, 'admin.networks.')} />
      <ErrorMessage error={error} />
      <form className="form-narrow" onSubmit={submit} noValidate>
        <Field
          label={t('admin.networks.name')}
          required
          value={form.name}
          id={formErrors.idFor('name')}
          error={fields.name}
          onChange={(e) => set('name')(e.target.value)}
        />
        <Field
          label={t('admin.networks.slug')}
          hint={t('admin.networks.slugHint')}
          required
          value={form.slug}
          id={formErrors.idFor('slug')}
          error={fields.slug}
          onChange={(e) => {
            setSlugTouched(true);
            set('slug')(e.target.value);
          }}
        />
        <Field
          as="select"
          label={t('admin.networks.kind')}
          value={form.kind}
          id={formErrors.idFor('kind')}
          error={fields.kind}
          onChange={(e) => set('kind')(e.target.value)}
        >
          {kinds.map((k) => (
            <option key={k} value={k}>
              {t(`admin.networks.kinds.${k}`)}
            </option>
          ))}
        </Field>
        <TerritoryPicker
          label={t('admin.networks.territory')}
          value={form.territory || null}
          onChange={(code) => set('territory')(code ?? '')}
          id={formErrors.idFor('territory')}
          error={fields.territory}
        />
        <Field
          label={t('admin.networks.website')}
          type="url"
          placeholder="https://"
          value={form.website}
          id={formErrors.idFor('website')}
          error={fields.website}
          onChange={(e) => set('website')(e.target.value)}
        />
        <Field
          as="textarea"
          label={t('admin.networks.description')}
          rows={4}
          value={form.description}
          id={formErrors.idFor('description')}
          error={fields.description}
          onChange={(e) => set('description')(e.target.value)}
        />
        <div className="actions">
          <button type="submit" className="button">
            {t('admin.networks.createSubmit')}
          </button>
        </div>
      </form>
    </section>
  );
}

export function NetworksTab() {
  const t = useT();
  useDocumentTitle(`${t('admin.tabs.networks')} · ${t('admin.title')}`);
  const me = useMe();
  const { networks, error, loading, reload } = useManagedNetworks();
  return (
    <div>
      <h2>{t('admin.tabs.networks')}</h2>
      <ErrorMessage error={error} onRetry={reload} />
      {loading && !networks.length ? <p role="status">{t('common.loading')}</p> : null}
      {!loading && networks.length === 0 ? <EmptyState title={t('admin.networks.none')} /> : null}
      {networks.length ? (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('admin.networks.name')}</th>
                <th scope="col">{t('admin.networks.kind')}</th>
                <th scope="col">{t('admin.networks.territory')}</th>
                <th scope="col">{t('admin.networks.manage')}</th>
              </tr>
            </thead>
            <tbody>
              {networks.map((n) => (
                <tr key={n.id}>
                  <th scope="row">
                    {n.name}
                    {n.isDemo ? <span className="badge badge--demo"> {t('directory.demo')}</span> : null}
                  </th>
                  <td>{t(`admin.networks.kinds.${n.kind}`)}</td>
                  <td>{n.territory ?? '—'}</td>
                  <td>
                    <ul className="plain-list">
                      <li>
                        <Link
                          to={`/admin/reseaux/${n.id}`}
                          aria-label={t('admin.networks.manageOf', { name: n.name })}
                        >
                          {t('admin.networks.coordinators')}
                        </Link>
                      </li>
                      <li>
                        <Link
                          to={`/admin/reseaux/${n.id}/fiche`}
                          aria-label={t('admin.networks.detailsOf', { name: n.name })}
                        >
                          {t('admin.networks.details')}
                        </Link>
                      </li>
                    </ul>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {me.account?.isPlatformAdmin ? <CreateNetworkForm onCreated={reload} /> : null}
    </div>
  );
}
