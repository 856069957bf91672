import { type FormEvent, useState } from 'react';
import { Combobox, type ComboboxOption } from '../../components/Combobox.tsx';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { Field } from '../../components/Field.tsx';
import { FormErrorSummary, useFormErrors } from '../../components/FormErrorSummary.tsx';
import { ApiError, api } from '../../lib/api.ts';
import { useLocale } from '../../lib/i18n.tsx';
import {
  type Audience,
  audiences,
  type DirectoryField,
  directoryFields,
  type MemberDetail,
} from './types.ts';

// What a member keeps itself on its record (its coordinators may do it on its behalf): who sees what in the
// members' directory, and its named contacts. And, for coordinators, merging a duplicate record into this one.

type Done = (message: string) => void;

/** One choice per field of the directory: the public, the network's members, or its staff only. */
export function VisibilityForm({ member, onDone }: { member: MemberDetail; onDone: Done }) {
  const { t } = useLocale();
  const [choices, setChoices] = useState(member.visibility);
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(undefined);
    setBusy(true);
    try {
      await api(`/api/members/${member.id}/visibility`, { method: 'PUT', body: choices });
      onDone(t('memberships.record.visibilitySaved'));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }
  return (
    <form className="form-narrow" onSubmit={submit} noValidate aria-labelledby="visibility-title">
      <h2 id="visibility-title">{t('memberships.record.visibilityTitle')}</h2>
      <p>{t('memberships.record.visibilityIntro')}</p>
      <ErrorMessage error={error} />
      {directoryFields.map((field: DirectoryField) => (
        <fieldset key={field} className="choice-group">
          <legend>{t(`memberships.record.field.${field}`)}</legend>
          {audiences.map((a: Audience) => (
            <label key={a} className="choice">
              <input
                type="radio"
                name={`visibility-${field}`}
                value={a}
                checked={choices[field] === a}
                onChange={() => setChoices({ ...choices, [field]: a })}
              />{' '}
              {t(`memberships.record.audience.${a}`)}
            </label>
          ))}
        </fieldset>
      ))}
      <p className="muted">{t('memberships.record.visibilityNarrowest')}</p>
      <button type="submit" className="button" disabled={busy}>
        {t('memberships.record.visibilitySubmit')}
      </button>
    </form>
  );
}

type ContactRow = {
  key: number;
  name: string;
  role: string;
  email: string;
  phone: string;
  accountId: string | null;
};
const roles = ['main', 'billing', 'other'];

