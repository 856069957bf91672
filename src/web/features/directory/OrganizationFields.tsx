import { Link } from 'react-router';
import { Field } from '../../components/Field.tsx';
import { FormErrorSummary, type FormErrors, labelsFrom } from '../../components/FormErrorSummary.tsx';
import { TerritoryPicker } from '../../components/TerritoryPicker.tsx';
import { useLocale } from '../../lib/i18n.tsx';
import type { Form, textFields } from './edit-form.ts';
import { NafPicker } from './NafPicker.tsx';
import { labelOf, useIdentityReference } from './reference.ts';

export type SetField = (key: keyof Form) => (value: string | boolean) => void;

interface Props {
  form: Form;
  set: SetField;
  errors: Record<string, string>;
  /** The organisation that already has the SIRET, after a 409. */
  conflict: { id: string } | null;
  /** The NAF code the form started with and its label (avoids a look-up). */
  initialNaf?: { code: string | null; label: string | null };
}

/** The organisation's fields, grouped (identity, activity, place, contact); shared by the edit and create pages. */
export function OrganizationFields({ form, set, errors, conflict, initialNaf }: Props) {
  const { t, locale } = useLocale();
  const reference = useIdentityReference();
  const input = (key: (typeof textFields)[number]) => ({
    id: `org-${key}`,
    name: key,
    value: form[key],
    error: errors[key],
    onChange: (e: { target: { value: string } }) => set(key)(e.target.value),
  });
  return (
    <>
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
          currentLabel={form.nafCode === initialNaf?.code ? initialNaf.label : null}
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
    </>
  );
}

/** The shared error summary in the organisation form's words (and, after a 409, a link to the existing one). */
export function OrganizationErrorSummary({
  form,
  conflict,
}: {
  form: Pick<FormErrors, 'errors' | 'idFor' | 'summaryRef'>;
  conflict: { id: string } | null;
}) {
  const { t } = useLocale();
  const fieldLabel = labelsFrom(t, 'directory.edit.fields.');
  const labelFor = (key: string) => (key === 'networkId' ? t('admin.import.network') : fieldLabel(key));
  return (
    <FormErrorSummary form={form} labelFor={labelFor}>
      {conflict ? (
        <p>
          <Link to={`/annuaire/${conflict.id}`}>{t('directory.edit.conflictLink')}</Link>
        </p>
      ) : null}
    </FormErrorSummary>
  );
}
