import { expect, it } from 'vitest';
import { formatDate, parisToday } from './dates.ts';

it('writes the first of a month "1er" in French, and no other day', () => {
  const utc = { timeZone: 'UTC' } as const;
  expect(formatDate('2026-04-01T12:00:00Z', 'fr-FR', { ...utc, day: 'numeric', month: 'long' })).toBe(
    '1er avril',
  );
  expect(
    formatDate('2026-04-01T12:00:00Z', 'fr-FR', { ...utc, weekday: 'long', day: 'numeric', month: 'long' }),
  ).toBe('mercredi 1er avril');
  expect(formatDate('2026-04-01T12:00:00Z', 'fr-FR', { ...utc, dateStyle: 'long' })).toBe('1er avril 2026');
  expect(formatDate('2026-04-11T12:00:00Z', 'fr-FR', { ...utc, day: 'numeric', month: 'long' })).toBe(
    '11 avril',
  );
  expect(formatDate('2026-04-21T12:00:00Z', 'fr-FR', { ...utc, day: 'numeric', month: 'long' })).toBe(
    '21 avril',
  );
  expect(formatDate('2026-04-01T12:00:00Z', 'en-GB', { ...utc, day: 'numeric', month: 'long' })).toBe(
    '1 April',
  );
  expect(formatDate('2026-04-01T12:00:00Z', 'fr-FR', { ...utc, month: 'long', year: 'numeric' })).toBe(
    'avril 2026',
  );
});

it('gives the Paris day, which is already tomorrow at 23:30 UTC', () => {
  expect(parisToday(new Date('2026-12-02T23:30:00Z'))).toBe('2026-12-03');
  expect(parisToday(new Date('2026-07-01T21:59:00Z'))).toBe('2026-07-01');
  expect(parisToday(new Date('2026-07-01T22:00:00Z'))).toBe('2026-07-02');
});