/** The member's named contacts: edit, add, remove; saved together. */
export function ContactsForm({ member, onDone }: { member: MemberDetail; onDone: Done }) {
  const { t } = useLocale();
  const errs = useFormErrors('contacts');
  const [rows, setRows] = useState<ContactRow[]>(() =>
    member.contacts.map((c, i) => ({
      key: i,
      name: c.name,
      role: c.role,
      email: c.email ?? '',
      phone: c.phone ?? '',
      accountId: c.accountId,
    })),
  );
  const [nextKey, setNextKey] = useState(member.contacts.length);
  const [error, setError] = useState<unknown>();
  const set = (key: number, patch: Partial<ContactRow>) =>
    setRows(rows.map((r) => (r.key === key ? { ...r, ...patch } : r)));
  async function submit(e: FormEvent) {
    e.preventDefault();
    errs.clear();
    setError(undefined);
    try {
      await api(`/api/members/${member.id}/contacts`, {
        method: 'PUT',
        body: {
          contacts: rows.map((r) => ({
            name: r.name,
            role: r.role,
            email: r.email.trim() || null,
            phone: r.phone.trim() || null,
            accountId: r.accountId,
          })),
        },
      });
      onDone(t('memberships.record.contactsSaved'));
    } catch (err) {
      if (!errs.fromError(err)) setError(err);
    }
  }
  return (
    <form className="form-narrow" onSubmit={submit} noValidate aria-labelledby="contacts-title">
      <h2 id="contacts-title">{t('memberships.member.contacts')}</h2>
      <FormErrorSummary form={errs} labelFor={(key) => labelOf(key, t)} />
      <ErrorMessage error={error} />
      {rows.length === 0 ? <p>{t('memberships.record.noContact')}</p> : null}
      {rows.map((r, i) => (
        <fieldset key={r.key} className="contact-row">
          <legend>{t('memberships.record.contactN', { n: String(i + 1) })}</legend>
          <Field
            label={t('memberships.record.contactName')}
            id={errs.idFor(`contacts.${i}.name`)}
            value={r.name}
            onChange={(e) => set(r.key, { name: e.target.value })}
            error={errs.errors[`contacts.${i}.name`]}
            required
          />
          <Field
            as="select"
            label={t('memberships.record.contactRole')}
            id={errs.idFor(`contacts.${i}.role`)}
            value={r.role}
            onChange={(e) => set(r.key, { role: e.target.value })}
            error={errs.errors[`contacts.${i}.role`]}
          >
            {roles.map((role) => (
              <option key={role} value={role}>
                {t(`memberships.member.role.${role}`)}
              </option>
            ))}
          </Field>
          <Field
            label={t('memberships.record.contactEmail')}
            type="email"
            id={errs.idFor(`contacts.${i}.email`)}
            value={r.email}
            onChange={(e) => set(r.key, { email: e.target.value })}
            error={errs.errors[`contacts.${i}.email`]}
          />
          <Field
            label={t('memberships.record.contactPhone')}
            type="tel"
            id={errs.idFor(`contacts.${i}.phone`)}
            value={r.phone}
            onChange={(e) => set(r.key, { phone: e.target.value })}
            error={errs.errors[`contacts.${i}.phone`]}
          />
          <button
            type="button"
            className="button button--small button--secondary"
            onClick={() => setRows(rows.filter((x) => x.key !== r.key))}
          >
            {t('memberships.record.removeContact', { name: r.name || String(i + 1) })}
          </button>
        </fieldset>
      ))}
      <div className="actions">
        <button
          type="button"
          className="button button--secondary"
          onClick={() => {
            setRows([
              ...rows,
              { key: nextKey, name: '', role: 'other', email: '', phone: '', accountId: null },
            ]);
            setNextKey(nextKey + 1);
          }}
        >
          {t('memberships.record.addContact')}
        </button>
        <button type="submit" className="button">
          {t('memberships.record.contactsSubmit')}
        </button>
      </div>
    </form>
  );
}

/** "Contact 2 : Adresse e-mail" for `contacts.1.email`, as the form shows it. */
function labelOf(key: string, t: (key: string, vars?: Record<string, string>) => string) {
  const m = /^contacts\.(\d+)\.(name|role|email|phone)$/.exec(key);
  if (!m) return key === 'contacts' ? t('memberships.member.contacts') : undefined;
  const field = { name: 'contactName', role: 'contactRole', email: 'contactEmail', phone: 'contactPhone' }[
    m[2]
  ];
  return t('memberships.record.labelOf', {
    n: String(Number(m[1]) + 1),
    field: t(`memberships.record.${field}`),
  });
}

