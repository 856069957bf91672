import { type FormEvent, useEffect, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { Field } from '../../components/Field.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { TerritoryPicker } from '../../components/TerritoryPicker.tsx';
import { ApiError, api } from '../../lib/api.ts';
import { useLocale } from '../../lib/i18n.tsx';
import { useMe } from '../../lib/session.tsx';
import { useApi } from '../../lib/use-api.ts';
import { emptyForm as empty, type Form, formFromEvent, toBody } from './event-form.ts';
import { useEventsReference } from './reference.ts';
import type { Campaign, EventDetail, EventsReference } from './types.ts';
import './events.css';

/** Propose (/agenda/proposer) or edit (/agenda/evenements/:id/modifier) an event, with inline errors. */
export function EventFormPage() {
  const { id } = useParams();
  const { t, locale } = useLocale();
  const navigate = useNavigate();
  const me = useMe();
  const { reference } = useEventsReference();
  const { data: campaigns } = useApi<{ items: Campaign[] }>('/api/campaigns');
  const { data: existing } = useApi<EventDetail>(id ? `/api/events/${id}` : null);
  const [form, setForm] = useState<Form>(empty);
  const [fields, setFields] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>();
  const [image, setImage] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!existing) return;
    const next = formFromEvent(existing);
    setForm(next);
  }, [existing]);
  useEffect(() => {
    if (id || !me.loaded) return;
    setForm((f) => ({
      ...f,
      organizerOrganizationIds: (f.organizerOrganizationIds as string[]).length
        ? f.organizerOrganizationIds
        : me.organizations.slice(0, 1).map((o) => o.id),
      campaignId: f.campaignId || (campaigns?.items.find((c) => c.callIsOpen)?.id ?? ''),
      networkId: f.networkId || (me.networks[0]?.id ?? ''),
    }));
  }, [id, me.loaded, me.organizations, me.networks, campaigns]);

  if (me.loaded && !me.account) {
    return (
      <div className="page">
        <PageTitle>{t('events.form.newTitle')}</PageTitle>
        <p>
          <Link to={`/connexion?next=${encodeURIComponent('/agenda/proposer')}`}>
            {t('events.form.signIn')}
          </Link>
        </p>
      </div>
    );
  }
  const set = (k: string) => (e: { target: { value: string } }) =>
    setForm((f) => ({ ...f, [k]: e.target.value }));
  /** A field bound to `form[name]`: its label, value, change handler and the server's error for it. */
  const bound = (name: string) => ({
    label: t(`events.form.${name}`),
    name,
    value: form[name] as string,
    onChange: set(name),
    error: fields[name],
  });
  const toggle = (k: string, code: string) =>
    setForm((f) => {
      const list = f[k] as string[];
      return { ...f, [k]: list.includes(code) ? list.filter((c) => c !== code) : [...list, code] };
    });
  const checks = (k: string, kind: keyof EventsReference, title: string) => (
    <fieldset className={`agenda-filters__group${fields[k] ? ' field--invalid' : ''}`}>
      <legend>{title}</legend>
      {reference?.[kind].map((x) => (
        <label key={x.code} className="checkbox">
          <input
            type="checkbox"
            name={k}
            value={x.code}
            checked={(form[k] as string[]).includes(x.code)}
            onChange={() => toggle(k, x.code)}
          />{' '}
          {x.label[locale]}
        </label>
      ))}
      {fields[k] ? <p className="field__error">{fields[k]}</p> : null}
    </fieldset>
  );

  async function save(e: FormEvent, andSubmit: boolean) {
    e.preventDefault();
    setFields({});
    setError(undefined);
    setBusy(true);
    try {
      const saved = id
        ? await api<EventDetail>(`/api/events/${id}`, { method: 'PATCH', body: toBody(form, false) })
        : await api<EventDetail>('/api/events', { method: 'POST', body: toBody(form, true) });
      if (image) await api(`/api/events/${saved.id}/image`, { method: 'PUT', body: image });
      if (andSubmit) await api(`/api/events/${saved.id}/submit`, { method: 'POST', body: {} });
      navigate(`/agenda/evenements/${saved.id}`);
    } catch (err) {
      if (err instanceof ApiError && err.fields) setFields(err.fields);
      setError(err);
    } finally {
      setBusy(false);
    }
  }
  const canSubmit = !id || existing?.status === 'draft' || existing?.status === 'changes_requested';
  return (
    <div className="page event-form">
      <PageTitle>{id ? t('events.form.editTitle') : t('events.form.newTitle')}</PageTitle>
      {me.loaded && me.organizations.length === 0 && !id ? (
        <p className="alert alert--info">{t('events.form.noOrganization')}</p>
      ) : null}
      {error ? <ErrorMessage error={error} /> : null}
      <form onSubmit={(e) => save(e, false)} noValidate>
        {id ? null : (
          <Field
            as="select"
            label={t('events.form.campaign')}
            name="campaignId"
            value={form.campaignId as string}
            onChange={set('campaignId')}
            error={fields.campaignId}
          >
            <option value="">{t('events.form.noCampaign')}</option>
            {campaigns?.items.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </Field>
        )}
        {!id && !form.campaignId ? (
          <Field
            as="select"
            label={t('events.form.network')}
            name="networkId"
            value={form.networkId as string}
            onChange={set('networkId')}
            error={fields.networkId}
          >
            {me.networks.map((n) => (
              <option key={n.id} value={n.id}>
                {n.name}
              </option>
            ))}
          </Field>
        ) : null}
        <Field
          as="select"
          label={t('events.form.organization')}
          name="organization"
          value={(form.organizerOrganizationIds as string[])[0] ?? ''}
          onChange={(e) =>
            setForm((f) => ({ ...f, organizerOrganizationIds: e.target.value ? [e.target.value] : [] }))
          }
          error={fields.organizerOrganizationIds}
          required
        >
          <option value="" />
          {me.organizations.map((o) => (
            <option key={o.id} value={o.id}>
              {o.name}
            </option>
          ))}
          {existing?.organizers
            .filter((o) => !me.organizations.some((m) => m.id === o.id))
            .map((o) => (
              <option key={o.id} value={o.id}>
                {o.name}
              </option>
            ))}
        </Field>
        <Field required {...bound('title')} />
        <Field {...bound('summary')} />
        <Field as="textarea" rows={6} {...bound('description')} />
        <Field as="select" required {...bound('format')}>
          {reference?.formats.map((x) => (
            <option key={x.code} value={x.code}>
              {x.label[locale]}
            </option>
          ))}
        </Field>
        {checks('themes', 'themes', t('events.filters.themes'))}
        {checks('audiences', 'audiences', t('events.filters.audiences'))}
        <div className="agenda-filters__row">
          <Field type="datetime-local" required {...bound('start')} />
          <Field type="datetime-local" required {...bound('end')} />
        </div>
        <Field
          label={t('events.form.recurrence')}
          hint={t('events.form.recurrenceHint')}
          name="recurrenceRule"
          value={form.recurrenceRule as string}
          onChange={set('recurrenceRule')}
          error={fields.recurrenceRule}
        />
        <Field {...bound('venueName')} />
        <Field {...bound('venueAddress')} />
        <Field {...bound('postalCode')} />
        <TerritoryPicker
          label={t('events.form.commune')}
          name="communeCode"
          levels={['commune']}
          value={form.communeCode ? `com:${String(form.communeCode).replace('com:', '')}` : null}
          onChange={(code) => setForm((f) => ({ ...f, communeCode: code ? code.replace('com:', '') : '' }))}
          error={fields.communeCode}
        />
        <div className="agenda-filters__row">
          <Field inputMode="decimal" {...bound('latitude')} />
          <Field inputMode="decimal" {...bound('longitude')} />
        </div>
        <Field type="url" {...bound('onlineUrl')} />
        {checks('accessibility', 'accessibility', t('events.filters.accessibility'))}
        <label className="checkbox">
          <input
            type="checkbox"
            name="isFree"
            checked={form.isFree as boolean}
            onChange={(e) => setForm((f) => ({ ...f, isFree: e.target.checked }))}
          />{' '}
          {t('events.form.isFree')}
        </label>
        {form.isFree ? null : <Field {...bound('priceText')} />}
        <Field as="select" {...bound('registrationMode')}>
          {(['none', 'maillage', 'external'] as const).map((m) => (
            <option key={m} value={m}>
              {t(`events.form.modes.${m}`)}
            </option>
          ))}
        </Field>
        {form.registrationMode === 'maillage' ? <Field inputMode="numeric" {...bound('capacity')} /> : null}
        {form.registrationMode === 'external' ? <Field type="url" {...bound('registrationUrl')} /> : null}
        <Field {...bound('contactName')} />
        <Field type="email" {...bound('contactEmail')} />
        <Field {...bound('contactPhone')} />
        <Field
          label={t('events.form.image')}
          name="image"
          type="file"
          accept="image/jpeg,image/png,image/webp"
          onChange={(e) => setImage((e.target as HTMLInputElement).files?.[0] ?? null)}
          error={fields.image}
        />
        <div className="actions">
          <button type="submit" className="button button--secondary" disabled={busy}>
            {t('events.form.save')}
          </button>
          {canSubmit ? (
            <button type="button" className="button" disabled={busy} onClick={(e) => save(e, true)}>
              {t('events.form.saveAndSubmit')}
            </button>
          ) : null}
        </div>
      </form>
    </div>
  );
}
