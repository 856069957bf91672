import { type FormEvent, useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { Pagination } from '../../components/Pagination.tsx';
import { useLocale } from '../../lib/i18n.tsx';
import { useApi } from '../../lib/use-api.ts';
import type { DirectoryPage } from './types.ts';
import './member-records.css';

/**
 * /adherents/annuaire/:id — a network's current members, each showing what it chose to show this visitor (the
 * public, the network's members once signed in, or its staff). The server decides; the page says which it is.
 */
export function MemberDirectoryPage() {
  const { t } = useLocale();
  const { id = '' } = useParams();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const q = params.get('q') ?? '';
  const page = Number(params.get('page') ?? '1') || 1;
  const [typed, setTyped] = useState(q);
  const base = `/adherents/annuaire/${encodeURIComponent(id)}`;
  const dir = useApi<DirectoryPage>(`/api/networks/${encodeURIComponent(id)}/member-directory`, {
    q: q || undefined,
    page: String(page),
  });
  const hrefFor = (p: number, search = q) => {
    const s = new URLSearchParams();
    if (search) s.set('q', search);
    if (p > 1) s.set('page', String(p));
    const qs = s.toString();
    return qs ? `${base}?${qs}` : base;
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    navigate(hrefFor(1, typed.trim()));
  };
  const d = dir.data;
  return (
    <div className="page">
      <PageTitle>{d ? t('memberships.directory.title', { name: d.network.name }) : '…'}</PageTitle>
      <ErrorMessage error={dir.error} onRetry={dir.reload} />
      {d ? <p>{t(`memberships.directory.viewer.${d.viewer}`)}</p> : null}
      <form className="form-inline" onSubmit={submit}>
        <label className="field">
          <span>{t('memberships.directory.search')}</span>
          <input type="search" value={typed} onChange={(e) => setTyped(e.target.value)} />
        </label>
        <button type="submit" className="button">
          {t('memberships.directory.searchSubmit')}
        </button>
      </form>
      {d ? (
        <>
          <p aria-live="polite">{t('memberships.directory.count', { count: d.total })}</p>
          {d.items.length === 0 ? <p>{t('memberships.directory.empty')}</p> : null}
          <ul className="member-cards">
            {d.items.map((m) => (
              <li key={m.organizationId} className="member-card">
                <h2 className="member-card__name">
                  <Link to={`/annuaire/${m.organizationId}`}>{m.name}</Link>
                </h2>
                <p className="muted">
                  {[
                    m.communeName,
                    m.memberSince
                      ? t('memberships.directory.since', { year: m.memberSince.slice(0, 4) })
                      : null,
                  ]
                    .filter(Boolean)
                    .join(' · ')}
                </p>
                {m.website ? (
                  <p>
                    <a
                      href={m.website}
                      rel="noopener noreferrer"
                      aria-label={t('memberships.directory.website', { name: m.name })}
                    >
                      {m.website.replace(/^https?:\/\//, '')}
                    </a>
                  </p>
                ) : null}
                {m.contacts.length ? (
                  <ul className="member-card__contacts">
                    {m.contacts.map((c, i) => (
                      // biome-ignore lint/suspicious/noArrayIndexKey: contacts are shown without their ids
                      <li key={i}>
                        {c.name ? `${c.name} — ` : ''}
                        {t(`memberships.member.role.${c.role}`)}
                        {c.email ? (
                          <>
                            {' · '}
                            <a href={`mailto:${c.email}`}>{c.email}</a>
                          </>
                        ) : null}
                        {c.phone ? (
                          <>
                            {' · '}
                            <a href={`tel:${c.phone.replace(/\s/g, '')}`}>{c.phone}</a>
                          </>
                        ) : null}
                      </li>
                    ))}
                  </ul>
                ) : null}
                {m.memberId ? (
                  <p>
                    <Link to={`/adherents/fiche/${m.memberId}`}>
                      {t('memberships.directory.record', { name: m.name })}
                    </Link>
                  </p>
                ) : null}
              </li>
            ))}
          </ul>
          <Pagination page={d.page} pageSize={d.pageSize} total={d.total} hrefFor={(p) => hrefFor(p)} />
        </>
      ) : null}
    </div>
  );
}
