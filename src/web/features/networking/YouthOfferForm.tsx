import { type FormEvent, useState } from 'react';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { Field } from '../../components/Field.tsx';
import { FormErrorSummary, labelsFrom, useFormErrors } from '../../components/FormErrorSummary.tsx';
import { api } from '../../lib/api.ts';
import { useLocale } from '../../lib/i18n.tsx';
import { useApi } from '../../lib/use-api.ts';
import { OccupationPicker } from '../gtec/OccupationPicker.tsx';
import type { ExchangeContext } from './types.ts';

// The form of an offer to young people: publish one (a member, or a coordinator on a member's behalf) or edit one
// (its member or a coordinator). The occupation is a job title of the ROME referential, picked with the GTEC
// surveys' own picker; the server reads the title and the code's label from the referential.

export type Offer = {
  id: string;
  memberId: string;
  organizationName: string;
  kind: string;
  kindLabel: string;
  occupation: string;
  romeCode: string | null;
  romeLabel: string | null;
  description: string;
  startsOn: string | null;
  endsOn: string | null;
  period: string | null;
  places: number;
  communeName: string | null;
  level: string;
  levelLabel: string;
  isPublic: boolean;
  publicContact: boolean;
  status: string;
  contact: { name: string; email: string; phone: string | null } | null;
  mine?: boolean;
};

const kinds = ['internship', 'apprenticeship', 'observation', 'visit'] as const;
const levels = ['college', 'lycee', 'bac2', 'licence', 'master', 'any'] as const;

const blank = {
  memberId: '',
  kind: 'internship',
  description: '',
  startsOn: '',
  endsOn: '',
  period: '',
  places: '1',
  commune: '',
  level: 'lycee',
  contactName: '',
  contactEmail: '',
  contactPhone: '',
  isPublic: false,
  publicContact: false,
};

export const fromOffer = (o: Offer): typeof blank => ({
  memberId: o.memberId,
  kind: o.kind,
  description: o.description,
  startsOn: o.startsOn ?? '',
  endsOn: o.endsOn ?? '',
  period: o.period ?? '',
  places: String(o.places),
  commune: '',
  level: o.level,
  contactName: o.contact?.name ?? '',
  contactEmail: o.contact?.email ?? '',
  contactPhone: o.contact?.phone ?? '',
  isPublic: o.isPublic,
  publicContact: o.publicContact,
});

/** The body the API takes, from the form's values and the occupation picked. */
export function offerBody(v: typeof blank, rome: { code: string | null; pick: string | null }) {
  const appellation = rome.pick?.includes('|') ? rome.pick.split('|')[1] : null;
  return {
    kind: v.kind,
    romeCode: rome.code,
    romeAppellation: appellation,
    description: v.description,
    startsOn: v.startsOn || null,
    endsOn: v.endsOn || null,
    period: v.period || null,
    places: Number(v.places),
    commune: v.commune || null,
    level: v.level,
    contactName: v.contactName,
    contactEmail: v.contactEmail,
    contactPhone: v.contactPhone || null,
    isPublic: v.isPublic,
    publicContact: v.publicContact,
  };
}

