import {
  type InputHTMLAttributes,
  type ReactNode,
  type SelectHTMLAttributes,
  type TextareaHTMLAttributes,
  useId,
} from 'react';
import { useT } from '../lib/i18n.tsx';

/** Props a control receives from `FieldShell`: wire them onto the input. */
export interface ControlProps {
  id: string;
  'aria-invalid': true | undefined;
  'aria-describedby': string | undefined;
  required: boolean | undefined;
}

interface ShellProps {
  label: ReactNode;
  /** Inline error (e.g. from an ApiError's `fields[name]`); sets aria-invalid and is read with the field. */
  error?: string;
  hint?: ReactNode;
  required?: boolean;
  id?: string;
  className?: string;
  children: (control: ControlProps) => ReactNode;
}

/** Label + any control + hint + inline error, tied together with aria-describedby / aria-invalid. */
export function FieldShell({ label, error, hint, required, id, className, children }: ShellProps) {
  const t = useT();
  const auto = useId();
  const controlId = id ?? `f${auto}`;
  const hintId = hint ? `${controlId}-hint` : undefined;
  const errorId = error ? `${controlId}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field${error ? ' field--invalid' : ''}${className ? ` ${className}` : ''}`}>
      <label htmlFor={controlId}>
        {label}
        {required ? (
          <span className="field__required">
            {' '}
            <span aria-hidden="true">*</span>
            <span className="visually-hidden">({t('common.required')})</span>
          </span>
        ) : null}
      </label>
      {hint ? (
        <p className="field__hint" id={hintId}>
          {hint}
        </p>
      ) : null}
      {children({
        id: controlId,
        'aria-invalid': error ? true : undefined,
        'aria-describedby': describedBy,
        required: required || undefined,
      })}
      {error ? (
        <p className="field__error" id={errorId}>
          {error}
        </p>
      ) : null}
    </div>
  );
}

type Common = { label: ReactNode; error?: string; hint?: ReactNode; className?: string };
type InputFieldProps = Common & { as?: 'input' } & InputHTMLAttributes<HTMLInputElement>;
type TextareaFieldProps = Common & { as: 'textarea' } & TextareaHTMLAttributes<HTMLTextAreaElement>;
type SelectFieldProps = Common & { as: 'select' } & SelectHTMLAttributes<HTMLSelectElement>;

/**
 * `<Field label="Nom" name="name" value={…} onChange={…} error={fields.name} required />`;
 * `as="textarea"` or `as="select"` (options as children) for the other controls.
 */
export function Field(props: InputFieldProps | TextareaFieldProps | SelectFieldProps) {
  const { label, error, hint, className, required, id } = props;
  return (
    <FieldShell label={label} error={error} hint={hint} required={required} id={id} className={className}>
      {(control) => {
        if (props.as === 'textarea') {
          const { as: _as, label: _l, error: _e, hint: _h, className: _c, ...rest } = props;
          return <textarea {...rest} {...control} />;
        }
        if (props.as === 'select') {
          const { as: _as, label: _l, error: _e, hint: _h, className: _c, ...rest } = props;
          return <select {...rest} {...control} />;
        }
        const { as: _as, label: _l, error: _e, hint: _h, className: _c, ...rest } = props;
        return <input {...rest} {...control} />;
      }}
    </FieldShell>
  );
}
