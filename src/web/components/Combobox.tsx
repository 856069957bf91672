import { type KeyboardEvent, type ReactNode, useEffect, useId, useRef, useState } from 'react';
import { useT } from '../lib/i18n.tsx';
import { FieldShell } from './Field.tsx';

export interface ComboboxOption {
  value: string;
  /** Text put in the input once chosen. */
  text: string;
  /** Optional richer rendering in the list. */
  render?: ReactNode;
}

interface Props {
  label: string;
  /** The chosen value (or empty); `resolve` turns it into its text when set from outside. */
  value: string | null;
  resolve?: (value: string, signal: AbortSignal) => Promise<ComboboxOption | null>;
  search: (q: string, signal: AbortSignal) => Promise<ComboboxOption[]>;
  onChange: (value: string | null, option: ComboboxOption | null) => void;
  placeholder?: string;
  noResult: string;
  clearLabel: string;
  error?: string;
  hint?: string;
  required?: boolean;
  id?: string;
  name?: string;
  minChars?: number;
  /** Called with the text as typed (for a free-text field that also offers suggestions, like an address). */
  onInput?: (text: string) => void;
}

/**
 * Accessible autocomplete (ARIA 1.2 combobox: input role=combobox + listbox, arrow keys, Enter, Escape, live count).
 * Used by TerritoryPicker, the NAF picker, and the event form's organisation and address pickers.
 */
export function Combobox(props: Props) {
  const { label, value, resolve, search, onChange, placeholder, noResult, clearLabel, minChars = 2 } = props;
  const t = useT();
  const listId = `cb${useId()}`;
  const [text, setText] = useState('');
  const [chosen, setChosen] = useState<string | null>(null);
  const [options, setOptions] = useState<ComboboxOption[]>([]);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const [searched, setSearched] = useState(false);
  const typing = useRef(false);
  const resolveRef = useRef(resolve);
  resolveRef.current = resolve;
  const searchRef = useRef(search);
  searchRef.current = search;

  useEffect(() => {
    if (!value) {
      setChosen(null);
      if (!typing.current) setText('');
      return;
    }
    if (chosen === value) return;
    const controller = new AbortController();
    const resolver = resolveRef.current;
    if (!resolver) {
      setChosen(value);
      if (!typing.current) setText(value);
      return;
    }
    // A value set from outside (a page that loads its current territory) never overwrites what the person has
    // started typing meanwhile: their search goes on.
    resolver(value, controller.signal)
      .then((option) => {
        setChosen(value);
        if (!typing.current) setText(option?.text ?? value);
      })
      .catch(() => {
        // A lookup aborted because `value` changed again is not a failure: the next one will set the text.
        if (!controller.signal.aborted && !typing.current) setText(value);
      });
    return () => controller.abort();
  }, [value, chosen]);

  useEffect(() => {
    if (!typing.current) return;
    const q = text.trim();
    if (q.length < minChars) {
      setOptions([]);
      setSearched(false);
      return;
    }
    const controller = new AbortController();
    const timer = setTimeout(() => {
      searchRef
        .current(q, controller.signal)
        .then((items) => {
          setOptions(items);
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
  }, [text, minChars]);

  function choose(option: ComboboxOption) {
    typing.current = false;
    setChosen(option.value);
    setText(option.text);
    setOpen(false);
    setOptions([]);
    setSearched(false);
    onChange(option.value, option);
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
    } else if (e.key === 'Escape' && open) {
      e.preventDefault();
      setOpen(false);
    }
  }

  const expanded = open && (options.length > 0 || searched);
  const activeId = expanded && active >= 0 ? `${listId}-${active}` : undefined;
  return (
    <FieldShell label={label} error={props.error} hint={props.hint} required={props.required} id={props.id}>
      {(control) => (
        <div className="combobox">
          <div className="combobox__row">
            <input
              {...control}
              name={props.name}
              type="text"
              role="combobox"
              autoComplete="off"
              aria-autocomplete="list"
              aria-expanded={expanded}
              aria-controls={listId}
              aria-activedescendant={activeId}
              placeholder={placeholder}
              value={text}
              onChange={(e) => {
                typing.current = true;
                setText(e.target.value);
                props.onInput?.(e.target.value);
                if (chosen) {
                  setChosen(null);
                  onChange(null, null);
                }
              }}
              onKeyDown={onKeyDown}
              onBlur={() => setTimeout(() => setOpen(false), 150)}
              onFocus={() => options.length > 0 && setOpen(true)}
            />
            {value ? (
              <button
                type="button"
                className="combobox__clear"
                aria-label={clearLabel}
                onClick={() => {
                  typing.current = false;
                  setText('');
                  setChosen(null);
                  setOptions([]);
                  onChange(null, null);
                }}
              >
                <span aria-hidden="true">×</span>
              </button>
            ) : null}
          </div>
          <div id={listId} role="listbox" aria-label={label} className="combobox__list" hidden={!expanded}>
            {options.map((option, i) => (
              // biome-ignore lint/a11y/useKeyWithClickEvents: keyboard is handled on the combobox input
              <div
                key={option.value}
                id={`${listId}-${i}`}
                role="option"
                tabIndex={-1}
                aria-selected={i === active}
                className={i === active ? 'is-active' : undefined}
                onMouseDown={(e) => e.preventDefault()}
                onClick={() => choose(option)}
              >
                {option.render ?? option.text}
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
                {noResult}
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
