import { useT } from '../../lib/i18n.tsx';

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
