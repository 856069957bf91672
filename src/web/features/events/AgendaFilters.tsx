import { type FormEvent, useEffect, useState } from 'react';
import { Field } from '../../components/Field.tsx';
import { TerritoryPicker } from '../../components/TerritoryPicker.tsx';
import { useLocale } from '../../lib/i18n.tsx';
import type { AgendaFilters } from './filters.ts';
import { useEventsReference } from './reference.ts';
import type { EventsReference } from './types.ts';

type ListKey = 'theme' | 'format' | 'audience' | 'accessibility';

export function AgendaFiltersForm({
  filters,
  onApply,
}: {
  filters: AgendaFilters;
  onApply: (f: AgendaFilters) => void;
}) {
  const { t, locale } = useLocale();
  const { reference } = useEventsReference();
  const [draft, setDraft] = useState(filters);
  // Open on wide screens; on a phone the events come first and the filters unfold on demand (as the directory's).
  const [wide] = useState(() => window.matchMedia?.('(min-width: 52rem)').matches ?? true);
  const active = activeFilters(filters);
  useEffect(() => setDraft(filters), [filters]);
  const set = (patch: Partial<AgendaFilters>) => setDraft((d) => ({ ...d, ...patch }));
  const toggle = (key: ListKey, code: string) =>
    setDraft((d) => ({
      ...d,
      [key]: d[key].includes(code) ? d[key].filter((c) => c !== code) : [...d[key], code],
    }));

  function submit(e: FormEvent) {
    e.preventDefault();
    onApply(draft);
  }
  const group = (key: ListKey, kind: keyof EventsReference, title: string) => (
    <fieldset className="agenda-filters__group">
      <legend>{title}</legend>
      {reference?.[kind].map((x) => (
        <label key={x.code} className="checkbox">
          <input
            type="checkbox"
            name={key}
            value={x.code}
            checked={draft[key].includes(x.code)}
            onChange={() => toggle(key, x.code)}
          />{' '}
          {x.label[locale]}
        </label>
      ))}
    </fieldset>
  );
  return (
    <form className="agenda-filters" onSubmit={submit} aria-label={t('events.filters.title')}>
      <Field
        label={t('events.filters.q')}
        name="q"
        type="search"
        value={draft.q ?? ''}
        onChange={(e) => set({ q: e.target.value || undefined })}
      />
      <details className="agenda-filters__more" open={wide || undefined}>
        <summary>
          {t('events.filters.more')}
          {active ? ` (${t('events.filters.active', { count: active })})` : ''}
        </summary>
        <TerritoryPicker
          label={t('events.filters.territory')}
          name="territory"
          value={draft.territory ?? null}
          onChange={(code) => set({ territory: code ?? undefined })}
        />
        <div className="agenda-filters__row">
          <TerritoryPicker
            label={t('events.filters.near')}
            name="near"
            levels={['commune']}
            value={draft.near ? (draft.near.startsWith('com:') ? draft.near : `com:${draft.near}`) : null}
            onChange={(code) => set({ near: code?.replace('com:', '') ?? undefined })}
          />
          <Field
            label={t('events.filters.radius')}
            name="radiusKm"
            type="number"
            min={1}
            max={200}
            value={draft.radiusKm ?? '20'}
            onChange={(e) => set({ radiusKm: e.target.value })}
          />
        </div>
        <div className="agenda-filters__row">
          <Field
            label={t('events.filters.from')}
            name="from"
            type="date"
            value={draft.from ?? ''}
            onChange={(e) => set({ from: e.target.value || undefined })}
          />
          <Field
            label={t('events.filters.to')}
            name="to"
            type="date"
            value={draft.to ?? ''}
            onChange={(e) => set({ to: e.target.value || undefined })}
          />
        </div>
        {group('theme', 'themes', t('events.filters.themes'))}
        {group('format', 'formats', t('events.filters.formats'))}
        {group('audience', 'audiences', t('events.filters.audiences'))}
        {group('accessibility', 'accessibility', t('events.filters.accessibility'))}
        <label className="checkbox">
          <input
            type="checkbox"
            name="free"
            checked={draft.free}
            onChange={(e) => set({ free: e.target.checked })}
          />{' '}
          {t('events.filters.free')}
        </label>
        <label className="checkbox">
          <input
            type="checkbox"
            name="hasSeats"
            checked={draft.hasSeats}
            onChange={(e) => set({ hasSeats: e.target.checked })}
          />{' '}
          {t('events.filters.hasSeats')}
        </label>
      </details>
      <div className="actions">
        <button type="submit" className="button">
          {t('events.filters.apply')}
        </button>
        <button
          type="button"
          className={`link-button${active || filters.q ? '' : ' agenda-filters__reset--idle'}`}
          onClick={() =>
            onApply({
              theme: [],
              format: [],
              audience: [],
              accessibility: [],
              free: false,
              hasSeats: false,
              campaign: filters.campaign,
            })
          }
        >
          {t('events.filters.reset')}
        </button>
      </div>
    </form>
  );
}

/** How many filters besides the keywords are set (shown beside the folded filters' summary). */
function activeFilters(f: AgendaFilters): number {
  return (
    [f.territory, f.near, f.from, f.to].filter(Boolean).length +
    f.theme.length +
    f.format.length +
    f.audience.length +
    f.accessibility.length +
    (f.free ? 1 : 0) +
    (f.hasSeats ? 1 : 0)
  );
}
