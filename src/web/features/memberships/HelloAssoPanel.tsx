import { type FormEvent, useEffect, useRef, useState } from 'react';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { Field } from '../../components/Field.tsx';
import { FormErrorSummary, labelsFrom, useFormErrors } from '../../components/FormErrorSummary.tsx';
import { ApiError, api } from '../../lib/api.ts';
import { type Translate, useLocale } from '../../lib/i18n.tsx';
import { useApi } from '../../lib/use-api.ts';
import { HelloAssoOrders } from './HelloAssoOrders.tsx';

// The HelloAsso panel of a network's members admin (coordinators): the settings (the client secret is write-only:
// the server only says whether it is set), the notification URL with a new key on request, the import, and the
// orders waiting to be attached.

export interface HelloAssoSettings {
  organizationSlug: string;
  formSlug: string;
  clientId: string;
  clientSecretSet: boolean;
  notificationUrl: string;
  demo: boolean;
}
type ImportResult = { recorded: number; unmatched: number; known: number; notPaid: number };
type Form = { organizationSlug: string; formSlug: string; clientId: string; clientSecret: string };

const formOf = (s: HelloAssoSettings | null | undefined): Form => ({
  organizationSlug: s?.organizationSlug ?? '',
  formSlug: s?.formSlug ?? '',
  clientId: s?.clientId ?? '',
  clientSecret: '',
});

/** What an import did, in one sentence: "Import terminé : 3 paiements enregistrés, 1 commande à rattacher." */
export function importSentence(t: Translate, r: ImportResult) {
  const parts = [t('helloAsso.import.recorded', { count: r.recorded })];
  if (r.unmatched) parts.push(t('helloAsso.import.unmatched', { count: r.unmatched }));
  if (r.known) parts.push(t('helloAsso.import.known', { count: r.known }));
  if (r.notPaid) parts.push(t('helloAsso.import.notPaid', { count: r.notPaid }));
  return t('helloAsso.import.done', { parts: parts.join(', ') });
}

/** A refused request's own sentence when it has one (HelloAsso's answers are written for staff), else the generic block. */
function Refusal({ error }: { error: unknown }) {
  if (error instanceof ApiError && (error.status === 400 || error.status === 409))
    return (
      <div className="alert alert--error" role="alert">
        <p>{error.message}</p>
      </div>
    );
  return <ErrorMessage error={error} />;
}

function SettingsForm({
  networkId,
  settings,
  onSaved,
}: {
  networkId: string;
  settings: HelloAssoSettings | null;
  onSaved: (s: HelloAssoSettings) => void;
}) {
  const { t } = useLocale();
  const [form, setForm] = useState<Form>(() => formOf(settings));
  const errs = useFormErrors('helloasso');
  const [error, setError] = useState<unknown>();
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);
  useEffect(() => setForm(formOf(settings)), [settings]);
  const field = (key: keyof Form) => ({
    id: errs.idFor(key),
    error: errs.errors[key],
    value: form[key],
    onChange: (e: { target: { value: string } }) => {
      setSaved(false);
      setForm((f) => ({ ...f, [key]: e.target.value }));
    },
  });

  async function submit(e: FormEvent) {
    e.preventDefault();
    errs.clear();
    setError(undefined);
    setSaved(false);
    const missing: Record<string, string> = {};
    for (const key of ['organizationSlug', 'formSlug', 'clientId'] as const)
      if (!form[key].trim()) missing[key] = t('common.required');
    if (!form.clientSecret && !settings?.clientSecretSet) missing.clientSecret = t('common.required');
    if (Object.keys(missing).length) return errs.show(missing);
    setBusy(true);
    try {
      const next = await api<HelloAssoSettings>(`/api/networks/${encodeURIComponent(networkId)}/helloasso`, {
        method: 'PUT',
        body: {
          organizationSlug: form.organizationSlug.trim(),
          formSlug: form.formSlug.trim(),
          clientId: form.clientId.trim(),
          ...(form.clientSecret ? { clientSecret: form.clientSecret } : {}),
        },
      });
      setSaved(true);
      onSaved(next);
    } catch (err) {
      if (!errs.fromError(err)) setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby="helloasso-settings">
      <h3 id="helloasso-settings">{t('helloAsso.settings.title')}</h3>
      {saved ? (
        <div className="alert alert--success" role="status">
          <p>{t('helloAsso.settings.saved')}</p>
        </div>
      ) : null}
      <FormErrorSummary form={errs} labelFor={labelsFrom(t, 'helloAsso.settings.')} />
      <Refusal error={error} />
      <form className="form-narrow" onSubmit={submit} noValidate>
        <Field
          label={t('helloAsso.settings.organizationSlug')}
          hint={t('helloAsso.settings.organizationSlugHint')}
          required
          autoComplete="off"
          {...field('organizationSlug')}
        />
        <Field
          label={t('helloAsso.settings.formSlug')}
          hint={t('helloAsso.settings.formSlugHint')}
          required
          autoComplete="off"
          {...field('formSlug')}
        />
        <Field
          label={t('helloAsso.settings.clientId')}
          hint={t('helloAsso.settings.clientIdHint')}
          required
          autoComplete="off"
          {...field('clientId')}
        />
        <Field
          label={t('helloAsso.settings.clientSecret')}
          hint={t(
            settings?.clientSecretSet ? 'helloAsso.settings.secretSet' : 'helloAsso.settings.secretUnset',
          )}
          type="password"
          autoComplete="new-password"
          required={!settings?.clientSecretSet}
          {...field('clientSecret')}
        />
        <div className="actions">
          <button type="submit" className="button" disabled={busy}>
            {t('helloAsso.settings.save')}
          </button>
        </div>
      </form>
    </section>
  );
}