/** Coordinators: choose the duplicate record of the same member and merge it into this one. */
export function MergeForm({ member, onDone }: { member: MemberDetail; onDone: Done }) {
  const { t } = useLocale();
  const [chosen, setChosen] = useState<ComboboxOption | null>(null);
  const [fieldError, setFieldError] = useState('');
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const search = async (q: string, signal: AbortSignal): Promise<ComboboxOption[]> => {
    const res = await api<{ items: { id: string; name: string; siret: string | null }[] }>(
      `/api/networks/${member.networkId}/memberships`,
      { query: { q, pageSize: '10' }, signal },
    );
    return res.items
      .filter((m) => m.id !== member.id)
      .map((m) => ({ value: m.id, text: m.siret ? `${m.name} (SIRET ${m.siret})` : m.name }));
  };
  async function submit(e: FormEvent) {
    e.preventDefault();
    setFieldError('');
    setError(undefined);
    if (!chosen) {
      setFieldError(t('memberships.record.mergeChooseFirst'));
      return;
    }
    if (!window.confirm(t('memberships.record.mergeConfirm', { name: chosen.text }))) return;
    setBusy(true);
    try {
      const out = await api<{ duplicateName: string }>(`/api/members/${member.id}/merge`, {
        body: { duplicateId: chosen.value },
      });
      setChosen(null);
      onDone(t('memberships.record.merged', { name: out.duplicateName }));
    } catch (err) {
      if (err instanceof ApiError && err.status === 400) setFieldError(err.fields.duplicateId ?? err.message);
      else setError(err);
    } finally {
      setBusy(false);
    }
  }
  return (
    <form className="form-narrow" onSubmit={submit} noValidate aria-labelledby="merge-title">
      <h2 id="merge-title">{t('memberships.record.mergeTitle')}</h2>
      <p>{t('memberships.record.mergeIntro')}</p>
      <ErrorMessage error={error} />
      <Combobox
        label={t('memberships.record.mergeWith')}
        value={chosen?.value ?? null}
        search={search}
        onChange={(_v, option) => {
          setChosen(option);
          setFieldError('');
        }}
        noResult={t('memberships.record.mergeNoResult')}
        clearLabel={t('memberships.record.mergeClear')}
        error={fieldError || undefined}
      />
      <button type="submit" className="button button--secondary" disabled={busy}>
        {t('memberships.record.mergeSubmit')}
      </button>
    </form>
  );
}

/** Coordinators: the member's sponsor ("parrain"), a current member of the network, or none. */
export function SponsorForm({ member, onDone }: { member: MemberDetail; onDone: Done }) {
  const { t } = useLocale();
  const [chosen, setChosen] = useState<ComboboxOption | null>(null);
  const [fieldError, setFieldError] = useState('');
  const [error, setError] = useState<unknown>();
  const search = async (q: string, signal: AbortSignal): Promise<ComboboxOption[]> => {
    const res = await api<{ items: { id: string; name: string }[] }>(
      `/api/networks/${member.networkId}/memberships`,
      {
        query: { q, status: 'active', pageSize: '10' },
        signal,
      },
    );
    return res.items.filter((m) => m.id !== member.id).map((m) => ({ value: m.id, text: m.name }));
  };
  async function save(sponsorId: string | null) {
    setFieldError('');
    setError(undefined);
    try {
      await api(`/api/members/${member.id}/sponsor`, { method: 'PUT', body: { sponsorId } });
      setChosen(null);
      onDone(t(sponsorId ? 'memberships.sponsor.saved' : 'memberships.sponsor.removed'));
    } catch (err) {
      if (err instanceof ApiError && err.status === 400) setFieldError(err.fields.sponsorId ?? err.message);
      else setError(err);
    }
  }
  return (
    <form
      className="form-narrow"
      noValidate
      aria-labelledby="sponsor-title"
      onSubmit={(e) => {
        e.preventDefault();
        if (chosen) void save(chosen.value);
        else setFieldError(t('memberships.sponsor.choose'));
      }}
    >
      <h2 id="sponsor-title">{t('memberships.sponsor.title')}</h2>
      <p>{t('memberships.sponsor.intro')}</p>
      <p>
        {member.sponsor
          ? t('memberships.sponsor.current', { name: member.sponsor.name })
          : t('memberships.sponsor.none')}
      </p>
      <ErrorMessage error={error} />
      <Combobox
        label={t('memberships.sponsor.choose')}
        value={chosen?.value ?? null}
        search={search}
        onChange={(_v, option) => {
          setChosen(option);
          setFieldError('');
        }}
        noResult={t('memberships.sponsor.noResult')}
        clearLabel={t('memberships.sponsor.clear')}
        error={fieldError || undefined}
      />
      <div className="actions">
        <button type="submit" className="button button--secondary">
          {t('memberships.sponsor.submit')}
        </button>
        {member.sponsor ? (
          <button type="button" className="button button--secondary" onClick={() => void save(null)}>
            {t('memberships.sponsor.remove')}
          </button>
        ) : null}
      </div>
    </form>
  );
}
