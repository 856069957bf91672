import { useLocale } from '../../lib/i18n.tsx';
import type { AuditEntry } from './types.ts';

// One audit entry in words: "Claire Martin a publié l'événement « … »", the local time, and the fields that
// changed under their labels, with values in words (statuses, yes/no, dates, months) and no internal ids.

function plain(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'string') return value;
  if (Array.isArray(value) && value.every((v) => typeof v !== 'object')) return value.join(', ') || '—';
  return JSON.stringify(value);
}

/** Internal references (ids) say nothing to a reader: the sentence already names the object. */
const internal = (key: string) => /(^id|Id|Ids)$/.test(key);

/** Field-by-field changes between two snapshots (only what differs; everything on a creation or deletion). */
export function auditDiff(
  before: unknown,
  after: unknown,
  show: (field: string, value: unknown) => string = (_f, v) => plain(v),
): { field: string; before: string; after: string }[] {
  const b = before && typeof before === 'object' ? (before as Record<string, unknown>) : {};
  const a = after && typeof after === 'object' ? (after as Record<string, unknown>) : {};
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])].filter((k) => !internal(k));
  return keys
    .filter((k) => JSON.stringify(b[k]) !== JSON.stringify(a[k]))
    .map((k) => ({ field: k, before: show(k, b[k]), after: show(k, a[k]) }));
}

const codedKeys = new Set(['status', 'pendingEditStatus', 'kind', 'role']);
const isRecord = (v: unknown) => Boolean(v) && typeof v === 'object';

/** A translation, or undefined when the dictionary has none. */
function useOptional() {
  const { t } = useLocale();
  return (key: string, vars?: Record<string, string>) => {
    const text = t(key, vars);
    return text === key ? undefined : text;
  };
}

/** `camelCase` → "camel case", for a field the catalogue does not name yet (never the raw code). */
const words = (key: string) =>
  key
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/_/g, ' ')
    .toLowerCase();

export function AuditEntryView({ entry }: { entry: AuditEntry }) {
  const { t, locale, formatDateTime } = useLocale();
  const optional = useOptional();
  const actor = entry.actorName ?? t('admin.audit.system');
  const subject = entry.subject
    ? locale === 'fr'
      ? `«\u00a0${entry.subject}\u00a0»`
      : `“${entry.subject}”`
    : '';
  // How many people a write reached ("a écrit aux 42 inscrits"), when the entry records it.
  const recipients = isRecord(entry.after) ? (entry.after as Record<string, unknown>).recipients : undefined;
  const count = typeof recipients === 'number' ? String(recipients) : '';
  const sentence = (
    optional(`admin.audit.actions.${entry.action}`, { actor, subject, count }) ??
    t('admin.audit.unknownAction', { actor, subject })
  )
    .replace(/ {2,}/g, ' ')
    .trim();
  const month = new Intl.DateTimeFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', {
    month: 'long',
    year: 'numeric',
  });
  const show = (field: string, value: unknown): string => {
    if (typeof value === 'boolean') return t(`admin.audit.values.${value}`);
    if (typeof value === 'string' && codedKeys.has(field))
      return optional(`admin.audit.values.${value}`) ?? value;
    if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(value))
      return formatDateTime(value);
    if (typeof value === 'string' && /^\d{4}-(0[1-9]|1[0-2])$/.test(value))
      return month.format(new Date(`${value}-15T12:00:00Z`));
    return plain(value);
  };
  const rows = auditDiff(entry.before, entry.after, show);
  const showBefore = isRecord(entry.before);
  const showAfter = isRecord(entry.after) || !showBefore;
  const label = (field: string) => optional(`admin.audit.fields.${field}`) ?? words(field);
  return (
    <>
      <p className="audit-entry__head">
        <span className="audit-entry__sentence">{sentence}</span>{' '}
        <time className="muted" dateTime={entry.at}>
          {formatDateTime(entry.at)}
        </time>
      </p>
      {rows.length ? (
        <div className="table-wrap">
          <table className="diff">
            <thead>
              <tr>
                <th scope="col">{t('admin.audit.field')}</th>
                {showBefore ? <th scope="col">{t('admin.audit.before')}</th> : null}
                {showAfter ? (
                  <th scope="col">{showBefore ? t('admin.audit.after') : t('admin.audit.value')}</th>
                ) : null}
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.field}>
                  <th scope="row">{label(r.field)}</th>
                  {showBefore ? <td className="diff__before">{r.before}</td> : null}
                  {showAfter ? <td className={showBefore ? 'diff__after' : undefined}>{r.after}</td> : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </>
  );
}