/** Publish (no `offer`) or edit (`offer`) an offer; `onSaved` after the server took it. */
export function OfferForm({
  networkId,
  offer,
  onSaved,
}: {
  networkId: string;
  offer?: Offer;
  onSaved: () => void;
}) {
  const { t } = useLocale();
  const context = useApi<ExchangeContext>(offer ? null : `/api/networks/${networkId}/exchange/context`);
  const form = useFormErrors(offer ? `youth-${offer.id.slice(0, 8)}` : 'youth');
  const [v, setV] = useState(offer ? fromOffer(offer) : blank);
  const [rome, setRome] = useState<{ code: string | null; pick: string | null }>({
    code: offer?.romeCode ?? null,
    pick: offer?.romeCode ?? null,
  });
  const [done, setDone] = useState(false);
  const [error, setError] = useState<unknown>();
  const members = context.data?.members ?? [];
  if (!offer && members.length === 0) return null;
  const set = (k: keyof typeof v) => (e: { target: { value: string } }) =>
    setV({ ...v, [k]: e.target.value });
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    form.clear();
    setError(undefined);
    setDone(false);
    try {
      if (offer)
        await api(`/api/youth-offers/${offer.id}`, {
          method: 'PUT',
          // A free-text occupation (offers from before the ROME picker) stays unless a title is picked.
          body: {
            ...offerBody(v, rome),
            ...(rome.code ? {} : { occupation: offer.occupation }),
            status: offer.status,
          },
        });
      else
        await api(`/api/networks/${networkId}/youth-offers`, {
          method: 'POST',
          body: { ...offerBody(v, rome), memberId: v.memberId || members[0].id },
        });
      setDone(true);
      if (!offer) {
        setV(blank);
        setRome({ code: null, pick: null });
      }
      onSaved();
    } catch (err) {
      if (!form.fromError(err)) setError(err);
    }
  };
  const text = (k: keyof typeof v, extra: Record<string, unknown> = {}) => (
    <Field
      id={form.idFor(k)}
      label={t(`networking.youth.${k}`)}
      name={k}
      value={String(v[k])}
      onChange={set(k)}
      error={form.errors[k]}
      {...extra}
    />
  );
  const check = (k: 'isPublic' | 'publicContact') => (
    <div className="field">
      <label>
        <input type="checkbox" checked={v[k]} onChange={(e) => setV({ ...v, [k]: e.target.checked })} />{' '}
        {t(`networking.youth.${k}`)}
      </label>
    </div>
  );
  return (
    <>
      <div aria-live="polite">
        {done ? (
          <p className="alert alert--success" role="status">
            {t(offer ? 'networking.youth.saved' : 'networking.youth.published')}
          </p>
        ) : null}
      </div>
      <form onSubmit={submit} noValidate>
        <FormErrorSummary form={form} labelFor={labelsFrom(t, 'networking.youth.')} />
        {error ? <ErrorMessage error={error} /> : null}
        {!offer && members.length > 1 ? (
          <Field
            as="select"
            id={form.idFor('memberId')}
            label={t('networking.youth.memberId')}
            name="memberId"
            value={v.memberId}
            onChange={set('memberId')}
            error={form.errors.memberId}
          >
            {members.map((m) => (
              <option key={m.id} value={m.id}>
                {m.organizationName}
              </option>
            ))}
          </Field>
        ) : null}
        <Field
          as="select"
          id={form.idFor('kind')}
          label={t('networking.youth.kind')}
          name="kind"
          value={v.kind}
          onChange={set('kind')}
          error={form.errors.kind}
        >
          {kinds.map((k) => (
            <option key={k} value={k}>
              {t(`networking.youth.kinds.${k}`)}
            </option>
          ))}
        </Field>
        <OccupationPicker
          id={form.idFor('occupation')}
          label={t('networking.youth.occupation')}
          value={rome.pick}
          labels={offer?.romeCode ? { [offer.romeCode]: offer.occupation } : {}}
          onChange={(code, pick) => setRome({ code, pick })}
          error={form.errors.occupation ?? form.errors.romeCode ?? form.errors.romeAppellation}
        />
        <Field
          as="textarea"
          id={form.idFor('description')}
          label={t('networking.youth.description')}
          name="description"
          value={v.description}
          onChange={set('description')}
          error={form.errors.description}
        />
        {text('startsOn', { type: 'date' })}
        {text('endsOn', { type: 'date' })}
        {text('period')}
        {text('places', { inputMode: 'numeric' })}
        {text('commune', {
          hint: offer?.communeName
            ? t('networking.youth.communeKeep', { name: offer.communeName })
            : t('networking.youth.communeHint'),
        })}
        <Field
          as="select"
          id={form.idFor('level')}
          label={t('networking.youth.level')}
          name="level"
          value={v.level}
          onChange={set('level')}
          error={form.errors.level}
        >
          {levels.map((k) => (
            <option key={k} value={k}>
              {t(`networking.youth.levels.${k}`)}
            </option>
          ))}
        </Field>
        {text('contactName')}
        {text('contactEmail', { type: 'email' })}
        {text('contactPhone', { type: 'tel' })}
        {check('isPublic')}
        {v.isPublic ? check('publicContact') : null}
        <div className="actions">
          <button type="submit" className="button">
            {t(offer ? 'networking.youth.saveOffer' : 'networking.youth.publish')}
          </button>
        </div>
      </form>
    </>
  );
}
