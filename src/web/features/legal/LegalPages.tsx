import { Link } from 'react-router';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { useT } from '../../lib/i18n.tsx';
import { useApi } from '../../lib/use-api.ts';
import type { NetworkLegal } from './types.ts';

function useLegal() {
  return useApi<{ items: NetworkLegal[] }>('/api/legal');
}

/** One network's details as publisher and data controller, or a line saying it has not filled them yet. */
function NetworkDetails({ item, headingLevel }: { item: NetworkLegal; headingLevel: 'h2' | 'h3' }) {
  const t = useT();
  const Heading = headingLevel;
  const d = item.details;
  return (
    <section className="legal__network" aria-labelledby={`legal-${item.network.id}`}>
      <Heading id={`legal-${item.network.id}`}>{item.network.name}</Heading>
      {d ? (
        <dl className="legal__details">
          <dt>{t('legal.notice.publisher')}</dt>
          <dd>{d.legalName}</dd>
          <dt>{t('legal.notice.address')}</dt>
          <dd>{d.address}</dd>
          {d.siret ? (
            <>
              <dt>{t('legal.notice.siret')}</dt>
              <dd>{d.siret.replace(/^(\d{3})(\d{3})(\d{3})(\d{5})$/, '$1 $2 $3 $4')}</dd>
            </>
          ) : null}
          <dt>{t('legal.notice.director')}</dt>
          <dd>{d.publicationDirector}</dd>
          <dt>{t('legal.notice.contact')}</dt>
          <dd>{d.dataContact}</dd>
          <dt>{t('legal.notice.host')}</dt>
          <dd>{d.host}</dd>
        </dl>
      ) : (
        <p className="muted">{t('legal.notice.missing')}</p>
      )}
    </section>
  );
}

/** /mentions-legales: who publishes the pages of each network and who hosts them. */
export function LegalNoticePage() {
  const t = useT();
  const { data, error, reload } = useLegal();
  return (
    <div className="page legal">
      <PageTitle>{t('legal.notice.title')}</PageTitle>
      <p>{t('legal.notice.intro')}</p>
      <ErrorMessage error={error} onRetry={reload} />
      {data?.items.map((item) => (
        <NetworkDetails key={item.network.id} item={item} headingLevel="h2" />
      ))}
      <p>
        <Link to="/confidentialite">{t('legal.notice.privacyLink')}</Link>
      </p>
    </div>
  );
}

const rowKeys = ['registration', 'account', 'organization', 'fair', 'audit', 'technical'] as const;

/** /confidentialite: what is collected, why, for how long, the rights and each network as data controller. */
export function PrivacyPage() {
  const t = useT();
  const { data, error, reload } = useLegal();
  return (
    <div className="page legal">
      <PageTitle>{t('legal.privacy.title')}</PageTitle>
      <p>{t('legal.privacy.intro')}</p>
      <h2>{t('legal.privacy.collectedTitle')}</h2>
      <ul className="legal__rows">
        {rowKeys.map((key) => (
          <li key={key}>
            <dl className="legal__details">
              <dt>{t('legal.privacy.what')}</dt>
              <dd>{t(`legal.privacy.rows.${key}.what`)}</dd>
              <dt>{t('legal.privacy.why')}</dt>
              <dd>{t(`legal.privacy.rows.${key}.why`)}</dd>
              <dt>{t('legal.privacy.howLong')}</dt>
              <dd>{t(`legal.privacy.rows.${key}.howLong`)}</dd>
            </dl>
          </li>
        ))}
      </ul>
      <h2>{t('legal.privacy.rightsTitle')}</h2>
      <p>{t('legal.privacy.rights')}</p>
      <h2>{t('legal.privacy.controllersTitle')}</h2>
      <ErrorMessage error={error} onRetry={reload} />
      {data?.items.map((item) => (
        <NetworkDetails key={item.network.id} item={item} headingLevel="h3" />
      ))}
    </div>
  );
}
