import { Combobox, type ComboboxOption } from '../../components/Combobox.tsx';
import { api } from '../../lib/api.ts';
import { useLocale } from '../../lib/i18n.tsx';

interface Hit {
  code: string;
  label: string;
  romeCode: string;
  romeLabel: string;
}

/**
 * An occupation: the person types a job title (ROME appellation, accents ignored), the line keeps its ROME code.
 * `value` is the ROME code (loaded answers) or `code|appellation` once chosen here, so that the title chosen stays.
 */
export function OccupationPicker(props: {
  value: string | null;
  labels: Record<string, string>;
  onChange: (rome: string | null, pick: string | null) => void;
  label?: string;
  id?: string;
  error?: string;
}) {
  const { t } = useLocale();
  const picked = new Map<string, string>();
  async function search(q: string, signal: AbortSignal): Promise<ComboboxOption[]> {
    const res = await api<{ items: Hit[] }>('/api/rome/appellations', { query: { q, limit: 12 }, signal });
    return res.items.map((h) => {
      picked.set(`${h.romeCode}|${h.code}`, h.label);
      return {
        value: `${h.romeCode}|${h.code}`,
        text: h.label,
        render: (
          <span>
            {h.label}{' '}
            <span className="muted">
              ({h.romeCode} · {h.romeLabel})
            </span>
          </span>
        ),
      };
    });
  }
  return (
    <Combobox
      id={props.id}
      label={props.label ?? t('gtec.form.occupation')}
      hint={t('gtec.form.occupationHint')}
      value={props.value}
      resolve={async (v) => {
        const [rome] = v.split('|');
        return {
          value: v,
          text: picked.get(v) ?? (props.labels[rome] ? `${props.labels[rome]} (${rome})` : rome),
        };
      }}
      search={search}
      onChange={(v) => props.onChange(v ? v.split('|')[0] : null, v)}
      noResult={t('gtec.form.noOccupation')}
      clearLabel={t('gtec.form.clearOccupation')}
      error={props.error}
      minChars={2}
    />
  );
}
