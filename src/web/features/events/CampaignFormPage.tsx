import { type FormEvent, useEffect, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { Field } from '../../components/Field.tsx';
import { FormErrorSummary, labelsFrom, useFormErrors } from '../../components/FormErrorSummary.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { TerritoryPicker } from '../../components/TerritoryPicker.tsx';
import { ApiError, api } from '../../lib/api.ts';
import { useLocale } from '../../lib/i18n.tsx';
import { useMe } from '../../lib/session.tsx';
import { useApi } from '../../lib/use-api.ts';
import { signInPath } from '../accounts/redirect.ts';
import {
  type CampaignForm,
  campaignBody,
  campaignStatuses,
  emptyCampaignForm,
  formFromCampaign,
  slugify,
} from './campaign-form.ts';
import { useEventsReference } from './reference.ts';
import type { Campaign } from './types.ts';
import './events.css';

/**
 * Create (/agenda/campagnes/nouvelle) or edit (/agenda/campagnes/:slug/modifier) a campaign: the coordinators of
 * its network (every network for a platform admin). Server errors are shown inline, field by field.
 */
export function CampaignFormPage() {
  const { slug } = useParams();
  const editing = Boolean(slug);
  const { t, locale } = useLocale();
  const navigate = useNavigate();
  const me = useMe();
  const { reference } = useEventsReference();
  const isAdmin = Boolean(me.account?.isPlatformAdmin);
  const { data: allNetworks } = useApi<{ items: { id: string; name: string }[] }>(
    isAdmin && !editing ? '/api/networks' : null,
  );
  const { data: existing, error: loadError } = useApi<Campaign>(
    slug ? `/api/campaigns/${encodeURIComponent(slug)}` : null,
  );
  const [form, setForm] = useState<CampaignForm>(emptyCampaignForm);
  const [slugTouched, setSlugTouched] = useState(false);
  const formErrors = useFormErrors('campaign');
  const fields = formErrors.errors;
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);

  const networks = isAdmin ? (allNetworks?.items ?? []) : me.networks.filter((n) => n.role === 'coordinator');
  useEffect(() => {
    if (existing) setForm(formFromCampaign(existing));
  }, [existing]);
  useEffect(() => {
    if (editing || form.networkId || !networks[0]) return;
    setForm((f) => ({ ...f, networkId: networks[0].id }));
  }, [editing, form.networkId, networks]);

  const title = editing ? t('events.campaignForm.editTitle') : t('events.campaignForm.newTitle');
  if (me.loaded && !me.account) {
    const here = editing ? `/agenda/campagnes/${slug}/modifier` : '/agenda/campagnes/nouvelle';
    return (
      <div className="page">
        <PageTitle>{title}</PageTitle>
        <p>
          <Link to={signInPath(here)}>{t('events.campaignForm.signIn')}</Link>
        </p>
      </div>
    );
  }
  if (loadError) return <ErrorMessage error={loadError} />;
  if (!me.loaded || (editing && !existing)) return <p className="page">{t('common.loading')}</p>;
  if (!editing && !isAdmin && networks.length === 0) {
    return (
      <div className="page">
        <PageTitle>{title}</PageTitle>
        <p className="alert alert--info">{t('events.campaignForm.notCoordinator')}</p>
      </div>
    );
  }

  const set = (k: keyof CampaignForm) => (e: { target: { value: string } }) =>
    setForm((f) => ({ ...f, [k]: e.target.value }));
  const setName = (e: { target: { value: string } }) => {
    const name = e.target.value;
    setForm((f) => ({ ...f, name, slug: editing || slugTouched ? f.slug : slugify(name) }));
  };
  const toggleTheme = (code: string) =>
    setForm((f) => ({
      ...f,
      themes: f.themes.includes(code) ? f.themes.filter((c) => c !== code) : [...f.themes, code],
    }));

  async function save(e: FormEvent) {
    e.preventDefault();
    formErrors.clear();
    setError(undefined);
    setBusy(true);
    try {
      const saved = existing
        ? await api<Campaign>(`/api/campaigns/${existing.id}`, {
            method: 'PATCH',
            body: campaignBody(form, false),
          })
        : await api<Campaign>('/api/campaigns', { method: 'POST', body: campaignBody(form, true) });
      navigate(`/agenda/campagnes/${saved.slug}`);
    } catch (err) {
      if (err instanceof ApiError && err.code === 'CONFLICT')
        formErrors.show({ slug: t('events.campaignForm.slugTaken') });
      else if (!formErrors.fromError(err)) setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="page event-form">
      <PageTitle>{editing && existing ? `${title} — ${existing.name}` : title}</PageTitle>
      <FormErrorSummary form={formErrors} labelFor={labelsFrom(t, 'events.campaignForm.')} />
      {error ? <ErrorMessage error={error} /> : null}
      <form onSubmit={save} noValidate>
        {editing ? (
          <p>{t('events.campaignForm.networkFixed', { name: existing?.network?.name ?? '' })}</p>
        ) : (
          <Field
            as="select"
            label={t('events.campaignForm.network')}
            id={formErrors.idFor('networkId')}
            name="networkId"
            value={form.networkId}
            onChange={set('networkId')}
            error={fields.networkId}
            required
          >
            {networks.map((n) => (
              <option key={n.id} value={n.id}>
                {n.name}
              </option>
            ))}
          </Field>
        )}
        <Field
          label={t('events.campaignForm.name')}
          hint={t('events.campaignForm.nameHint')}
          id={formErrors.idFor('name')}
          name="name"
          value={form.name}
          onChange={setName}
          error={fields.name}
          required
        />
        <Field
          label={t('events.campaignForm.slug')}
          hint={t('events.campaignForm.slugHint')}
          id={formErrors.idFor('slug')}
          name="slug"
          value={form.slug}
          onChange={(e) => {
            setSlugTouched(true);
            set('slug')(e);
          }}
          error={fields.slug}
          required
        />
        <Field
          as="textarea"
          rows={6}
          label={t('events.campaignForm.description')}
          id={formErrors.idFor('description')}
          name="description"
          value={form.description}
          onChange={set('description')}
          error={fields.description}
        />
        <TerritoryPicker
          label={t('events.campaignForm.territory')}
          id={formErrors.idFor('territory')}
          name="territory"
          levels={['country', 'region', 'department', 'epci']}
          value={form.territory || null}
          onChange={(code) => setForm((f) => ({ ...f, territory: code ?? '' }))}
          error={fields.territory}
        />
        <div className="agenda-filters__row">
          <Field
            label={t('events.campaignForm.startsOn')}
            id={formErrors.idFor('startsOn')}
            name="startsOn"
            type="date"
            value={form.startsOn}
            onChange={set('startsOn')}
            error={fields.startsOn}
            required
          />
          <Field
            label={t('events.campaignForm.endsOn')}
            id={formErrors.idFor('endsOn')}
            name="endsOn"
            type="date"
            value={form.endsOn}
            onChange={set('endsOn')}
            error={fields.endsOn}
            required
          />
        </div>
        <fieldset
          id={formErrors.idFor('themes')}
          className={`agenda-filters__group${fields.themes ? ' field--invalid' : ''}`}
        >
          <legend>{t('events.campaignForm.themes')}</legend>
          {reference?.themes.map((x) => (
            <label key={x.code} className="checkbox">
              <input
                type="checkbox"
                name="themes"
                value={x.code}
                checked={form.themes.includes(x.code)}
                onChange={() => toggleTheme(x.code)}
              />{' '}
              {x.label[locale]}
            </label>
          ))}
          {fields.themes ? <p className="field__error">{fields.themes}</p> : null}
        </fieldset>
        <div className="agenda-filters__row">
          <Field
            label={t('events.campaignForm.callOpensAt')}
            hint={t('events.campaignForm.callHint')}
            id={formErrors.idFor('callOpensAt')}
            name="callOpensAt"
            type="datetime-local"
            value={form.callOpensAt}
            onChange={set('callOpensAt')}
            error={fields.callOpensAt}
          />
          <Field
            label={t('events.campaignForm.callClosesAt')}
            hint={t('events.campaignForm.callHint')}
            id={formErrors.idFor('callClosesAt')}
            name="callClosesAt"
            type="datetime-local"
            value={form.callClosesAt}
            onChange={set('callClosesAt')}
            error={fields.callClosesAt}
          />
        </div>
        <Field
          as="select"
          label={t('events.campaignForm.status')}
          id={formErrors.idFor('status')}
          name="status"
          value={form.status}
          onChange={set('status')}
          error={fields.status}
        >
          {campaignStatuses.map((s) => (
            <option key={s} value={s}>
              {t(`events.campaignForm.statuses.${s}`)}
            </option>
          ))}
        </Field>
        <label className="checkbox">
          <input
            type="checkbox"
            name="editsRequireModeration"
            checked={form.editsRequireModeration}
            onChange={(e) => setForm((f) => ({ ...f, editsRequireModeration: e.target.checked }))}
          />{' '}
          {t('events.campaignForm.editsRequireModeration')}
        </label>
        <div className="actions">
          <button type="submit" className="button" disabled={busy}>
            {t('events.campaignForm.save')}
          </button>
          <Link
            className="button button--secondary"
            to={existing ? `/agenda/campagnes/${existing.slug}` : '/agenda'}
          >
            {t('events.campaignForm.cancel')}
          </Link>
        </div>
      </form>
    </div>
  );
}
