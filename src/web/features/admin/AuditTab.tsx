import { type FormEvent, useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';
import { EmptyState } from '../../components/EmptyState.tsx';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { Field } from '../../components/Field.tsx';
import { useDocumentTitle } from '../../components/PageTitle.tsx';
import { api } from '../../lib/api.ts';
import { useLocale } from '../../lib/i18n.tsx';
import { AuditEntryView } from './AuditEntryView.tsx';
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

export function AuditTab() {
  const { t } = useLocale();
  useDocumentTitle(`${t('admin.tabs.audit')} · ${t('admin.title')}`);
  const [params, setParams] = useSearchParams();
  const { networks } = useManagedNetworks();
  const filters = {
    networkId: params.get('reseau') ?? '',
    entityType: params.get('type') ?? '',
    actor: params.get('personne') ?? '',
    since: params.get('du') ?? '',
    until: params.get('au') ?? '',
  };
  // An object chosen from elsewhere (a link "history of this organisation"): kept, never shown as a code.
  const entityId = params.get('id') ?? '';
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
        query: { ...filters, entityId, before, limit: PAGE },
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
    if (draft.actor.trim()) next.set('personne', draft.actor.trim());
    if (draft.since) next.set('du', draft.since);
    if (draft.until) next.set('au', draft.until);
    if (entityId && draft.entityType) next.set('id', entityId);
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
          label={t('admin.audit.person')}
          hint={t('admin.audit.personHint')}
          value={draft.actor}
          onChange={(e) => setDraft({ ...draft, actor: e.target.value })}
        />
        <Field
          label={t('admin.audit.since')}
          type="date"
          value={draft.since}
          onChange={(e) => setDraft({ ...draft, since: e.target.value })}
        />
        <Field
          label={t('admin.audit.until')}
          type="date"
          value={draft.until}
          onChange={(e) => setDraft({ ...draft, until: e.target.value })}
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
              <AuditEntryView entry={entry} />
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
