import { useCallback, useEffect, useState } from 'react';
import { Combobox, type ComboboxOption } from '../../components/Combobox.tsx';
import { Field } from '../../components/Field.tsx';
import { api } from '../../lib/api.ts';
import { useLocale } from '../../lib/i18n.tsx';
import type { Form } from './event-form.ts';
import type { Campaign, PublishingNetwork } from './types.ts';

interface Props {
  form: Form;
  setForm: (update: (f: Form) => Form) => void;
  creating: boolean;
  campaigns: Campaign[];
  publishing: PublishingNetwork[];
  /** The organisations the person edits (GET /api/me). */
  myOrganizations: { id: string; name: string }[];
  /** Names of organisers already on the event. */
  known: { id: string; name: string }[];
  /** The event's network when editing. */
  networkId?: string;
  errors: Record<string, string>;
  idFor: (field: string) => string;
}

/** The network's id for the form as it stands: the campaign's, or the one chosen outside any campaign. */
export function effectiveNetworkId(form: Form, campaigns: Campaign[], fixed?: string): string {
  if (fixed) return fixed;
  const campaign = campaigns.find((c) => c.id === form.campaignId);
  return campaign?.networkId ?? (form.networkId as string);
}

/**
 * Campaign, network and organisers. A coordinator of the event's network chooses between the network itself and
 * organisations of the network (searched in the directory, not listed: a network has hundreds); an organisation's
 * editor picks among the organisations they edit.
 */
export function OrganizerFields(props: Props) {
  const { form, setForm, creating, campaigns, publishing, errors, idFor } = props;
  const { t } = useLocale();
  const networkId = effectiveNetworkId(form, campaigns, props.networkId);
  const network = publishing.find((n) => n.id === networkId);
  const ids = form.organizerOrganizationIds as string[];
  const [byNetwork, setByNetwork] = useState(ids.length === 0);
  const [names, setNames] = useState<Record<string, string>>({});
  const remember = useCallback(
    (list: { id: string; name: string }[]) =>
      setNames((n) => ({ ...n, ...Object.fromEntries(list.map((o) => [o.id, o.name])) })),
    [],
  );
  useEffect(
    () => remember([...props.known, ...props.myOrganizations]),
    [props.known, props.myOrganizations, remember],
  );
  // An event loaded for editing: organised by the network when it names no organisation.
  useEffect(() => {
    if (props.known.length) setByNetwork(false);
  }, [props.known]);
  const setIds = (next: string[]) => setForm((f) => ({ ...f, organizerOrganizationIds: next }));

  const search = useCallback(
    async (q: string, signal: AbortSignal): Promise<ComboboxOption[]> => {
      const res = await api<{ items: { id: string; name: string; communeName?: string | null }[] }>(
        '/api/organizations',
        { query: { q, network: networkId, pageSize: 8 }, signal },
      );
      return res.items.map((o) => ({
        value: o.id,
        text: o.name,
        render: (
          <>
            <span>{o.name}</span> <span className="combobox__level">{o.communeName ?? ''}</span>
          </>
        ),
      }));
    },
    [networkId],
  );

  const ownOptions = [
    ...(creating && !form.campaignId && network ? network.organizations : props.myOrganizations),
    ...props.known,
  ].filter((o, i, all) => all.findIndex((x) => x.id === o.id) === i);

  return (
    <>
      {creating ? (
        <Field
          as="select"
          label={t('events.form.campaign')}
          id={idFor('campaignId')}
          name="campaignId"
          value={form.campaignId as string}
          onChange={(e) => setForm((f) => ({ ...f, campaignId: e.target.value }))}
          error={errors.campaignId}
        >
          <option value="">{t('events.form.noCampaign')}</option>
          {campaigns.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </Field>
      ) : null}
      {creating && !form.campaignId ? (
        <Field
          as="select"
          label={t('events.form.network')}
          hint={publishing.length ? undefined : t('events.compose.noNetwork')}
          id={idFor('networkId')}
          name="networkId"
          value={form.networkId as string}
          onChange={(e) => setForm((f) => ({ ...f, networkId: e.target.value }))}
          error={errors.networkId}
        >
          {publishing.map((n) => (
            <option key={n.id} value={n.id}>
              {n.name}
            </option>
          ))}
        </Field>
      ) : null}
      {network?.asCoordinator ? (
        <fieldset
          id={idFor('organizerOrganizationIds')}
          className={`event-form__organizers${errors.organizerOrganizationIds ? ' field--invalid' : ''}`}
        >
          <legend>{t('events.compose.organizedBy')}</legend>
          <label className="checkbox">
            <input
              type="radio"
              name="organizedBy"
              checked={byNetwork}
              onChange={() => {
                setByNetwork(true);
                setIds([]);
              }}
            />{' '}
            {t('events.compose.byNetwork', { name: network.name })}
          </label>
          <label className="checkbox">
            <input
              type="radio"
              name="organizedBy"
              checked={!byNetwork}
              onChange={() => setByNetwork(false)}
            />{' '}
            {t('events.compose.byOrganizations')}
          </label>
          {byNetwork ? null : (
            <>
              {ids.length ? (
                <ul className="event-form__chosen">
                  {ids.map((id) => (
                    <li key={id}>
                      {names[id] ?? id}{' '}
                      <button
                        type="button"
                        className="button button--link"
                        onClick={() => setIds(ids.filter((x) => x !== id))}
                      >
                        {t('events.compose.remove', { name: names[id] ?? '' })}
                      </button>
                    </li>
                  ))}
                </ul>
              ) : null}
              <Combobox
                key={ids.join(',')}
                label={t('events.compose.addOrganization')}
                hint={t('events.compose.addOrganizationHint', { name: network.name })}
                value={null}
                search={search}
                onChange={(value, option) => {
                  if (!value || !option) return;
                  remember([{ id: value, name: option.text }]);
                  if (!ids.includes(value)) setIds([...ids, value]);
                }}
                noResult={t('events.compose.noOrganizationFound')}
                clearLabel={t('events.compose.clear')}
              />
            </>
          )}
          {errors.organizerOrganizationIds ? (
            <p className="field__error">{errors.organizerOrganizationIds}</p>
          ) : null}
        </fieldset>
      ) : (
        <Field
          as="select"
          label={t('events.form.organization')}
          id={idFor('organizerOrganizationIds')}
          name="organization"
          value={ids[0] ?? ''}
          onChange={(e) => setIds(e.target.value ? [e.target.value] : [])}
          error={errors.organizerOrganizationIds}
          required
        >
          <option value="" />
          {ownOptions.map((o) => (
            <option key={o.id} value={o.id}>
              {o.name}
            </option>
          ))}
        </Field>
      )}
    </>
  );
}
