import { useCallback } from 'react';
import { Combobox } from '../../components/Combobox.tsx';
import { api } from '../../lib/api.ts';
import { useT } from '../../lib/i18n.tsx';
import type { NafItem } from './types.ts';

interface Props {
  value: string | null;
  /** Label of the current code, when known (avoids a look-up). */
  currentLabel?: string | null;
  onChange: (code: string | null) => void;
  error?: string;
  id?: string;
}

const text = (x: NafItem) => `${x.code} – ${x.label}`;

/** NAF rév. 2 autocomplete over GET /api/reference/naf?q= (code or words of the label). */
export function NafPicker({ value, currentLabel, onChange, error, id }: Props) {
  const t = useT();
  const search = useCallback(async (q: string, signal: AbortSignal) => {
    const res = await api<{ items: NafItem[] }>('/api/reference/naf', { query: { q }, signal });
    return res.items.slice(0, 15).map((x) => ({ value: x.code, text: text(x) }));
  }, []);
  const resolve = useCallback(
    async (code: string, signal: AbortSignal) => {
      if (currentLabel) return { value: code, text: `${code} – ${currentLabel}` };
      const res = await api<{ items: NafItem[] }>('/api/reference/naf', { query: { q: code }, signal });
      const found = res.items.find((x) => x.code === code);
      return found ? { value: code, text: text(found) } : null;
    },
    [currentLabel],
  );
  return (
    <Combobox
      id={id}
      label={t('directory.edit.naf')}
      hint={t('directory.edit.nafHint')}
      value={value}
      search={search}
      resolve={resolve}
      onChange={(code) => onChange(code)}
      placeholder={t('directory.edit.nafPlaceholder')}
      noResult={t('directory.edit.nafNoResult')}
      clearLabel={t('directory.edit.nafClear')}
      error={error}
    />
  );
}
