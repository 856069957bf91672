import { type FormEvent, useEffect, useState } from 'react';
import { useParams } from 'react-router';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { Field } from '../../components/Field.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { ApiError, api } from '../../lib/api.ts';
import { useLocale } from '../../lib/i18n.tsx';
import { useMe } from '../../lib/session.tsx';
import { useApi } from '../../lib/use-api.ts';
import { PlanSummary } from './NetworkMembersAdmin.tsx';
import type { Plan, Settings } from './types.ts';

type OrgHit = { id: string; name: string; communeName: string | null; postalCode: string | null };

/** /adherents/adherer/:id — the public "Adhérer" form of a network. */
export function JoinPage() {
  const { t } = useLocale();
  const { id = '' } = useParams();
  const me = useMe();
  const settings = useApi<Settings>(`/api/networks/${encodeURIComponent(id)}/membership-settings`);
  const plans = useApi<{ items: Plan[] }>(`/api/networks/${encodeURIComponent(id)}/membership-plans`);
  const [q, setQ] = useState('');
  const hits = useApi<{ items: OrgHit[] }>(q.trim().length >= 2 ? '/api/organizations' : null, {
    q: q.trim(),
    pageSize: 8,
  });
  const [org, setOrg] = useState<OrgHit | null>(null);
  const [isNew, setIsNew] = useState(false);
  const [newOrg, setNewOrg] = useState({ name: '', siret: '', postalCode: '' });
  const [planId, setPlanId] = useState('');
  const [contact, setContact] = useState({
    name: me.account?.name ?? '',
    email: me.account?.email ?? '',
    phone: '',
  });
  // The session arrives after the first render: prefill the contact from it once it does.
  useEffect(() => {
    if (me.account)
      setContact((c) => ({
        ...c,
        name: c.name || (me.account?.name ?? ''),
        email: c.email || (me.account?.email ?? ''),
      }));
  }, [me.account]);
  const [billing, setBilling] = useState({ name: '', email: '' });
  const [message, setMessage] = useState('');
  const [consent, setConsent] = useState(false);
  const [website, setWebsite] = useState('');
  const [fields, setFields] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>();
  const [sent, setSent] = useState(false);
  const s = settings.data;
  const name = s?.networkName ?? '';
  const available = plans.data?.items ?? [];
  const chosenPlan = planId || available[0]?.id || '';

  async function submit(e: FormEvent) {
    e.preventDefault();
    setFields({});
    setError(undefined);
    try {
      await api(`/api/networks/${encodeURIComponent(id)}/applications`, {
        body: {
          organizationId: isNew ? null : (org?.id ?? null),
          newOrganization: isNew
            ? { name: newOrg.name, siret: newOrg.siret || null, postalCode: newOrg.postalCode || null }
            : null,
          planId: chosenPlan,
          contacts: [
            { name: contact.name, role: 'main', email: contact.email || null, phone: contact.phone || null },
            ...(billing.name ? [{ name: billing.name, role: 'billing', email: billing.email || null }] : []),
          ],
          applicantEmail: contact.email,
          message: message || null,
          termsVersion: s?.termsVersion ?? '',
          consent,
          website: website || undefined,
        },
      });
      setSent(true);
    } catch (err) {
      setError(err);
      if (err instanceof ApiError) setFields(err.fields);
    }
  }

  if (sent) {
    return (
      <div className="page">
        <PageTitle>{t('memberships.join.title', { name })}</PageTitle>
        <div className="alert alert--success" role="status">
          {t('memberships.join.sent')}
        </div>
      </div>
    );
  }
  return (
    <div className="page">
      <PageTitle>{t('memberships.join.title', { name })}</PageTitle>
      <ErrorMessage error={settings.error ?? plans.error} />
      <p>{t('memberships.join.intro')}</p>
      {plans.data && available.length === 0 ? <p>{t('memberships.join.noPlans')}</p> : null}
      {available.length > 0 && s ? (
        <form className="form-narrow" onSubmit={submit} noValidate>
          <ErrorMessage error={error} />
          <fieldset>
            <legend>{t('memberships.join.findOrg')}</legend>
            {org && !isNew ? (
              <p>
                {t('memberships.join.chosen', { name: org.name })}{' '}
                <button
                  type="button"
                  className="button button--small button--secondary"
                  onClick={() => setOrg(null)}
                >
                  {t('memberships.join.change')}
                </button>
              </p>
            ) : null}
            {!org && !isNew ? (
              <>
                <Field
                  label={t('memberships.join.findOrg')}
                  hint={t('memberships.join.findHint')}
                  type="search"
                  value={q}
                  onChange={(e) => setQ(e.target.value)}
                  error={fields.organizationId}
                />
                <ul aria-live="polite">
                  {(hits.data?.items ?? []).map((h) => (
                    <li key={h.id}>
                      <button
                        type="button"
                        className="button button--small button--secondary"
                        onClick={() => setOrg(h)}
                      >
                        {t('memberships.join.choose', { name: h.name })}
                      </button>{' '}
                      <span className="muted">{[h.postalCode, h.communeName].filter(Boolean).join(' ')}</span>
                    </li>
                  ))}
                </ul>
              </>
            ) : null}
            <label className="checkbox">
              <input type="checkbox" checked={isNew} onChange={(e) => setIsNew(e.target.checked)} />{' '}
              {t('memberships.join.notListed')}
            </label>
            {isNew ? (
              <>
                <Field
                  label={t('memberships.join.newName')}
                  value={newOrg.name}
                  onChange={(e) => setNewOrg({ ...newOrg, name: e.target.value })}
                  error={fields['newOrganization.name']}
                  required
                />
                <Field
                  label={t('memberships.join.newSiret')}
                  inputMode="numeric"
                  value={newOrg.siret}
                  onChange={(e) => setNewOrg({ ...newOrg, siret: e.target.value })}
                  error={fields['newOrganization.siret']}
                />
                <Field
                  label={t('memberships.join.newPostal')}
                  inputMode="numeric"
                  value={newOrg.postalCode}
                  onChange={(e) => setNewOrg({ ...newOrg, postalCode: e.target.value })}
                  error={fields['newOrganization.postalCode']}
                />
              </>
            ) : null}
          </fieldset>
          <fieldset>
            <legend>{t('memberships.join.plan')}</legend>
            {available.map((p) => (
              <label key={p.id} className="checkbox">
                <input
                  type="radio"
                  name="plan"
                  value={p.id}
                  checked={chosenPlan === p.id}
                  onChange={() => setPlanId(p.id)}
                />{' '}
                <PlanSummary plan={p} />
              </label>
            ))}
            {fields.planId ? <p className="field__error">{fields.planId}</p> : null}
          </fieldset>
          <Field
            label={t('memberships.join.contactName')}
            value={contact.name}
            onChange={(e) => setContact({ ...contact, name: e.target.value })}
            error={fields['contacts.0.name'] ?? fields.contacts}
            required
          />
          <Field
            label={t('memberships.join.contactEmail')}
            type="email"
            value={contact.email}
            onChange={(e) => setContact({ ...contact, email: e.target.value })}
            error={fields.applicantEmail ?? fields['contacts.0.email']}
            required
          />
          <Field
            label={t('memberships.join.contactPhone')}
            type="tel"
            value={contact.phone}
            onChange={(e) => setContact({ ...contact, phone: e.target.value })}
          />
          <Field
            label={t('memberships.join.billingName')}
            value={billing.name}
            onChange={(e) => setBilling({ ...billing, name: e.target.value })}
          />
          {billing.name ? (
            <Field
              label={t('memberships.join.billingEmail')}
              type="email"
              value={billing.email}
              onChange={(e) => setBilling({ ...billing, email: e.target.value })}
              error={fields['contacts.1.email']}
            />
          ) : null}
          <Field
            as="textarea"
            label={t('memberships.join.message')}
            value={message}
            onChange={(e) => setMessage(e.target.value)}
            rows={3}
          />
          <h2>{t('memberships.join.terms', { version: s.termsVersion })}</h2>
          <div className="terms">
            {s.termsText.split('\n').map((line, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: lines of a fixed text
              <p key={i}>{line}</p>
            ))}
          </div>
          <label className="checkbox">
            <input
              type="checkbox"
              checked={consent}
              onChange={(e) => setConsent(e.target.checked)}
              aria-invalid={fields.consent ? true : undefined}
            />{' '}
            {t('memberships.join.consent')}
          </label>
          {fields.consent ? <p className="field__error">{fields.consent}</p> : null}
          <div className="visually-hidden" aria-hidden="true">
            <label>
              {t('memberships.join.website')}
              <input
                type="text"
                tabIndex={-1}
                autoComplete="off"
                value={website}
                onChange={(e) => setWebsite(e.target.value)}
              />
            </label>
          </div>
          <button type="submit" className="button">
            {t('memberships.join.submit')}
          </button>
        </form>
      ) : null}
    </div>
  );
}
