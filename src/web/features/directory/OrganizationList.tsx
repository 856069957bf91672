import { Link } from 'react-router';
import { useLocale } from '../../lib/i18n.tsx';
import { lookup } from './reference.ts';
import type { IdentityReference, OrganizationSummary } from './types.ts';

/** One result: name, family, activity, place, headcount, tags. */
function OrganizationItem({ org, reference }: { org: OrganizationSummary; reference?: IdentityReference }) {
  const { t, locale } = useLocale();
  const place = [
    org.communeName,
    org.departmentName && org.departmentCode
      ? `${org.departmentName} (${org.departmentCode})`
      : org.departmentName,
  ]
    .filter(Boolean)
    .join(', ');
  return (
    <li className="org-item">
      <article aria-labelledby={`org-${org.id}`}>
        <h3 id={`org-${org.id}`}>
          <Link to={`/annuaire/${org.id}`}>{org.name}</Link>
          {org.acronym ? <span className="muted"> ({org.acronym})</span> : null}
        </h3>
        <p className="org-item__meta">
          {/* "Hors ESS" is the chamber's word: a club's member company is not labelled by what it is not. */}
          {org.essFamily === 'non_ess' ? null : (
            <span className="org-item__family">{lookup(reference?.essFamilies, org.essFamily, locale)}</span>
          )}
          {org.nafLabel ? <span>{org.nafLabel}</span> : null}
          {place ? <span>{place}</span> : null}
          {org.headcountBracket ? (
            <span>{lookup(reference?.headcountBrackets, org.headcountBracket, locale)}</span>
          ) : null}
        </p>
        {org.tags.length || org.isDemo ? (
          <p className="org-item__tags">
            {org.isDemo ? <span className="badge badge--demo">{t('directory.demo')}</span> : null}{' '}
            {org.tags.map((tag) => (
              <Link key={tag} className="tag" to={`/annuaire?tag=${encodeURIComponent(tag)}`}>
                <span className="visually-hidden">{t('directory.tagLink')} </span>
                {tag}
              </Link>
            ))}
          </p>
        ) : null}
      </article>
    </li>
  );
}

export function OrganizationList({
  items,
  reference,
}: {
  items: OrganizationSummary[];
  reference?: IdentityReference;
}) {
  return (
    <ul className="org-list">
      {items.map((org) => (
        <OrganizationItem key={org.id} org={org} reference={reference} />
      ))}
    </ul>
  );
}