function NotificationUrl({
  networkId,
  settings,
  onRenewed,
}: {
  networkId: string;
  settings: HelloAssoSettings | null;
  onRenewed: (s: HelloAssoSettings) => void;
}) {
  const { t } = useLocale();
  const [notice, setNotice] = useState('');
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  async function copy(url: string) {
    setError(undefined);
    try {
      await navigator.clipboard.writeText(url);
      setNotice(t('helloAsso.notifications.copied'));
    } catch {
      // No clipboard (a page not served over HTTPS, or refused): the address is selected for a copy by hand.
      const input = document.getElementById('helloasso-url') as HTMLInputElement | null;
      input?.focus();
      input?.select();
      setNotice(t('helloAsso.notifications.copyByHand'));
    }
  }
  async function renew(s: HelloAssoSettings) {
    setBusy(true);
    setError(undefined);
    setNotice('');
    try {
      const next = await api<HelloAssoSettings>(`/api/networks/${encodeURIComponent(networkId)}/helloasso`, {
        method: 'PUT',
        body: {
          organizationSlug: s.organizationSlug,
          formSlug: s.formSlug,
          clientId: s.clientId,
          renewNotificationKey: true,
        },
      });
      onRenewed(next);
      setNotice(t('helloAsso.notifications.renewed'));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }
  return (
    <section aria-labelledby="helloasso-notifications">
      <h3 id="helloasso-notifications">{t('helloAsso.notifications.title')}</h3>
      {settings ? (
        <>
          <p>{t('helloAsso.notifications.intro')}</p>
          <Field
            label={t('helloAsso.notifications.url')}
            readOnly
            value={settings.notificationUrl}
            className="helloasso__url"
            id="helloasso-url"
            onFocus={(e) => e.currentTarget.select()}
          />
          <div className="actions">
            <button
              type="button"
              className="button button--secondary"
              onClick={() => void copy(settings.notificationUrl)}
            >
              {t('helloAsso.notifications.copy')}
            </button>
            <button
              type="button"
              className="button button--secondary"
              disabled={busy || !settings.clientSecretSet}
              aria-describedby="helloasso-renew-hint"
              onClick={() => void renew(settings)}
            >
              {t('helloAsso.notifications.renew')}
            </button>
          </div>
          <p className="field__hint" id="helloasso-renew-hint">
            {t(
              settings.clientSecretSet
                ? 'helloAsso.notifications.renewHint'
                : 'helloAsso.notifications.renewNeedsSecret',
            )}
          </p>
        </>
      ) : (
        <p>{t('helloAsso.notifications.none')}</p>
      )}
      <p role="status">{notice}</p>
      <Refusal error={error} />
    </section>
  );
}

function ImportOrders({ networkId, onImported }: { networkId: string; onImported: () => void }) {
  const { t } = useLocale();
  const [result, setResult] = useState('');
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const out = useRef<HTMLDivElement>(null);
  async function run() {
    setBusy(true);
    setError(undefined);
    setResult('');
    try {
      const r = await api<ImportResult>(`/api/networks/${encodeURIComponent(networkId)}/helloasso/import`, {
        method: 'POST',
      });
      setResult(importSentence(t, r));
      onImported();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
      requestAnimationFrame(() => out.current?.focus());
    }
  }
  return (
    <section aria-labelledby="helloasso-import">
      <h3 id="helloasso-import">{t('helloAsso.import.title')}</h3>
      <p>{t('helloAsso.import.intro')}</p>
      <button type="button" className="button" disabled={busy} onClick={() => void run()}>
        {busy ? t('helloAsso.import.running') : t('helloAsso.import.run')}
      </button>
      <div ref={out} tabIndex={-1} className="helloasso__outcome">
        {result ? (
          <div className="alert alert--success" role="status">
            <p>{result}</p>
          </div>
        ) : null}
        <Refusal error={error} />
      </div>
    </section>
  );
}

/** The HelloAsso section of /adherents/reseau/:id. */
export function HelloAssoPanel({ networkId }: { networkId: string }) {
  const { t } = useLocale();
  const loaded = useApi<{ settings: HelloAssoSettings | null }>(
    `/api/networks/${encodeURIComponent(networkId)}/helloasso`,
  );
  const [settings, setSettings] = useState<HelloAssoSettings | null>(null);
  const [ordersTick, setOrdersTick] = useState(0);
  useEffect(() => setSettings(loaded.data?.settings ?? null), [loaded.data]);
  return (
    <section aria-labelledby="tab-helloasso" className="helloasso">
      <h2 id="tab-helloasso">{t('helloAsso.title')}</h2>
      <p>{t('helloAsso.intro')}</p>
      {settings?.demo ? (
        <div className="alert alert--info">
          <p>{t('helloAsso.demo')}</p>
        </div>
      ) : null}
      <ErrorMessage error={loaded.error} />
      {loaded.data ? (
        <>
          <SettingsForm networkId={networkId} settings={settings} onSaved={setSettings} />
          <NotificationUrl networkId={networkId} settings={settings} onRenewed={setSettings} />
          <ImportOrders networkId={networkId} onImported={() => setOrdersTick((n) => n + 1)} />
          <HelloAssoOrders networkId={networkId} reloadKey={ordersTick} />
        </>
      ) : null}
    </section>
  );
}
