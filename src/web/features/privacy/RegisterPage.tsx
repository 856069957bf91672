import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { useLocale } from '../../lib/i18n.tsx';
import { useApi } from '../../lib/use-api.ts';

type Line = {
  name: string;
  data: string;
  purpose: string;
  legalBasis: string;
  retention: string;
  audience: string;
};
type Register = { activities: { id: string; fr: Line; en: Line }[] };

/** /donnees-personnelles/registre — the register of processing, one card per processing (readable at 390 px). */
export function RegisterPage() {
  const { t, locale } = useLocale();
  const { data, error, loading } = useApi<Register>('/api/privacy/register');
  const lang = locale === 'en' ? 'en' : 'fr';
  return (
    <div className="page">
      <PageTitle>{t('privacy.register.title')}</PageTitle>
      <p>{t('privacy.register.intro')}</p>
      {loading ? <p>{t('privacy.loading')}</p> : null}
      <ErrorMessage error={error} />
      {data?.activities.map((a) => {
        const l = a[lang];
        return (
          <article key={a.id} aria-labelledby={`register-${a.id}`} className="card">
            <h2 id={`register-${a.id}`}>{l.name}</h2>
            <dl>
              <dt>{t('privacy.register.data')}</dt>
              <dd>{l.data}</dd>
              <dt>{t('privacy.register.purpose')}</dt>
              <dd>{l.purpose}</dd>
              <dt>{t('privacy.register.legalBasis')}</dt>
              <dd>{l.legalBasis}</dd>
              <dt>{t('privacy.register.retention')}</dt>
              <dd>{l.retention}</dd>
              <dt>{t('privacy.register.audience')}</dt>
              <dd>{l.audience}</dd>
            </dl>
          </article>
        );
      })}
    </div>
  );
}
