import {
  type MouseEvent,
  type ReactNode,
  type RefObject,
  useCallback,
  useEffect,
  useRef,
  useState,
} from 'react';
import { ApiError } from '../lib/api.ts';
import { useT } from '../lib/i18n.tsx';

// One error summary for every form: after a failed submit it takes the focus, says how many fields need correcting
// and links each one (by the control's id) in the form's words: "Commune : …", never the field's code.

export interface FormErrors {
  errors: Record<string, string>;
  /** The id to give the control of `key` (the summary's links point at it). */
  idFor: (key: string) => string;
  /** Shows these errors (field → message) and moves the focus to the summary. */
  show: (errors: Record<string, string>) => void;
  /** Shows the field errors of a refused request; false when it carries none (show the error another way). */
  fromError: (err: unknown) => boolean;
  clear: () => void;
  summaryRef: RefObject<HTMLDivElement | null>;
}

/** `const errs = useFormErrors('event')`; give each control `id={errs.idFor('title')}`, `error={errs.errors.title}`. */
export function useFormErrors(prefix: string): FormErrors {
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [shown, setShown] = useState(0);
  const summaryRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (shown) summaryRef.current?.focus();
  }, [shown]);
  const show = useCallback((next: Record<string, string>) => {
    setErrors(next);
    if (Object.keys(next).length) setShown((n) => n + 1);
  }, []);
  const idFor = useCallback((key: string) => `${prefix}-${key.replace(/[^A-Za-z0-9_-]/g, '-')}`, [prefix]);
  return {
    errors,
    idFor,
    show,
    fromError: (err) => {
      if (!(err instanceof ApiError) || !Object.keys(err.fields).length) return false;
      show(err.fields);
      return true;
    },
    clear: () => setErrors({}),
    summaryRef,
  };
}

/** The focus target of a link: the control itself, or the first control inside a group (a fieldset of boxes). */
function focusField(id: string) {
  const el = document.getElementById(id);
  if (!el) return false;
  const target = el.matches('input, select, textarea, button, [tabindex]')
    ? el
    : el.querySelector<HTMLElement>('input, select, textarea, button');
  (target ?? el).scrollIntoView({ block: 'center' });
  (target ?? el).focus({ preventScroll: true });
  return true;
}

const sentence = (s: string) => {
  const text = s.trim();
  if (!text) return text;
  const capital = text[0].toLocaleUpperCase('fr') + text.slice(1);
  return /[.!?…]$/.test(capital) ? capital : `${capital}.`;
};

interface Props {
  form: Pick<FormErrors, 'errors' | 'idFor' | 'summaryRef'>;
  /** The field's label as the form shows it; undefined for a key the form has no control for. */
  labelFor: (key: string) => string | undefined;
  /** Anything to add under the list (e.g. a link to the organisation that already has this SIRET). */
  children?: ReactNode;
}

/** The list of fields to correct (role="alert", focused by `show`), each linking to its control. */
export function FormErrorSummary({ form, labelFor, children }: Props) {
  const t = useT();
  const keys = Object.keys(form.errors);
  if (!keys.length) return null;
  const follow = (key: string) => (e: MouseEvent) => {
    if (focusField(form.idFor(key))) e.preventDefault();
  };
  return (
    <div className="alert alert--error error-summary" role="alert" tabIndex={-1} ref={form.summaryRef}>
      <p className="error-summary__title">{t('common.formErrors.title', { count: keys.length })}</p>
      <ul>
        {keys.map((key) => {
          const label = labelFor(key);
          const message = sentence(form.errors[key]);
          return (
            <li key={key}>
              {label ? (
                <a href={`#${form.idFor(key)}`} onClick={follow(key)}>
                  {t('common.formErrors.item', { field: label, message })}
                </a>
              ) : (
                message
              )}
            </li>
          );
        })}
      </ul>
      {children}
    </div>
  );
}

/**
 * `labelFor` from a translation prefix: `labelsFrom(t, 'events.form.')('title')` → "Titre" (undefined if none);
 * `rename` maps a field to another key under the prefix (`communeCode: 'commune'`) or, with a dot, a whole key.
 */
export const labelsFrom =
  (t: (key: string) => string, prefix: string, rename: Record<string, string> = {}) =>
  (key: string): string | undefined => {
    const other = rename[key];
    const full = other?.includes('.') ? other : `${prefix}${other ?? key}`;
    const label = t(full);
    return label === full ? undefined : label;
  };
