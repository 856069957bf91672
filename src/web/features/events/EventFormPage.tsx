import { useEffect, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { Field } from '../../components/Field.tsx';
import { FormErrorSummary, labelsFrom, useFormErrors } from '../../components/FormErrorSummary.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { api } from '../../lib/api.ts';
import { useLocale } from '../../lib/i18n.tsx';
import { useMe } from '../../lib/session.tsx';
import { useApi } from '../../lib/use-api.ts';
import { signInPath } from '../accounts/redirect.ts';
import { EditConfirm, type EditPreview, touchesRegistrations } from './EditConfirm.tsx';
import { emptyForm as empty, type Form, formFromEvent, toBody } from './event-form.ts';
import { effectiveNetworkId, OrganizerFields } from './OrganizerFields.tsx';
import { PlaceFields } from './PlaceFields.tsx';
import { RecurrenceFields } from './RecurrenceFields.tsx';
import { fromRule, type Recurrence, toRule } from './recurrence.ts';
import { useEventsReference } from './reference.ts';
import type { Campaign, EventDetail, EventsReference, PublishingNetwork } from './types.ts';
import './events.css';

const noOrganizers: { id: string; name: string }[] = [];
type Then = 'submit' | 'publish' | null;

/** Propose (/agenda/proposer) or edit (/agenda/evenements/:id/modifier) an event, with inline errors. */
export function EventFormPage() {
  const { id } = useParams();
  const { t, locale } = useLocale();
  const navigate = useNavigate();
  const me = useMe();
  const { reference } = useEventsReference();
  const { data: campaigns } = useApi<{ items: Campaign[] }>('/api/campaigns');
  const { data: existing } = useApi<EventDetail>(id ? `/api/events/${id}` : null);
  const { data: publishingData } = useApi<{ networks: PublishingNetwork[] }>(
    me.account ? '/api/events/publishing' : null,
  );
  const publishing = publishingData?.networks;
  const [form, setForm] = useState<Form>(empty);
  const [recurrence, setRecurrence] = useState<Recurrence>({ kind: 'none' });
  const formErrors = useFormErrors('event');
  const fields = formErrors.errors;
  const [error, setError] = useState<unknown>();
  const [image, setImage] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [confirming, setConfirming] = useState<{ preview: EditPreview; then: Then } | null>(null);

  useEffect(() => {
    if (!existing) return;
    const next = formFromEvent(existing);
    setForm(next);
    setRecurrence(fromRule(next.recurrenceRule as string, next.recurrenceExceptions as string[]));
  }, [existing]);
  useEffect(() => {
    if (id || !me.loaded || !publishing || !campaigns) return;
    const mine = new Set(publishing.map((n) => n.id));
    const coordinated = new Set(publishing.filter((n) => n.asCoordinator).map((n) => n.id));
    const open = campaigns.items.filter((c) => c.callIsOpen);
    setForm((f) => {
      // An open campaign of a network one publishes in (any open campaign for an editor outside any network).
      const campaignId =
        f.campaignId ||
        (open.find((c) => mine.has(c.networkId)) ?? (mine.size ? undefined : open[0]))?.id ||
        '';
      const networkId = f.networkId || (publishing[0]?.id ?? '');
      const target = effectiveNetworkId({ ...f, campaignId, networkId }, campaigns.items);
      return {
        ...f,
        campaignId,
        networkId,
        // A coordinator starts with the network as organiser; an editor with their (first) organisation.
        organizerOrganizationIds:
          (f.organizerOrganizationIds as string[]).length || coordinated.has(target)
            ? f.organizerOrganizationIds
            : me.organizations.slice(0, 1).map((o) => o.id),
      };
    });
  }, [id, me.loaded, me.organizations, publishing, campaigns]);

  if (me.loaded && !me.account) {
    return (
      <div className="page">
        <PageTitle>{t('events.form.newTitle')}</PageTitle>
        <p>
          <Link to={signInPath('/agenda/proposer')}>{t('events.form.signIn')}</Link>
        </p>
      </div>
    );
  }
  const set = (k: string) => (e: { target: { value: string } }) =>
    setForm((f) => ({ ...f, [k]: e.target.value }));
  /** A field bound to `form[name]`: its label, value, change handler and the server's error for it. */
  const bound = (name: string) => ({
    label: t(`events.form.${name}`),
    id: formErrors.idFor(name),
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
    <fieldset
      id={formErrors.idFor(k)}
      className={`agenda-filters__group${fields[k] ? ' field--invalid' : ''}`}
    >
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

  /**
   * Saves the form. An edit that would move or cancel registrations is first shown for confirmation (what the
   * server says it would do), then saved with `confirmed`.
   */
  async function save(e: { preventDefault: () => void }, then: Then, confirmed = false) {
    e.preventDefault();
    formErrors.clear();
    setError(undefined);
    setBusy(true);
    const { rule, exceptions } = toRule(recurrence);
    const filled = { ...form, recurrenceRule: rule ?? '', recurrenceExceptions: exceptions };
    try {
      if (id && !confirmed) {
        const preview = await api<EditPreview>(`/api/events/${id}/edit-preview`, {
          method: 'POST',
          body: toBody(filled, false),
        });
        if (touchesRegistrations(preview)) {
          setConfirming({ preview, then });
          return;
        }
      }
      setConfirming(null);
      const saved = id
        ? await api<EventDetail>(`/api/events/${id}`, { method: 'PATCH', body: toBody(filled, false) })
        : await api<EventDetail>('/api/events', { method: 'POST', body: toBody(filled, true) });
      if (image) await api(`/api/events/${saved.id}/image`, { method: 'PUT', body: image });
      if (then) await api(`/api/events/${saved.id}/${then}`, { method: 'POST', body: {} });
      navigate(`/agenda/evenements/${saved.id}`);
    } catch (err) {
      setConfirming(null);
      if (!formErrors.fromError(err)) setError(err);
    } finally {
      setBusy(false);
    }
  }
  const eventLabel = labelsFrom(t, 'events.form.', {
    campaignId: 'campaign',
    networkId: 'network',
    organizerOrganizationIds: 'organization',
    recurrenceRule: 'recurrence',
    communeCode: 'commune',
    themes: 'events.filters.themes',
    audiences: 'events.filters.audiences',
    accessibility: 'events.filters.accessibility',
  });
  const canSubmit = !id || existing?.status === 'draft' || existing?.status === 'changes_requested';
  const networkId = effectiveNetworkId(form, campaigns?.items ?? [], existing?.networkId);
  const coordinator = Boolean(publishing?.find((n) => n.id === networkId)?.asCoordinator);
  return (
    <div className="page event-form">
      <PageTitle>{id ? t('events.form.editTitle') : t('events.form.newTitle')}</PageTitle>
      {me.loaded && publishing?.length === 0 && me.organizations.length === 0 && !id ? (
        <p className="alert alert--info">{t('events.form.noOrganization')}</p>
      ) : null}
      <FormErrorSummary form={formErrors} labelFor={eventLabel} />
      {error ? <ErrorMessage error={error} /> : null}
      <form onSubmit={(e) => save(e, null)} noValidate>
        <OrganizerFields
          form={form}
          setForm={setForm}
          creating={!id}
          campaigns={campaigns?.items ?? []}
          publishing={publishing ?? []}
          myOrganizations={me.organizations}
          known={existing?.organizers ?? noOrganizers}
          networkId={existing?.networkId}
          errors={fields}
          idFor={formErrors.idFor}
        />
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
        <RecurrenceFields
          value={recurrence}
          onChange={setRecurrence}
          start={form.start as string}
          error={fields.recurrenceRule ?? fields.recurrenceExceptions}
          idFor={formErrors.idFor}
        />
        <Field {...bound('venueName')} />
        <PlaceFields form={form} setForm={setForm} errors={fields} idFor={formErrors.idFor} bound={bound} />
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
        {form.registrationMode === 'maillage' ? (
          <div className="field">
            <label className="checkbox">
              <input
                type="checkbox"
                name="membersOnly"
                aria-describedby="members-only-hint"
                checked={form.membersOnly === true}
                onChange={(e) => setForm((f) => ({ ...f, membersOnly: e.target.checked }))}
              />{' '}
              {t('events.form.membersOnly')}
            </label>
            <p id="members-only-hint" className="field__hint">
              {t('events.form.membersOnlyHint')}
            </p>
          </div>
        ) : null}
        {form.registrationMode === 'external' ? <Field type="url" {...bound('registrationUrl')} /> : null}
        <Field {...bound('contactName')} />
        <Field type="email" {...bound('contactEmail')} />
        <Field {...bound('contactPhone')} />
        <Field
          label={t('events.form.image')}
          id={formErrors.idFor('image')}
          name="image"
          type="file"
          accept="image/jpeg,image/png,image/webp"
          onChange={(e) => setImage((e.target as HTMLInputElement).files?.[0] ?? null)}
          error={fields.image}
        />
        {confirming ? (
          <EditConfirm
            preview={confirming.preview}
            busy={busy}
            onConfirm={() => save({ preventDefault: () => {} }, confirming.then, true)}
            onBack={() => setConfirming(null)}
          />
        ) : null}
        <div className="actions" hidden={confirming !== null}>
          <button type="submit" className="button button--secondary" disabled={busy}>
            {coordinator && !id ? t('events.compose.saveDraft') : t('events.form.save')}
          </button>
          {coordinator && canSubmit ? (
            // A coordinator's own event needs no moderation: the network's coordinators publish it.
            <button type="button" className="button" disabled={busy} onClick={(e) => save(e, 'publish')}>
              {t('events.compose.publish')}
            </button>
          ) : canSubmit ? (
            <button type="button" className="button" disabled={busy} onClick={(e) => save(e, 'submit')}>
              {t('events.form.saveAndSubmit')}
            </button>
          ) : null}
        </div>
      </form>
    </div>
  );
}
