import { type KeyboardEvent, useEffect, useId, useRef, useState } from 'react';
import { api } from '../lib/api.ts';
import { useT } from '../lib/i18n.tsx';
import { FieldShell } from './Field.tsx';

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
  onChange: (code: string | null, territory: TerritoryOption | null) => void;
  label?: string;
  /** Restrict suggestions, e.g. `['commune']`. */
  levels?: TerritoryLevel[];
  error?: string;
  hint?: string;
  required?: boolean;
  id?: string;
  name?: string;
}

function display(t: TerritoryOption): string {
  return t.label ?? t.name;
}

/**
 * Combobox over GET /api/territories (ARIA 1.2 pattern: input role=combobox + listbox, arrow keys, Enter, Escape).
 * Typing a name or a postcode suggests territories; choosing one calls onChange with its canonical code.
 */
export function TerritoryPicker({ value, onChange, label, levels, error, hint, required, id, name }: Props) {
  const t = useT();
  const listId = `tp${useId()}`;
  const [text, setText] = useState('');
  const [selected, setSelected] = useState<TerritoryOption | null>(null);
  const [options, setOptions] = useState<TerritoryOption[]>([]);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const [searched, setSearched] = useState(false);
  const typing = useRef(false);

  // Resolve the code given from outside (e.g. from the URL) into its name.
  useEffect(() => {
    if (!value) {
      setSelected(null);
      if (!typing.current) setText('');
      return;
    }
    if (selected?.code === value) return;
    const controller = new AbortController();
    api<TerritoryOption>(`/api/territories/${encodeURIComponent(value)}`, { signal: controller.signal })
      .then((territory) => {
        setSelected(territory);
        setText(display(territory));
      })
      .catch(() => setText(value));
    return () => controller.abort();
  }, [value, selected?.code]);

  // Suggestions, debounced.
  useEffect(() => {
    if (!typing.current) return;
    const q = text.trim();
    if (q.length < 2) {
      setOptions([]);
      setSearched(false);
      return;
    }
    const controller = new AbortController();
    const timer = setTimeout(() => {
      api<{ items: TerritoryOption[] }>('/api/territories', {
        query: { q, level: levels?.join(','), limit: 10 },
        signal: controller.signal,
      })
        .then((res) => {
          setOptions(res.items);
          setSearched(true);
          setActive(-1);
          setOpen(true);
        })
        .catch(() => undefined);
    }, 180);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [text, levels]);

  function choose(option: TerritoryOption) {
    typing.current = false;
    setSelected(option);
    setText(display(option));
    setOpen(false);
    setOptions([]);
    onChange(option.code, option);
  }

  function onKeyDown(e: KeyboardEvent<HTMLInputElement>) {
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      if (!open && options.length) setOpen(true);
      setActive((i) => Math.min(options.length - 1, i + 1));
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      setActive((i) => Math.max(0, i - 1));
    } else if (e.key === 'Enter' && open && active >= 0 && options[active]) {
      e.preventDefault();
      choose(options[active]);
    } else if (e.key === 'Escape') {
      if (open) {
        e.preventDefault();
        setOpen(false);
      }
    }
  }

  const expanded = open && (options.length > 0 || searched);
  const activeId = expanded && active >= 0 ? `${listId}-${active}` : undefined;
  return (
    <FieldShell
      label={label ?? t('common.territory.label')}
      error={error}
      hint={hint}
      required={required}
      id={id}
    >
      {(control) => (
        <div className="combobox">
          <div className="combobox__row">
            <input
              {...control}
              name={name}
              type="text"
              role="combobox"
              autoComplete="off"
              aria-autocomplete="list"
              aria-expanded={expanded}
              aria-controls={listId}
              aria-activedescendant={activeId}
              placeholder={t('common.territory.placeholder')}
              value={text}
              onChange={(e) => {
                typing.current = true;
                setText(e.target.value);
                if (selected) {
                  setSelected(null);
                  onChange(null, null);
                }
              }}
              onKeyDown={onKeyDown}
              onBlur={() => setTimeout(() => setOpen(false), 150)}
              onFocus={() => options.length && setOpen(true)}
            />
            {value ? (
              <button
                type="button"
                className="combobox__clear"
                aria-label={t('common.territory.clear')}
                onClick={() => {
                  typing.current = false;
                  setText('');
                  setSelected(null);
                  setOptions([]);
                  onChange(null, null);
                }}
              >
                <span aria-hidden="true">×</span>
              </button>
            ) : null}
          </div>
          <div id={listId} role="listbox" className="combobox__list" hidden={!expanded}>
            {options.map((option, i) => (
              // biome-ignore lint/a11y/useKeyWithClickEvents: keyboard handled on the combobox input
              <div
                key={option.code}
                id={`${listId}-${i}`}
                role="option"
                aria-selected={i === active}
                tabIndex={-1}
                className={i === active ? 'is-active' : undefined}
                onMouseDown={(e) => e.preventDefault()}
                onClick={() => choose(option)}
              >
                <span>{display(option)}</span>{' '}
                <span className="combobox__level">{t(`common.territory.levels.${option.level}`)}</span>
              </div>
            ))}
            {searched && options.length === 0 ? (
              <div
                role="option"
                aria-disabled="true"
                aria-selected="false"
                tabIndex={-1}
                className="combobox__empty"
              >
                {t('common.territory.noResult')}
              </div>
            ) : null}
          </div>
          <span className="visually-hidden" aria-live="polite">
            {expanded && options.length ? t('common.territory.results', { count: options.length }) : ''}
          </span>
        </div>
      )}
    </FieldShell>
  );
}
