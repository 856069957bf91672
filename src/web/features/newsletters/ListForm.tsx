import { type FormEvent, useState } from 'react';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { Field } from '../../components/Field.tsx';
import { FormErrorSummary, labelsFrom, useFormErrors } from '../../components/FormErrorSummary.tsx';
import { api } from '../../lib/api.ts';
import { useLocale } from '../../lib/i18n.tsx';
import type { NewsletterList } from './types.ts';

/** Create a list of the network (`networkId`) or edit one (`list`). */
export function ListForm({
  networkId,
  list,
  onSaved,
}: {
  networkId: string;
  list?: NewsletterList;
  onSaved: (saved: NewsletterList) => void;
}) {
  const { t } = useLocale();
  const errs = useFormErrors(list ? 'list-edit' : 'list-new');
  const [form, setForm] = useState({
    name: list?.name ?? '',
    description: list?.description ?? '',
    visibility: list?.visibility ?? 'public',
    consentText: list?.consentText ?? '',
    senderName: list?.senderName ?? '',
    replyTo: list?.replyTo ?? '',
  });
  const [error, setError] = useState<unknown>();
  const set = (k: keyof typeof form) => (e: { target: { value: string } }) =>
    setForm({ ...form, [k]: e.target.value });
  async function submit(e: FormEvent) {
    e.preventDefault();
    errs.clear();
    setError(undefined);
    const body = {
      ...form,
      description: form.description.trim() || null,
      senderName: form.senderName.trim() || null,
      replyTo: form.replyTo.trim() || null,
    };
    try {
      const saved = await api<NewsletterList>(
        list ? `/api/newsletter-lists/${list.id}` : `/api/networks/${networkId}/newsletter-lists`,
        { method: list ? 'PATCH' : 'POST', body },
      );
      onSaved(saved);
      if (!list) setForm({ ...form, name: '', description: '' });
    } catch (err) {
      if (!errs.fromError(err)) setError(err);
    }
  }
  return (
    <form onSubmit={submit} noValidate className="newsletters-form">
      <FormErrorSummary form={errs} labelFor={labelsFrom(t, 'newsletters.form.')} />
      <ErrorMessage error={error} />
      <Field
        id={errs.idFor('name')}
        label={t('newsletters.form.name')}
        value={form.name}
        onChange={set('name')}
        error={errs.errors.name}
        required
      />
      <Field
        as="textarea"
        id={errs.idFor('description')}
        label={t('newsletters.form.description')}
        value={form.description}
        onChange={set('description')}
        error={errs.errors.description}
        rows={2}
      />
      <Field
        as="select"
        id={errs.idFor('visibility')}
        label={t('newsletters.form.visibility')}
        value={form.visibility}
        onChange={set('visibility')}
      >
        <option value="public">{t('newsletters.form.public')}</option>
        <option value="private">{t('newsletters.form.private')}</option>
      </Field>
      <Field
        as="textarea"
        id={errs.idFor('consentText')}
        label={t('newsletters.form.consentText')}
        hint={t('newsletters.form.consentHint')}
        value={form.consentText}
        onChange={set('consentText')}
        error={errs.errors.consentText}
        required
        rows={3}
      />
      <Field
        id={errs.idFor('senderName')}
        label={t('newsletters.form.senderName')}
        value={form.senderName}
        onChange={set('senderName')}
        error={errs.errors.senderName}
      />
      <Field
        id={errs.idFor('replyTo')}
        type="email"
        label={t('newsletters.form.replyTo')}
        value={form.replyTo}
        onChange={set('replyTo')}
        error={errs.errors.replyTo}
      />
      <button type="submit" className="button">
        {t('newsletters.form.submit')}
      </button>
    </form>
  );
}
