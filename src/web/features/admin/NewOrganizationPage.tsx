import { type FormEvent, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { Field } from '../../components/Field.tsx';
import { useFormErrors } from '../../components/FormErrorSummary.tsx';
import { useDocumentTitle } from '../../components/PageTitle.tsx';
import { ApiError, api } from '../../lib/api.ts';
import { useT } from '../../lib/i18n.tsx';
import { useMe } from '../../lib/session.tsx';
import { clientErrors, conflictTarget, createBody, emptyForm, type Form } from '../directory/edit-form.ts';
import { OrganizationErrorSummary, OrganizationFields } from '../directory/OrganizationFields.tsx';
import { useManagedNetworks } from './useNetworks.ts';

/** /admin/organisations/nouvelle: add one organisation by hand (a coordinator adds it to one of its networks). */
export function NewOrganizationPage() {
  const t = useT();
  useDocumentTitle(`${t('admin.newOrg.title')} · ${t('admin.title')}`);
  const navigate = useNavigate();
  const me = useMe();
  const { networks } = useManagedNetworks();
  const admin = Boolean(me.account?.isPlatformAdmin);
  const [form, setForm] = useState<Form>(emptyForm);
  const [networkId, setNetworkId] = useState('');
  const formErrors = useFormErrors('org');
  const { errors } = formErrors;
  const [conflict, setConflict] = useState<{ id: string } | null>(null);
  const [failure, setFailure] = useState<unknown>();
  const [saving, setSaving] = useState(false);
  const chosenNetwork = networkId || (!admin && networks.length === 1 ? networks[0].id : '');
  const set = (key: keyof Form) => (value: string | boolean) => setForm((f) => ({ ...f, [key]: value }));

  async function submit(e: FormEvent) {
    e.preventDefault();
    setConflict(null);
    setFailure(undefined);
    const local = clientErrors(form, t);
    if (!admin && !chosenNetwork) local.networkId = t('admin.newOrg.networkRequired');
    formErrors.show(local);
    if (Object.keys(local).length) return;
    setSaving(true);
    try {
      const body = { ...createBody(form), ...(chosenNetwork ? { networkId: chosenNetwork } : {}) };
      const created = await api<{ id: string }>('/api/organizations', { body });
      navigate(`/annuaire/${created.id}`, { state: { created: true } });
    } catch (err) {
      if (err instanceof ApiError && (err.status === 400 || err.status === 409)) {
        const fields = { ...err.fields };
        if (err.status === 409) {
          setConflict(conflictTarget(err));
          fields.siret ??= err.message;
        }
        formErrors.show(fields);
      } else setFailure(err);
    } finally {
      setSaving(false);
    }
  }

  return (
    <div className="organization-edit">
      <h2>{t('admin.newOrg.title')}</h2>
      <p className="muted">{t('admin.newOrg.intro')}</p>
      <OrganizationErrorSummary form={formErrors} conflict={conflict} />
      <ErrorMessage error={failure} />
      <form onSubmit={submit} noValidate className="org-form">
        <Field
          as="select"
          id="org-networkId"
          label={t('admin.import.network')}
          hint={admin ? t('admin.import.networkHintAdmin') : t('admin.newOrg.networkHint')}
          required={!admin}
          value={chosenNetwork}
          error={errors.networkId}
          onChange={(e) => setNetworkId(e.target.value)}
        >
          <option value="">{admin ? t('admin.import.noNetwork') : t('admin.import.chooseNetwork')}</option>
          {networks.map((n) => (
            <option key={n.id} value={n.id}>
              {n.name}
            </option>
          ))}
        </Field>
        <OrganizationFields form={form} set={set} errors={errors} conflict={conflict} />
        <div className="actions">
          <button type="submit" className="button" disabled={saving}>
            {saving ? t('directory.edit.saving') : t('admin.newOrg.submit')}
          </button>
          <Link to="/admin/import">{t('common.cancel')}</Link>
        </div>
      </form>
    </div>
  );
}
