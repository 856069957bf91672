import { expect, describe as group, it } from 'vitest';
import {
  expandOccurrences,
  formatLocalDateTime,
  parseLocalDateTime,
  parseRule,
} from '../../../server/modules/events/events.time.ts';
import {
  dayInWords,
  defaultsFor,
  describe,
  fromRule,
  nextDates,
  type Recurrence,
  toRule,
} from './recurrence.ts';

// The form's recurrence in words: the RRULE it sends, the sentence and the dates it shows, and the same dates as
// the server's expansion of that rule (the rrule package), so that the preview never promises other days.

const afterwork: Recurrence = {
  ...defaultsFor('monthlyNth', '2026-11-05'),
  end: 'until',
  until: '2027-06-25',
  exceptions: ['2027-01-07'],
};

const serverDates = (rule: string, exceptions: string[], start: string, n: number) =>
  expandOccurrences(
    {
      startsAt: parseLocalDateTime(`${start}T18:30`)!,
      endsAt: parseLocalDateTime(`${start}T20:30`)!,
      recurrenceRule: parseRule(rule).text,
      recurrenceExceptions: exceptions,
      timezone: 'Europe/Paris',
    },
    parseLocalDateTime(`${start}T00:00`)!,
    parseLocalDateTime('2030-12-31T00:00')!,
  )
    .slice(0, n)
    .map((o) => formatLocalDateTime(o.startsAt).slice(0, 10));

group('recurrence in words', () => {
  it('the first Thursday of each month until a date, except one: rule, sentence and next dates', () => {
    expect(afterwork).toMatchObject({ weekday: 'TH', nth: 1 });
    expect(toRule(afterwork)).toEqual({
      rule: 'FREQ=MONTHLY;BYDAY=1TH;UNTIL=20270625T235959Z',
      exceptions: ['2027-01-07'],
    });
    expect(describe(afterwork, 'fr')).toBe(
      'Le premier jeudi de chaque mois jusqu’au 25 juin 2027, sauf le 7 janvier',
    );
    expect(nextDates(afterwork, '2026-11-05T18:30')).toEqual([
      '2026-11-05',
      '2026-12-03',
      '2027-02-04',
      '2027-03-04',
      '2027-04-01',
    ]);
  });

  it.each<[string, string, Recurrence]>([
    ['weekly, 6 times', '2026-10-28', { ...defaultsFor('weekly', '2026-10-28'), end: 'count', count: 6 }],
    ['last Friday, open-ended', '2026-10-30', { ...defaultsFor('monthlyNth', '2026-10-30'), end: 'never' }],
    [
      'the 31st, skipping short months',
      '2026-10-31',
      { ...defaultsFor('monthlyDay', '2026-10-31'), end: 'count', count: 7 },
    ],
    [
      'third Tuesday until a date, two days skipped',
      '2026-03-17',
      {
        ...defaultsFor('monthlyNth', '2026-03-17'),
        end: 'until',
        until: '2026-12-31',
        exceptions: ['2026-07-21', '2026-08-18'],
      },
    ],
    ['the afterwork', '2026-11-05', afterwork],
  ])('%s: the preview gives the dates the server expands', (_name, start, r) => {
    const { rule, exceptions } = toRule(r);
    expect(nextDates(r, start, 8)).toEqual(serverDates(rule!, exceptions, start, 8));
  });

  it('reads its own rules back, and keeps a rule it cannot say in words as it is', () => {
    for (const r of [
      afterwork,
      { ...defaultsFor('weekly', '2026-10-28'), end: 'count' as const, count: 6 },
    ]) {
      const { rule, exceptions } = toRule(r);
      expect(toRule(fromRule(parseRule(rule!).text, exceptions))).toEqual({ rule, exceptions });
    }
    expect(fromRule('FREQ=MONTHLY;BYDAY=+1TH')).toMatchObject({ kind: 'monthlyNth', nth: 1, end: 'never' });
    expect(fromRule('FREQ=WEEKLY;INTERVAL=2;BYDAY=MO')).toEqual({
      kind: 'custom',
      rule: 'FREQ=WEEKLY;INTERVAL=2;BYDAY=MO',
      exceptions: [],
    });
    expect(fromRule(null)).toEqual({ kind: 'none' });
    expect(dayInWords('2027-04-01', 'fr', { year: true, weekday: true })).toBe('jeudi 1er avril 2027');
    expect(describe({ ...defaultsFor('monthlyDay', '2026-10-15'), end: 'count', count: 3 }, 'fr')).toBe(
      'Le 15 de chaque mois, 3 fois',
    );
    expect(
      describe(
        { ...defaultsFor('weekly', '2026-10-28'), end: 'never', exceptions: ['2026-11-11', '2026-12-23'] },
        'fr',
      ),
    ).toBe('Chaque mercredi, sauf le 11 novembre et le 23 décembre');
  });
});
