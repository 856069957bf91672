import { type FormEvent, useEffect, useRef, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { Field } from '../../components/Field.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { TerritoryPicker } from '../../components/TerritoryPicker.tsx';
import { ApiError, api } from '../../lib/api.ts';
import { useLocale } from '../../lib/i18n.tsx';
import { useApi } from '../../lib/use-api.ts';
import { changes, clientErrors, conflictTarget, type Form, type textFields, toForm } from './edit-form.ts';
import { NafPicker } from './NafPicker.tsx';
import { OrganizationEditors } from './OrganizationEditors.tsx';
import { labelOf, useIdentityReference } from './reference.ts';
import type { Organization } from './types.ts';

export function OrganizationEditPage() {
  const { id = '' } = useParams();
  const { t, locale } = useLocale();
  const navigate = useNavigate();
  const reference = useIdentityReference();
  const {
    data: org,
    error: loadError,
    reload,
  } = useApi<Organization>(`/api/organizations/${encodeURIComponent(id)}`);
  const [initial, setInitial] = useState<Form>();
  const [form, setForm] = useState<Form>();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [conflict, setConflict] = useState<{ id: string; name?: string } | null>(null);
  const [failure, setFailure] = useState<unknown>();
  const [saving, setSaving] = useState(false);
  const summaryRef = useRef<HTMLDivElement>(null);

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
  const input = (key: (typeof textFields)[number]) => ({
    id: `org-${key}`,
    name: key,
    value: form[key],
    error: errors[key],
    onChange: (e: { target: { value: string } }) => set(key)(e.target.value),
  });

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!form || !initial) return;
    setConflict(null);
    setFailure(undefined);
    const local = clientErrors(form, t);
    setErrors(local);
    if (Object.keys(local).length) {
      requestAnimationFrame(() => summaryRef.current?.focus());
      return;
    }
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
        setErrors(err.fields);
        if (err.status === 409) {
          setConflict(conflictTarget(err));
          if (!err.fields.siret) setErrors({ ...err.fields, siret: err.message });
        }
        requestAnimationFrame(() => summaryRef.current?.focus());
      } else setFailure(err);
    } finally {
      setSaving(false);
    }
  }

  const errorKeys = Object.keys(errors);
  const fieldLabel = (key: string) => {
    const label = t(`directory.edit.fields.${key}`);
    return label === `directory.edit.fields.${key}` ? key : label;
  };
  return (
    <div className="page organization-edit">
      <p className="breadcrumb">
        <Link to={`/annuaire/${org.id}`}>{t('directory.edit.backToPage')}</Link>
      </p>
      <PageTitle title={t('directory.edit.title', { name: org.name })}>
        {t('directory.edit.title', { name: org.name })}
      </PageTitle>
      {errorKeys.length ? (
        <div className="alert alert--error" role="alert" tabIndex={-1} ref={summaryRef}>
          <p>{t('directory.edit.errorSummary', { count: errorKeys.length })}</p>
          <ul>
            {errorKeys.map((key) => (
              <li key={key}>
                <a href={`#org-${key}`}>
                  {t('directory.edit.errorItem', { field: fieldLabel(key), message: errors[key] })}
                </a>
              </li>
            ))}
          </ul>
          {conflict ? (
            <p>
              <Link to={`/annuaire/${conflict.id}`}>{t('directory.edit.conflictLink')}</Link>
            </p>
          ) : null}
        </div>
      ) : null}
      <ErrorMessage error={failure} />
      <form onSubmit={submit} noValidate className="org-form">
        <fieldset>
          <legend>{t('directory.edit.identity')}</legend>
          <Field
            label={t('directory.edit.fields.name')}
            required
            autoComplete="organization"
            {...input('name')}
          />
          <Field label={t('directory.edit.fields.acronym')} {...input('acronym')} />
          <Field
            label={t('directory.edit.fields.siret')}
            hint={t('directory.edit.siretHint')}
            inputMode="numeric"
            {...input('siret')}
          />
          {conflict ? (
            <p className="field-note">
              <Link to={`/annuaire/${conflict.id}`}>{t('directory.edit.conflictLink')}</Link>
            </p>
          ) : null}
          <Field
            label={t('directory.edit.fields.legalCategory')}
            hint={t('directory.edit.legalCategoryHint')}
            inputMode="numeric"
            {...input('legalCategory')}
          />
          <div className="checkbox">
            <input
              id="org-esus"
              type="checkbox"
              checked={form.esus}
              onChange={(e) => set('esus')(e.target.checked)}
            />
            <label htmlFor="org-esus">{t('directory.edit.fields.esus')}</label>
          </div>
        </fieldset>
        <fieldset>
          <legend>{t('directory.edit.activity')}</legend>
          <NafPicker
            id="org-nafCode"
            value={form.nafCode || null}
            currentLabel={form.nafCode === org.nafCode ? org.nafLabel : null}
            onChange={(code) => set('nafCode')(code ?? '')}
            error={errors.nafCode}
          />
          <Field
            as="select"
            id="org-headcountBracket"
            label={t('directory.edit.fields.headcountBracket')}
            value={form.headcountBracket}
            error={errors.headcountBracket}
            onChange={(e) => set('headcountBracket')(e.target.value)}
          >
            <option value="">{t('directory.edit.unknown')}</option>
            {(reference?.headcountBrackets ?? []).map((b) => (
              <option key={b.code} value={b.code}>
                {labelOf(b.label, locale)}
              </option>
            ))}
          </Field>
          <Field
            as="textarea"
            label={t('directory.edit.fields.description')}
            hint={t('directory.edit.descriptionHint')}
            rows={8}
            {...input('description')}
          />
          <Field
            id="org-tags"
            label={t('directory.edit.fields.tags')}
            hint={t('directory.edit.tagsHint')}
            value={form.tags}
            error={errors.tags}
            onChange={(e) => set('tags')(e.target.value)}
          />
        </fieldset>
        <fieldset>
          <legend>{t('directory.edit.place')}</legend>
          <Field
            label={t('directory.edit.fields.address')}
            autoComplete="street-address"
            {...input('address')}
          />
          <Field
            label={t('directory.edit.fields.postalCode')}
            inputMode="numeric"
            autoComplete="postal-code"
            {...input('postalCode')}
          />
          <TerritoryPicker
            id="org-communeCode"
            label={t('directory.edit.fields.communeCode')}
            levels={['commune']}
            value={form.communeCode ? `com:${form.communeCode.replace(/^com:/, '')}` : null}
            onChange={(code) => set('communeCode')(code ? code.replace(/^com:/, '') : '')}
            error={errors.communeCode}
          />
        </fieldset>
        <fieldset>
          <legend>{t('directory.edit.contact')}</legend>
          <Field
            label={t('directory.edit.fields.website')}
            type="url"
            placeholder="https://"
            {...input('website')}
          />
          <Field
            label={t('directory.edit.fields.email')}
            type="email"
            autoComplete="email"
            {...input('email')}
          />
          <Field label={t('directory.edit.fields.phone')} type="tel" autoComplete="tel" {...input('phone')} />
        </fieldset>
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
