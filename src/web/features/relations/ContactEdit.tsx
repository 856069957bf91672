import { type FormEvent, useCallback, useState } from 'react';
import { Combobox, type ComboboxOption } from '../../components/Combobox.tsx';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { Field } from '../../components/Field.tsx';
import { FormErrorSummary, labelsFrom, useFormErrors } from '../../components/FormErrorSummary.tsx';
import { TerritoryPicker } from '../../components/TerritoryPicker.tsx';
import { api } from '../../lib/api.ts';
import { useLocale } from '../../lib/i18n.tsx';
import type { Contact } from './types.ts';

const kinds = ['elected', 'public_body', 'partner', 'school'] as const;
type Text = 'name' | 'role' | 'organizationName' | 'email' | 'phone' | 'notes';

/**
 * Staff change a contact. An official imported from the national register keeps their kind, name, function and
 * territory as the register's latest file gives them: the form shows them as text and says why, and sends only
 * the other fields (the server refuses them too).
 */
export function ContactEdit({ contact, onSaved }: { contact: Contact; onSaved: () => void }) {
  const { t } = useLocale();
  const errs = useFormErrors('contact-edit');
  const fromRegister = contact.source === 'register';
  const [open, setOpen] = useState(false);
  const [kind, setKind] = useState(contact.kind);
  const [text, setText] = useState<Record<Text, string>>({
    name: contact.name,
    role: contact.role ?? '',
    organizationName: contact.organizationName ?? '',
    email: contact.email ?? '',
    phone: contact.phone ?? '',
    notes: contact.notes ?? '',
  });
  const [territory, setTerritory] = useState<string | null>(contact.territoryCode);
  const [organizationId, setOrganizationId] = useState<string | null>(contact.organizationId);
  const [error, setError] = useState<unknown>();
  const searchOrganizations = useCallback(async (q: string, signal: AbortSignal) => {
    const res = await api<{ items: { id: string; name: string; communeName?: string | null }[] }>(
      '/api/organizations',
      { query: { q, pageSize: 8 }, signal },
    );
    return res.items.map(
      (o): ComboboxOption => ({
        value: o.id,
        text: o.name,
        render: (
          <>
            <span>{o.name}</span> <span className="combobox__level">{o.communeName ?? ''}</span>
          </>
        ),
      }),
    );
  }, []);
  const resolveOrganization = useCallback(
    async (id: string, signal: AbortSignal) =>
      id === contact.organizationId && contact.directoryName
        ? { value: id, text: contact.directoryName }
        : api<{ id: string; name: string }>(`/api/organizations/${encodeURIComponent(id)}`, { signal }).then(
            (o) => ({ value: o.id, text: o.name }),
          ),
    [contact.organizationId, contact.directoryName],
  );
  async function submit(e: FormEvent) {
    e.preventDefault();
    errs.clear();
    setError(undefined);
    const v = (k: Text) => text[k].trim() || null;
    const body = {
      ...(fromRegister ? {} : { kind, name: text.name.trim(), role: v('role'), territoryCode: territory }),
      organizationName: v('organizationName'),
      email: v('email'),
      phone: v('phone'),
      notes: v('notes'),
      organizationId,
    };
    try {
      await api<Contact>(`/api/relation-contacts/${contact.id}`, { method: 'PATCH', body });
      setOpen(false);
      onSaved();
    } catch (err) {
      if (!errs.fromError(err)) setError(err);
    }
  }
  const field = (k: Text, type = 'text') => (
    <Field
      id={errs.idFor(k)}
      label={t(`relations.contactForm.${k}`)}
      type={type}
      value={text[k]}
      onChange={(e) => setText({ ...text, [k]: e.target.value })}
      error={errs.errors[k]}
      required={k === 'name'}
    />
  );
  return (
    <>
      {open ? (
        <form onSubmit={submit} noValidate className="relations-form">
          <FormErrorSummary form={errs} labelFor={labelsFrom(t, 'relations.contactForm.')} />
          <ErrorMessage error={error} />
          {fromRegister ? (
            <div className="relations-register" id="relations-register-note">
              <p>{t('relations.edit.registerNote')}</p>
              <dl>
                <dt>{t('relations.contactForm.kind')}</dt>
                <dd>{t(`relations.kind.${contact.kind}`)}</dd>
                <dt>{t('relations.contactForm.name')}</dt>
                <dd>{contact.name}</dd>
                <dt>{t('relations.contactForm.role')}</dt>
                <dd>{contact.role ?? '—'}</dd>
                <dt>{t('relations.contactForm.territoryCode')}</dt>
                <dd>{contact.territoryName ?? '—'}</dd>
              </dl>
            </div>
          ) : (
            <>
              <Field
                as="select"
                id={errs.idFor('kind')}
                label={t('relations.contactForm.kind')}
                value={kind}
                onChange={(e) => setKind(e.target.value)}
                error={errs.errors.kind}
              >
                {kinds.map((k) => (
                  <option key={k} value={k}>
                    {t(`relations.kind.${k}`)}
                  </option>
                ))}
              </Field>
              {field('name')}
              {field('role')}
              <TerritoryPicker
                id={errs.idFor('territoryCode')}
                label={t('relations.contactForm.territoryCode')}
                value={territory}
                onChange={setTerritory}
                error={errs.errors.territoryCode}
              />
            </>
          )}
          {field('organizationName')}
          {field('email', 'email')}
          {field('phone', 'tel')}
          <Combobox
            id={errs.idFor('organizationId')}
            label={t('relations.contactForm.organizationId')}
            hint={t('relations.edit.directoryHint')}
            value={organizationId}
            resolve={resolveOrganization}
            search={searchOrganizations}
            onChange={(id) => setOrganizationId(id)}
            noResult={t('relations.edit.directoryNone')}
            clearLabel={t('relations.form.clear')}
            error={errs.errors.organizationId}
          />
          <Field
            as="textarea"
            id={errs.idFor('notes')}
            label={t('relations.contactForm.notes')}
            value={text.notes}
            rows={4}
            onChange={(e) => setText({ ...text, notes: e.target.value })}
            error={errs.errors.notes}
          />
          <div className="relations-actions">
            <button type="submit" className="button">
              {t('relations.edit.submit')}
            </button>
            <button type="button" className="button button--secondary" onClick={() => setOpen(false)}>
              {t('relations.edit.cancel')}
            </button>
          </div>
        </form>
      ) : (
        <button type="button" className="button button--secondary" onClick={() => setOpen(true)}>
          {t('relations.edit.open')}
        </button>
      )}
    </>
  );
}
