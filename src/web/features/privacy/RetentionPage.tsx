import { type FormEvent, useEffect, useState } from 'react';
import { Link } from 'react-router';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { Field } from '../../components/Field.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { ApiError, api } from '../../lib/api.ts';
import { useT } from '../../lib/i18n.tsx';
import { useApi } from '../../lib/use-api.ts';

type Settings = {
  registrantsMonths: number;
  unconfirmedSubscriptionDays: number;
  relationsInactiveMonths: number;
  gtecAnswersMonths: number | null;
};
type Page = {
  settings: Settings;
  defaults: Settings;
  canEdit: boolean;
  lastRun: { day: string; finishedAt: string | null; counts: Record<string, number> } | null;
};
const keys = [
  'registrantsMonths',
  'unconfirmedSubscriptionDays',
  'relationsInactiveMonths',
  'gtecAnswersMonths',
] as const;

/** /donnees-personnelles/conservation — how long personal data is kept (platform admin edits, coordinators read). */
export function RetentionPage() {
  const t = useT();
  const { data, error, reload } = useApi<Page>('/api/admin/privacy/retention');
  const [values, setValues] = useState<Record<string, string>>({});
  const [fields, setFields] = useState<Record<string, string>>({});
  const [saveError, setSaveError] = useState<unknown>();
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    if (data)
      setValues(
        Object.fromEntries(keys.map((k) => [k, data.settings[k] === null ? '' : String(data.settings[k])])),
      );
  }, [data]);
  async function save(e: FormEvent) {
    e.preventDefault();
    setFields({});
    setSaveError(undefined);
    setSaved(false);
    const num = (k: string) => (values[k]?.trim() ? Number(values[k]) : null);
    try {
      await api('/api/admin/privacy/retention', {
        method: 'PUT',
        body: {
          registrantsMonths: num('registrantsMonths'),
          unconfirmedSubscriptionDays: num('unconfirmedSubscriptionDays'),
          relationsInactiveMonths: num('relationsInactiveMonths'),
          gtecAnswersMonths: num('gtecAnswersMonths'),
        },
      });
      setSaved(true);
      reload();
    } catch (err) {
      if (err instanceof ApiError && Object.keys(err.fields).length) setFields(err.fields);
      else setSaveError(err);
    }
  }
  return (
    <div className="page">
      <PageTitle>{t('privacy.retention.title')}</PageTitle>
      <p>{t('privacy.retention.intro')}</p>
      <ErrorMessage error={error} />
      {data ? (
        <form onSubmit={save} noValidate>
          {keys.map((k) => (
            <Field
              key={k}
              id={`retention-${k}`}
              label={t(`privacy.retention.${k}`)}
              hint={t('privacy.retention.default', {
                value: data.defaults[k] === null ? t('privacy.retention.none') : String(data.defaults[k]),
              })}
              type="number"
              inputMode="numeric"
              min={1}
              value={values[k] ?? ''}
              onChange={(e) => setValues({ ...values, [k]: e.target.value })}
              error={fields[k]}
              readOnly={!data.canEdit}
              required={k !== 'gtecAnswersMonths'}
            />
          ))}
          {data.canEdit ? (
            <button type="submit" className="button">
              {t('privacy.retention.save')}
            </button>
          ) : (
            <p className="muted">{t('privacy.retention.readOnly')}</p>
          )}
        </form>
      ) : null}
      <div aria-live="polite">
        {saved ? <p className="alert alert--success">{t('privacy.retention.saved')}</p> : null}
      </div>
      <ErrorMessage error={saveError} />
      {data ? (
        <p>
          {data.lastRun
            ? t('privacy.retention.lastRun', {
                day: data.lastRun.day,
                total: Object.values(data.lastRun.counts).reduce((a, b) => a + b, 0),
              })
            : t('privacy.retention.neverRun')}
        </p>
      ) : null}
      <p>
        <Link to="/donnees-personnelles/registre">{t('privacy.register.link')}</Link>
      </p>
    </div>
  );
}
