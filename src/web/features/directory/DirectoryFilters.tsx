import { type FormEvent, useEffect, useState } from 'react';
import { Link } from 'react-router';
import { Field } from '../../components/Field.tsx';
import { TerritoryPicker } from '../../components/TerritoryPicker.tsx';
import { useLocale } from '../../lib/i18n.tsx';
import { useApi } from '../../lib/use-api.ts';
import type { Filters } from './filters.ts';
import { labelOf } from './reference.ts';
import type { IdentityReference } from './types.ts';

interface Props {
  filters: Filters;
  reference: IdentityReference | undefined;
  onApply: (filters: Filters) => void;
}

/** The search form; applied on submit (no surprise changes of context while a user picks options). */
export function DirectoryFilters({ filters, reference, onApply }: Props) {
  const { t, locale } = useLocale();
  const [draft, setDraft] = useState<Filters>(filters);
  // The URL is the truth: back/forward or a shared link update the form.
  useEffect(() => setDraft(filters), [filters]);
  // Open on wide screens; on a phone the results come first and the filters unfold on demand.
  const [wide] = useState(() => window.matchMedia?.('(min-width: 52rem)').matches ?? true);
  const { data: networks } = useApi<{ items: { id: string; name: string }[] }>('/api/networks');
  const active = (['territory', 'network', 'family', 'nafSection', 'headcount', 'tag'] as const).filter(
    (k) => filters[k],
  ).length;
  const set = (key: keyof Filters) => (value: string) => setDraft((d) => ({ ...d, [key]: value }));
  function submit(e: FormEvent) {
    e.preventDefault();
    onApply(draft);
  }
  const options = (list: { code: string; label: IdentityReference['essFamilies'][number]['label'] }[] = []) =>
    list.map((x) => (
      <option key={x.code} value={x.code}>
        {labelOf(x.label, locale)}
      </option>
    ));
  return (
    <search className="directory__filters">
      <form onSubmit={submit} aria-labelledby="directory-filters-title">
        <h2 id="directory-filters-title" className="directory__filters-title">
          {t('directory.filters.title')}
        </h2>
        <Field
          label={t('directory.filters.q')}
          type="search"
          name="q"
          value={draft.q}
          onChange={(e) => set('q')(e.target.value)}
          placeholder={t('directory.filters.qPlaceholder')}
        />
        <details className="directory__more" open={wide || undefined}>
          <summary>
            {t('directory.filters.more')}
            {active ? ` (${t('directory.filters.active', { count: active })})` : ''}
          </summary>
          <TerritoryPicker
            name="territory"
            value={draft.territory || null}
            onChange={(code) => set('territory')(code ?? '')}
            hint={t('directory.filters.territoryHint')}
          />
          <Field
            as="select"
            label={t('directory.filters.family')}
            name="family"
            value={draft.family}
            onChange={(e) => set('family')(e.target.value)}
          >
            <option value="">{t('directory.filters.all')}</option>
            {options(reference?.essFamilies)}
          </Field>
          <Field
            as="select"
            label={t('directory.filters.nafSection')}
            name="nafSection"
            value={draft.nafSection}
            onChange={(e) => set('nafSection')(e.target.value)}
          >
            <option value="">{t('directory.filters.all')}</option>
            {(reference?.nafSections ?? []).map((x) => (
              <option key={x.code} value={x.code}>
                {x.code} – {labelOf(x.label, locale)}
              </option>
            ))}
          </Field>
          <Field
            as="select"
            label={t('directory.filters.headcount')}
            name="headcount"
            value={draft.headcount}
            onChange={(e) => set('headcount')(e.target.value)}
          >
            <option value="">{t('directory.filters.all')}</option>
            {options(reference?.headcountBrackets)}
          </Field>
          <Field
            as="select"
            label={t('directory.filters.network')}
            name="network"
            value={draft.network}
            onChange={(e) => set('network')(e.target.value)}
          >
            <option value="">{t('directory.filters.allNetworks')}</option>
            {networks?.items.map((n) => (
              <option key={n.id} value={n.id}>
                {n.name}
              </option>
            ))}
          </Field>
          <Field
            label={t('directory.filters.tag')}
            name="tag"
            value={draft.tag}
            onChange={(e) => set('tag')(e.target.value)}
          />
          <Field
            as="select"
            label={t('directory.filters.sort')}
            name="sort"
            value={draft.sort || 'relevance'}
            onChange={(e) => set('sort')(e.target.value === 'relevance' ? '' : e.target.value)}
          >
            <option value="relevance">{t('directory.filters.sortRelevance')}</option>
            <option value="name">{t('directory.filters.sortName')}</option>
          </Field>
        </details>
        <div className="actions">
          <button type="submit" className="button">
            {t('common.search')}
          </button>
          <Link to="/annuaire">{t('directory.filters.reset')}</Link>
        </div>
      </form>
    </search>
  );
}
