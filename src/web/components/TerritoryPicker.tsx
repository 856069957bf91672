import { useCallback } from 'react';
import { api } from '../lib/api.ts';
import { useT } from '../lib/i18n.tsx';
import { Combobox, type ComboboxOption } from './Combobox.tsx';

export type TerritoryLevel = 'country' | 'region' | 'department' | 'epci' | 'commune';
export interface TerritoryOption {
  code: string;
  level: TerritoryLevel;
  name: string;
  label?: string;
  officialCode?: string;
  postcodes?: string[];
}

interface Props {
  /** Canonical code (`dep:54`, `com:54395`…) or empty. */
  value: string | null;
  onChange: (code: string | null) => void;
  label?: string;
  /** Restrict suggestions, e.g. `['commune']`. */
  levels?: TerritoryLevel[];
  error?: string;
  hint?: string;
  required?: boolean;
  id?: string;
  name?: string;
}

/** Territory autocomplete over GET /api/territories (name or postcode, any level unless `levels` is given). */
export function TerritoryPicker({ value, onChange, label, levels, error, hint, required, id, name }: Props) {
  const t = useT();
  const levelParam = levels?.join(',');
  const toOption = useCallback(
    (x: TerritoryOption): ComboboxOption => ({
      value: x.code,
      text: x.label ?? x.name,
      render: (
        <>
          <span>{x.label ?? x.name}</span>{' '}
          <span className="combobox__level">{t(`common.territory.levels.${x.level}`)}</span>
        </>
      ),
    }),
    [t],
  );
  const search = useCallback(
    async (q: string, signal: AbortSignal) => {
      const res = await api<{ items: TerritoryOption[] }>('/api/territories', {
        query: { q, level: levelParam, limit: 10 },
        signal,
      });
      return res.items.map(toOption);
    },
    [levelParam, toOption],
  );
  const resolve = useCallback(
    async (code: string, signal: AbortSignal) =>
      toOption(await api<TerritoryOption>(`/api/territories/${encodeURIComponent(code)}`, { signal })),
    [toOption],
  );
  return (
    <Combobox
      label={label ?? t('common.territory.label')}
      value={value}
      search={search}
      resolve={resolve}
      onChange={(code) => onChange(code)}
      placeholder={t('common.territory.placeholder')}
      noResult={t('common.territory.noResult')}
      clearLabel={t('common.territory.clear')}
      error={error}
      hint={hint}
      required={required}
      id={id}
      name={name}
    />
  );
}
