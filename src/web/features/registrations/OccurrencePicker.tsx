import { Field } from '../../components/Field.tsx';
import { useLocale } from '../../lib/i18n.tsx';
import type { RegistrantList } from './types.ts';

/**
 * The date an organiser works on, for a recurring event (registrants, check-in and exports are per date): the
 * dates that have registrations and the next ones, with their counts; the server's default is the next date.
 * Renders nothing for a one-off event.
 */
export function OccurrencePicker({
  list,
  onChange,
}: {
  list: RegistrantList | undefined;
  onChange: (occurrence: string) => void;
}) {
  const { t, formatDate } = useLocale();
  if (!list?.event.recurring) return null;
  const day = (iso: string) =>
    formatDate(iso, {
      weekday: 'long',
      day: 'numeric',
      month: 'long',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      timeZone: 'Europe/Paris',
    });
  return (
    <Field
      as="select"
      label={t('registrations.organizer.date')}
      name="occurrence"
      value={list.occurrence}
      onChange={(e) => onChange(e.target.value)}
    >
      {list.occurrences.map((d) => (
        <option key={d.startsAt} value={d.startsAt}>
          {t('registrations.organizer.dateOption', { date: day(d.startsAt), ...d })}
        </option>
      ))}
    </Field>
  );
}
