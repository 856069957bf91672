import { type FormEvent, useCallback, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { Combobox, type ComboboxOption } from '../../components/Combobox.tsx';
import { EmptyState } from '../../components/EmptyState.tsx';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { Pagination } from '../../components/Pagination.tsx';
import { ApiError, api } from '../../lib/api.ts';
import { useT } from '../../lib/i18n.tsx';
import { useApi } from '../../lib/use-api.ts';

interface OrgItem {
  id: string;
  name: string;
  postalCode?: string | null;
  communeName?: string | null;
  email?: string | null;
  phone?: string | null;
  website?: string | null;
}
interface OrgPage {
  items: OrgItem[];
  total: number;
  page: number;
  pageSize: number;
}
const PAGE_SIZE = 50;
interface OrgSummary extends OrgItem {
  communeName: string | null;
  postalCode: string | null;
}

/** A network's organisations: list with "Retirer", and a search to attach one (refusals shown beside it). */
export function NetworkOrganizations({ networkId, networkName }: { networkId: string; networkName: string }) {
  const t = useT();
  const base = `/api/networks/${encodeURIComponent(networkId)}/organizations`;
  // The search and the page live in the URL (shareable, the back button works).
  const [params, setParams] = useSearchParams();
  const q = params.get('organisations') ?? '';
  const page = Math.max(1, Number(params.get('page')) || 1);
  const [typed, setTyped] = useState(q);
  const list = useApi<OrgPage>(base, { q: q || undefined, page, pageSize: PAGE_SIZE });
  const hrefFor = (p: number) => {
    const next = new URLSearchParams(params);
    if (p > 1) next.set('page', String(p));
    else next.delete('page');
    return `?${next.toString()}`;
  };
  function searchList(e: FormEvent) {
    e.preventDefault();
    const next = new URLSearchParams(params);
    if (typed.trim()) next.set('organisations', typed.trim());
    else next.delete('organisations');
    next.delete('page');
    setParams(next);
  }
  const [chosen, setChosen] = useState<ComboboxOption | null>(null);
  const [fieldError, setFieldError] = useState('');
  const [status, setStatus] = useState('');
  const [failure, setFailure] = useState<unknown>();
  const [busy, setBusy] = useState(false);

  const search = useCallback(async (q: string, signal: AbortSignal) => {
    const res = await api<{ items: OrgSummary[] }>('/api/organizations', {
      query: { q, pageSize: 10 },
      signal,
    });
    return res.items.map(
      (o): ComboboxOption => ({
        value: o.id,
        text: o.name,
        render: (
          <>
            <span>{o.name}</span>{' '}
            {o.communeName ? (
              <span className="combobox__level">
                {[o.postalCode, o.communeName].filter(Boolean).join(' ')}
              </span>
            ) : null}
          </>
        ),
      }),
    );
  }, []);

  async function attach(e: FormEvent) {
    e.preventDefault();
    setStatus('');
    setFailure(undefined);
    setFieldError('');
    if (!chosen) {
      setFieldError(t('admin.orgs.chooseFirst'));
      return;
    }
    setBusy(true);
    try {
      await api(base, { body: { organizationId: chosen.value } });
      setStatus(t('admin.orgs.attached', { name: chosen.text }));
      setChosen(null);
      list.reload();
    } catch (err) {
      // 403 (already claimed), 404, 400: the server's message, beside the field.
      if (err instanceof ApiError && err.status < 500 && err.status !== 401) {
        setFieldError(err.fields.organizationId ?? err.message);
      } else setFailure(err);
    } finally {
      setBusy(false);
    }
  }

  async function detach(org: OrgItem) {
    if (!window.confirm(t('admin.orgs.confirmDetach', { name: org.name, network: networkName }))) return;
    setStatus('');
    setFailure(undefined);
    try {
      await api(`${base}/${encodeURIComponent(org.id)}`, { method: 'DELETE' });
      setStatus(t('admin.orgs.detached', { name: org.name }));
      list.reload();
    } catch (err) {
      setFailure(err);
    }
  }

  const items = list.data?.items ?? [];
  return (
    <section aria-labelledby="network-orgs">
      <h3 id="network-orgs">{t('admin.orgs.title')}</h3>
      <ErrorMessage error={list.error} onRetry={list.reload} />
      <ErrorMessage error={failure} />
      <div aria-live="polite">
        {status ? (
          <div className="alert alert--success">
            <p>{status}</p>
          </div>
        ) : null}
      </div>
      <form className="form-narrow" onSubmit={attach} noValidate>
        <Combobox
          label={t('admin.orgs.add')}
          hint={t('admin.orgs.addHint')}
          value={chosen?.value ?? null}
          search={search}
          onChange={(_value, option) => {
            setChosen(option);
            setFieldError('');
          }}
          noResult={t('admin.orgs.noResult')}
          clearLabel={t('admin.orgs.clear')}
          error={fieldError || undefined}
        />
        <div className="actions">
          <button type="submit" className="button" disabled={busy}>
            {t('admin.orgs.addSubmit')}
          </button>
        </div>
      </form>
      <form className="form-inline" onSubmit={searchList}>
        <label className="field">
          <span>{t('admin.orgs.search')}</span>
          <input type="search" value={typed} onChange={(e) => setTyped(e.target.value)} />
        </label>
        <button type="submit" className="button button--secondary">
          {t('admin.orgs.searchSubmit')}
        </button>
      </form>
      {list.loading && !list.data ? <p role="status">{t('common.loading')}</p> : null}
      {list.data && items.length === 0 ? (
        <EmptyState title={q ? t('admin.orgs.noneFor', { q }) : t('admin.orgs.none')} />
      ) : null}
      {items.length ? (
        <>
          <p className="muted" role="status">
            {q
              ? t('admin.orgs.countFor', { count: list.data?.total ?? 0, q })
              : t('admin.orgs.count', { count: list.data?.total ?? 0 })}
          </p>
          <ul className="editor-list">
            {items.map((o) => (
              <li key={o.id}>
                <div>
                  <Link to={`/annuaire/${o.id}`}>{o.name}</Link>
                  {o.communeName || o.postalCode ? (
                    <span className="muted">
                      {' '}
                      · {[o.postalCode, o.communeName].filter(Boolean).join(' ')}
                    </span>
                  ) : null}
                  {o.email || o.phone ? (
                    <div className="muted">
                      {o.email ? <a href={`mailto:${o.email}`}>{o.email}</a> : null}
                      {o.email && o.phone ? ' · ' : null}
                      {o.phone ? <a href={`tel:${o.phone.replace(/\s/g, '')}`}>{o.phone}</a> : null}
                    </div>
                  ) : null}
                </div>
                <button
                  type="button"
                  className="button button--danger button--small"
                  onClick={() => detach(o)}
                  aria-label={t('admin.orgs.detachOf', { name: o.name })}
                >
                  {t('admin.orgs.detach')}
                </button>
              </li>
            ))}
          </ul>
          {list.data ? (
            <Pagination page={page} pageSize={PAGE_SIZE} total={list.data.total} hrefFor={hrefFor} />
          ) : null}
        </>
      ) : null}
    </section>
  );
}
