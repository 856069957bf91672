import { useState } from 'react';
import { Field } from '../../components/Field.tsx';
import { useLocale } from '../../lib/i18n.tsx';
import {
  dayInWords,
  defaultsFor,
  describe,
  type Nth,
  nextDates,
  type Recurrence,
  type Repeating,
  type Weekday,
  weekdays,
} from './recurrence.ts';

interface Props {
  value: Recurrence;
  onChange: (next: Recurrence) => void;
  /** The event's start (YYYY-MM-DDTHH:MM), first day of the series. */
  start: string;
  error?: string;
  idFor: (field: string) => string;
}

const nths: Nth[] = [1, 2, 3, 4, -1];

/** Recurrence in words (never an RRULE typed), with the resulting sentence and the next five dates. */
export function RecurrenceFields({ value, onChange, start, error, idFor }: Props) {
  const { t, locale } = useLocale();
  const [exception, setException] = useState('');
  const dayName = (d: Weekday) => t(`events.compose.days.${d}`);
  const set = (patch: Partial<Repeating>) =>
    value.kind !== 'none' && value.kind !== 'custom' && onChange({ ...value, ...patch });
  const repeating = value.kind !== 'none' && value.kind !== 'custom' ? value : null;
  const dates = nextDates(value, start, 5);
  const longDate = (iso: string) =>
    dayInWords(iso, locale === 'en' ? 'en' : 'fr', { year: true, weekday: true });

  return (
    <fieldset className="event-form__recurrence">
      <legend>{t('events.compose.recurrence')}</legend>
      <Field
        as="select"
        label={t('events.compose.repeats')}
        id={idFor('recurrenceRule')}
        name="recurrenceKind"
        value={value.kind}
        error={error}
        onChange={(e) => {
          const kind = e.target.value as Recurrence['kind'];
          if (kind === 'none') onChange({ kind: 'none' });
          else if (kind !== 'custom') {
            const fresh = defaultsFor(kind, start);
            onChange(
              repeating
                ? {
                    ...fresh,
                    end: repeating.end,
                    until: repeating.until,
                    count: repeating.count,
                    exceptions: repeating.exceptions,
                  }
                : fresh,
            );
          }
        }}
      >
        <option value="none">{t('events.compose.kinds.none')}</option>
        <option value="weekly">{t('events.compose.kinds.weekly')}</option>
        <option value="monthlyNth">{t('events.compose.kinds.monthlyNth')}</option>
        <option value="monthlyDay">{t('events.compose.kinds.monthlyDay')}</option>
        {value.kind === 'custom' ? <option value="custom">{t('events.compose.kinds.custom')}</option> : null}
      </Field>
      {repeating ? (
        <div className="agenda-filters__row">
          {repeating.kind === 'monthlyNth' ? (
            <Field
              as="select"
              label={t('events.compose.nth')}
              name="recurrenceNth"
              value={String(repeating.nth)}
              onChange={(e) => set({ nth: Number(e.target.value) as Nth })}
            >
              {nths.map((n) => (
                <option key={n} value={n}>
                  {t(`events.compose.nths.${n === -1 ? 'last' : n}`)}
                </option>
              ))}
            </Field>
          ) : null}
          {repeating.kind === 'monthlyDay' ? (
            <Field
              type="number"
              min={1}
              max={31}
              label={t('events.compose.monthDay')}
              name="recurrenceMonthDay"
              value={String(repeating.monthDay)}
              onChange={(e) => set({ monthDay: Math.min(31, Math.max(1, Number(e.target.value) || 1)) })}
            />
          ) : (
            <Field
              as="select"
              label={t('events.compose.weekday')}
              name="recurrenceWeekday"
              value={repeating.weekday}
              onChange={(e) => set({ weekday: e.target.value as Weekday })}
            >
              {weekdays.map((d) => (
                <option key={d} value={d}>
                  {dayName(d)}
                </option>
              ))}
            </Field>
          )}
          <Field
            as="select"
            label={t('events.compose.ends')}
            name="recurrenceEnd"
            value={repeating.end}
            onChange={(e) => set({ end: e.target.value as Repeating['end'] })}
          >
            <option value="until">{t('events.compose.endKinds.until')}</option>
            <option value="count">{t('events.compose.endKinds.count')}</option>
            <option value="never">{t('events.compose.endKinds.never')}</option>
          </Field>
          {repeating.end === 'until' ? (
            <Field
              type="date"
              label={t('events.compose.until')}
              name="recurrenceUntil"
              value={repeating.until}
              onChange={(e) => set({ until: e.target.value })}
            />
          ) : null}
          {repeating.end === 'count' ? (
            <Field
              type="number"
              min={1}
              max={500}
              label={t('events.compose.count')}
              name="recurrenceCount"
              value={String(repeating.count)}
              onChange={(e) => set({ count: Math.min(500, Math.max(1, Number(e.target.value) || 1)) })}
            />
          ) : null}
        </div>
      ) : null}
      {repeating ? (
        <div className="event-form__exceptions">
          <div className="agenda-filters__row">
            <Field
              type="date"
              label={t('events.compose.except')}
              name="recurrenceException"
              value={exception}
              onChange={(e) => setException(e.target.value)}
            />
            <button
              type="button"
              className="button button--secondary"
              disabled={!exception}
              onClick={() => {
                if (exception && !repeating.exceptions.includes(exception)) {
                  set({ exceptions: [...repeating.exceptions, exception].sort() });
                }
                setException('');
              }}
            >
              {t('events.compose.addException')}
            </button>
          </div>
          {repeating.exceptions.length ? (
            <ul className="event-form__chosen">
              {repeating.exceptions.map((d) => (
                <li key={d}>
                  {longDate(d)}{' '}
                  <button
                    type="button"
                    className="button button--link"
                    onClick={() => set({ exceptions: repeating.exceptions.filter((x) => x !== d) })}
                  >
                    {t('events.compose.removeException', { date: longDate(d) })}
                  </button>
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
      <div aria-live="polite" className="event-form__recurrence-summary">
        <p>
          <strong data-testid="recurrence-sentence">{describe(value, locale === 'en' ? 'en' : 'fr')}</strong>
        </p>
        {value.kind !== 'none' && dates.length ? (
          <>
            <p>{t('events.compose.nextDates')}</p>
            <ol className="event-form__dates">
              {dates.map((d) => (
                <li key={d}>{longDate(d)}</li>
              ))}
            </ol>
          </>
        ) : null}
      </div>
    </fieldset>
  );
}
