import { type FormEvent, useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';
import { EmptyState } from '../../components/EmptyState.tsx';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { Field } from '../../components/Field.tsx';
import { useDocumentTitle } from '../../components/PageTitle.tsx';
import { api } from '../../lib/api.ts';
import { useLocale } from '../../lib/i18n.tsx';
import type { AuditEntry } from './types.ts';
import { useManagedNetworks } from './useNetworks.ts';

const entityTypes = [
  'organization',
  'network',
  'account',
  'campaign',
  'event',
  'event_registration',
  'fair',
  'fair_exhibitor',
];
const PAGE = 50;

function show(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'string') return value;
  if (Array.isArray(value) && value.every((v) => typeof v !== 'object')) return value.join(', ') || '—';
  return JSON.stringify(value);
}

/** Field-by-field changes between two snapshots (only what differs; everything on a creation or deletion). */
export function auditDiff(
  before: unknown,
  after: unknown,
): { field: string; before: string; after: string }[] {
  const b = before && typeof before === 'object' ? (before as Record<string, unknown>) : {};
  const a = after && typeof after === 'object' ? (after as Record<string, unknown>) : {};
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])];
  return keys
    .filter((k) => JSON.stringify(b[k]) !== JSON.stringify(a[k]))
    .map((k) => ({ field: k, before: show(b[k]), after: show(a[k]) }));
}

const isRecord = (v: unknown) => Boolean(v) && typeof v === 'object';

/** A creation shows the new values, a deletion the old ones, an update both side by side. */
function Diff({ entry }: { entry: AuditEntry }) {
  const { t } = useLocale();
  const rows = auditDiff(entry.before, entry.after);
  if (!rows.length) return <span className="muted">{t('admin.audit.noChange')}</span>;
  const showBefore = isRecord(entry.before);
  const showAfter = isRecord(entry.after) || !showBefore;
  return (
    <table className="diff">
      <thead>
        <tr>
          <th scope="col">{t('admin.audit.field')}</th>
          {showBefore ? <th scope="col">{t('admin.audit.before')}</th> : null}
          {showAfter ? (
            <th scope="col">{showBefore ? t('admin.audit.after') : t('admin.audit.value')}</th>
          ) : null}
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.field}>
            <th scope="row">{r.field}</th>
            {showBefore ? <td className="diff__before">{r.before}</td> : null}
            {showAfter ? <td className={showBefore ? 'diff__after' : undefined}>{r.after}</td> : null}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function AuditTab() {
  const { t, formatDateTime } = useLocale();
  useDocumentTitle(`${t('admin.tabs.audit')} · ${t('admin.title')}`);
  const [params, setParams] = useSearchParams();
  const { networks } = useManagedNetworks();
  const filters = {
    networkId: params.get('reseau') ?? '',
    entityType: params.get('type') ?? '',
    entityId: params.get('id') ?? '',
  };
  const [draft, setDraft] = useState(filters);
  const key = params.toString();
  const [items, setItems] = useState<AuditEntry[]>([]);
  const [more, setMore] = useState(false);
  const [error, setError] = useState<unknown>();
  const [loading, setLoading] = useState(true);

  async function load(before?: number) {
    setLoading(true);
    setError(undefined);
    try {
      const res = await api<{ items: AuditEntry[] }>('/api/audit', {
        query: { ...filters, before, limit: PAGE },
      });
      setItems((prev) => (before ? [...prev, ...res.items] : res.items));
      setMore(res.items.length === PAGE);
    } catch (err) {
      setError(err);
    } finally {
      setLoading(false);
    }
  }
  // biome-ignore lint/correctness/useExhaustiveDependencies: reload when the URL filters change
  useEffect(() => {
    setDraft(filters);
    void load();
  }, [key]);

  function submit(e: FormEvent) {
    e.preventDefault();
    const next = new URLSearchParams();
    if (draft.networkId) next.set('reseau', draft.networkId);
    if (draft.entityType) next.set('type', draft.entityType);
    if (draft.entityId.trim()) next.set('id', draft.entityId.trim());
    setParams(next);
  }

  return (
    <div>
      <h2>{t('admin.tabs.audit')}</h2>
      <form className="filters-row" onSubmit={submit}>
        <Field
          as="select"
          label={t('admin.audit.network')}
          value={draft.networkId}
          onChange={(e) => setDraft({ ...draft, networkId: e.target.value })}
        >
          <option value="">{t('admin.audit.allNetworks')}</option>
          {networks.map((n) => (
            <option key={n.id} value={n.id}>
              {n.name}
            </option>
          ))}
        </Field>
        <Field
          as="select"
          label={t('admin.audit.entityType')}
          value={draft.entityType}
          onChange={(e) => setDraft({ ...draft, entityType: e.target.value })}
        >
          <option value="">{t('admin.audit.allTypes')}</option>
          {entityTypes.map((type) => (
            <option key={type} value={type}>
              {t(`admin.audit.types.${type}`)}
            </option>
          ))}
        </Field>
        <Field
          label={t('admin.audit.entityId')}
          value={draft.entityId}
          onChange={(e) => setDraft({ ...draft, entityId: e.target.value })}
        />
        <div className="actions">
          <button type="submit" className="button">
            {t('admin.audit.filter')}
          </button>
        </div>
      </form>
      <ErrorMessage error={error} onRetry={() => load()} />
      {!loading && !error && items.length === 0 ? <EmptyState title={t('admin.audit.none')} /> : null}
      {items.length ? (
        <ol className="audit-list">
          {items.map((entry) => (
            <li key={entry.id} className="audit-entry">
              <p className="audit-entry__head">
                <time dateTime={entry.at}>{formatDateTime(entry.at)}</time> ·{' '}
                <strong>{entry.actorLabel ?? t('admin.audit.system')}</strong> ·{' '}
                <span className="audit-entry__action">{entry.action}</span> ·{' '}
                <span>
                  {t(`admin.audit.types.${entry.entityType}`) === `admin.audit.types.${entry.entityType}`
                    ? entry.entityType
                    : t(`admin.audit.types.${entry.entityType}`)}
                  {entry.entityId ? <code className="audit-entry__id"> {entry.entityId}</code> : null}
                </span>
              </p>
              <div className="table-wrap">
                <Diff entry={entry} />
              </div>
            </li>
          ))}
        </ol>
      ) : null}
      {loading ? <p role="status">{t('common.loading')}</p> : null}
      {more && !loading ? (
        <button
          type="button"
          className="button button--secondary"
          onClick={() => load(items[items.length - 1]?.id)}
        >
          {t('admin.audit.more')}
        </button>
      ) : null}
    </div>
  );
}
