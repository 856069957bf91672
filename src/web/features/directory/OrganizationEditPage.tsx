import { type FormEvent, useEffect, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { useFormErrors } from '../../components/FormErrorSummary.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { ApiError, api } from '../../lib/api.ts';
import { useLocale } from '../../lib/i18n.tsx';
import { useApi } from '../../lib/use-api.ts';
import { changes, clientErrors, conflictTarget, type Form, toForm } from './edit-form.ts';
import { OrganizationEditors } from './OrganizationEditors.tsx';
import { OrganizationErrorSummary, OrganizationFields } from './OrganizationFields.tsx';
import type { Organization } from './types.ts';

export function OrganizationEditPage() {
  const { id = '' } = useParams();
  const { t } = useLocale();
  const navigate = useNavigate();
  const {
    data: org,
    error: loadError,
    reload,
  } = useApi<Organization>(`/api/organizations/${encodeURIComponent(id)}`);
  const [initial, setInitial] = useState<Form>();
  const [form, setForm] = useState<Form>();
  const formErrors = useFormErrors('org');
  const { errors } = formErrors;
  const [conflict, setConflict] = useState<{ id: string; name?: string } | null>(null);
  const [failure, setFailure] = useState<unknown>();
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    if (org && !initial) {
      setInitial(toForm(org));
      setForm(toForm(org));
    }
  }, [org, initial]);

  if (!org || !form || !initial) {
    return (
      <div className="page">
        {loadError ? (
          <ErrorMessage error={loadError} onRetry={reload} />
        ) : (
          <p role="status">{t('common.loading')}</p>
        )}
      </div>
    );
  }
  if (!org.canEdit) {
    return (
      <div className="page">
        <PageTitle>{t('directory.edit.title', { name: org.name })}</PageTitle>
        <div className="alert alert--error" role="alert">
          <p>{t('directory.edit.forbidden')}</p>
        </div>
        <Link to={`/annuaire/${org.id}`}>{t('directory.edit.backToPage')}</Link>
      </div>
    );
  }

  const set = (key: keyof Form) => (value: string | boolean) =>
    setForm((f) => (f ? { ...f, [key]: value } : f));
  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!form || !initial) return;
    setConflict(null);
    setFailure(undefined);
    const local = clientErrors(form, t);
    formErrors.show(local);
    if (Object.keys(local).length) return;
    const body = changes(initial, form);
    if (Object.keys(body).length === 0) {
      navigate(`/annuaire/${id}`);
      return;
    }
    setSaving(true);
    try {
      await api(`/api/organizations/${encodeURIComponent(id)}`, { method: 'PATCH', body });
      navigate(`/annuaire/${id}`, { state: { saved: true } });
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
    <div className="page organization-edit">
      <p className="breadcrumb">
        <Link to={`/annuaire/${org.id}`}>{t('directory.edit.backToPage')}</Link>
      </p>
      <PageTitle title={t('directory.edit.title', { name: org.name })}>
        {t('directory.edit.title', { name: org.name })}
      </PageTitle>
      <OrganizationErrorSummary form={formErrors} conflict={conflict} />
      <ErrorMessage error={failure} />
      <form onSubmit={submit} noValidate className="org-form">
        <OrganizationFields
          form={form}
          set={set}
          errors={errors}
          conflict={conflict}
          initialNaf={{ code: org.nafCode, label: org.nafLabel }}
        />
        <div className="actions">
          <button type="submit" className="button" disabled={saving}>
            {saving ? t('directory.edit.saving') : t('common.save')}
          </button>
          <Link to={`/annuaire/${org.id}`}>{t('common.cancel')}</Link>
        </div>
      </form>
      <OrganizationEditors organizationId={org.id} />
    </div>
  );
}
