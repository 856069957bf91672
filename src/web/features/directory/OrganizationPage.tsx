import { Link, useLocation, useParams } from 'react-router';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { ApiError } from '../../lib/api.ts';
import { useLocale } from '../../lib/i18n.tsx';
import { useApi } from '../../lib/use-api.ts';
import { AttachToNetwork } from './AttachToNetwork.tsx';
import { formatSiret, lookup, useIdentityReference } from './reference.ts';
import type { Organization } from './types.ts';

function websiteHref(url: string): string {
  return /^https?:\/\//i.test(url) ? url : `https://${url}`;
}

export function OrganizationPage() {
  const { id = '' } = useParams();
  const { t, locale, formatDate } = useLocale();
  const location = useLocation();
  const state = location.state as { saved?: boolean; created?: boolean } | null;
  const reference = useIdentityReference();
  const {
    data: org,
    error,
    loading,
    reload,
  } = useApi<Organization>(`/api/organizations/${encodeURIComponent(id)}`);

  if (error instanceof ApiError && (error.status === 404 || error.status === 400)) {
    return (
      <div className="page">
        <PageTitle>{t('directory.org.notFound')}</PageTitle>
        <p>
          <Link to="/annuaire">{t('directory.org.back')}</Link>
        </p>
      </div>
    );
  }
  if (!org) {
    return (
      <div className="page">
        {loading ? <p role="status">{t('common.loading')}</p> : null}
        <ErrorMessage error={error} onRetry={reload} />
      </div>
    );
  }
  const department = org.departmentName
    ? `${org.departmentName}${org.departmentCode ? ` (${org.departmentCode})` : ''}`
    : org.departmentCode;
  const facts: [string, React.ReactNode][] = [];
  const add = (key: string, value: React.ReactNode) => {
    if (value !== null && value !== undefined && value !== '') facts.push([t(`directory.org.${key}`), value]);
  };
  add('siret', org.siret ? <span className="nowrap">{formatSiret(org.siret)}</span> : null);
  add('siren', !org.siret && org.siren ? formatSiret(org.siren) : null);
  add(
    'legalCategory',
    org.legalCategoryLabel ? `${org.legalCategoryLabel} — ${org.legalCategory}` : org.legalCategory,
  );
  // "Hors ESS" is the chamber's word: a club's member company is not described by what it is not.
  add('family', org.essFamily === 'non_ess' ? null : lookup(reference?.essFamilies, org.essFamily, locale));
  add('esus', org.esus ? t('directory.org.esusYes') : null);
  add('naf', org.nafCode ? `${org.nafCode}${org.nafLabel ? ` – ${org.nafLabel}` : ''}` : null);
  add('headcount', lookup(reference?.headcountBrackets, org.headcountBracket, locale));
  add(
    'address',
    org.address || org.communeName ? (
      <>
        {org.address ? <span className="block">{org.address}</span> : null}
        <span className="block">{[org.postalCode, org.communeName].filter(Boolean).join(' ')}</span>
      </>
    ) : null,
  );
  add(
    'department',
    department && org.departmentCode ? (
      <Link to={`/annuaire?territory=${encodeURIComponent(`dep:${org.departmentCode}`)}`}>{department}</Link>
    ) : null,
  );
  add(
    'website',
    org.website ? (
      <a href={websiteHref(org.website)} rel="noopener noreferrer nofollow">
        {org.website.replace(/^https?:\/\//, '')}
      </a>
    ) : null,
  );
  add('email', org.email ? <a href={`mailto:${org.email}`}>{org.email}</a> : null);
  add('phone', org.phone ? <a href={`tel:${org.phone.replace(/\s/g, '')}`}>{org.phone}</a> : null);

  return (
    <div className="page organization">
      <p className="breadcrumb">
        <Link to="/annuaire">{t('directory.org.back')}</Link>
      </p>
      {state?.saved || state?.created ? (
        <div className="alert alert--success" role="status">
          <p>{state.created ? t('directory.edit.created') : t('directory.edit.saved')}</p>
        </div>
      ) : null}
      <div className="organization__head">
        <div>
          <PageTitle title={org.name}>
            {org.name}
            {org.acronym ? <span className="muted"> ({org.acronym})</span> : null}
          </PageTitle>
          {org.isDemo ? <p className="badge badge--demo">{t('directory.demoLong')}</p> : null}
        </div>
        {org.canEdit ? (
          <Link className="button" to={`/annuaire/${org.id}/modifier`}>
            {t('directory.org.edit')}
          </Link>
        ) : null}
      </div>
      <div className="organization__body">
        <section aria-labelledby="org-identity">
          <h2 id="org-identity">{t('directory.org.identity')}</h2>
          <dl className="facts">
            {facts.map(([label, value]) => (
              <div key={label} className="facts__row">
                <dt>{label}</dt>
                <dd>{value}</dd>
              </div>
            ))}
          </dl>
        </section>
        {org.descriptionHtml ? (
          <section aria-labelledby="org-description">
            <h2 id="org-description">{t('directory.org.description')}</h2>
            {/* Sanitised by the server (sanitize-html on rendered Markdown). */}
            {/* biome-ignore lint/security/noDangerouslySetInnerHtml: server-sanitised HTML */}
            <div className="prose" lang="fr" dangerouslySetInnerHTML={{ __html: org.descriptionHtml }} />
          </section>
        ) : null}
        {org.tags.length ? (
          <section aria-labelledby="org-tags">
            <h2 id="org-tags">{t('directory.org.tags')}</h2>
            <ul className="tag-list">
              {org.tags.map((tag) => (
                <li key={tag}>
                  <Link className="tag" to={`/annuaire?tag=${encodeURIComponent(tag)}`}>
                    {tag}
                  </Link>
                </li>
              ))}
            </ul>
          </section>
        ) : null}
        <section aria-labelledby="org-networks">
          <h2 id="org-networks">{t('directory.org.networks')}</h2>
          {org.networks.length ? (
            <ul>
              {org.networks.map((n) => (
                <li key={n.id}>{n.name}</li>
              ))}
            </ul>
          ) : (
            <p className="muted">{t('directory.org.noNetwork')}</p>
          )}
          <AttachToNetwork
            organizationId={org.id}
            networkIds={org.networks.map((n) => n.id)}
            onAttached={reload}
          />
        </section>
        <p className="muted organization__dates">
          {t('directory.org.updated', { date: formatDate(org.updatedAt) })} ·{' '}
          {t(`directory.org.source.${org.isDemo ? 'demo' : org.source}`)}
        </p>
      </div>
    </div>
  );
}
