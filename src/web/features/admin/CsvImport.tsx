import { Field, FieldShell } from '../../components/Field.tsx';
import { useT } from '../../lib/i18n.tsx';

// The pieces shared by the CSV imports (organisations, published figures): the file field and the refused rows.

export type ImportError = { line: number; field: string; reason: string };

/** The rows a CSV import refused: line, field (as labelled by `fieldLabel`) and reason; nothing when none. */
export function ImportErrors({
  errors,
  fieldLabel = (f) => f,
}: {
  errors: ImportError[];
  fieldLabel?: (field: string) => string;
}) {
  const t = useT();
  if (errors.length === 0) return null;
  return (
    <div className="table-wrap">
      <table>
        <caption>{t('admin.import.errorsCaption', { count: errors.length })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('admin.import.line')}</th>
            <th scope="col">{t('admin.import.field')}</th>
            <th scope="col">{t('admin.import.reason')}</th>
          </tr>
        </thead>
        <tbody>
          {errors.map((e, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: a line may hold several errors, in a fixed order
            <tr key={`${e.line}-${e.field}-${i}`}>
              <td>{e.line}</td>
              <td>{fieldLabel(e.field)}</td>
              <td>{e.reason}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The CSV file field of an import form; `onFile` gets the chosen file (null when none). */
export function CsvFileField({
  hint,
  error,
  onFile,
}: {
  hint: string;
  error: string;
  onFile: (file: File | null) => void;
}) {
  const t = useT();
  return (
    <FieldShell label={t('admin.import.file')} hint={hint} error={error} required>
      {(control) => (
        <input
          {...control}
          type="file"
          accept=".csv,text/csv"
          onChange={(e) => onFile(e.target.files?.[0] ?? null)}
        />
      )}
    </FieldShell>
  );
}

/** The network an import is made for: optional for a platform admin, required for a coordinator of several. */
export function NetworkSelect({
  label,
  hint,
  value,
  admin,
  networks,
  onChange,
}: {
  label: string;
  hint: string;
  value: string;
  admin: boolean;
  networks: { id: string; name: string }[];
  onChange: (networkId: string) => void;
}) {
  const t = useT();
  return (
    <Field
      as="select"
      label={label}
      hint={hint}
      value={value}
      required={!admin}
      onChange={(e) => onChange(e.target.value)}
    >
      <option value="">{admin ? t('admin.import.noNetwork') : t('admin.import.chooseNetwork')}</option>
      {networks.map((n) => (
        <option key={n.id} value={n.id}>
          {n.name}
        </option>
      ))}
    </Field>
  );
}
