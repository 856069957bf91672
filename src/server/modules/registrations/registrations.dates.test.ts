import { expect, it } from 'vitest';
import { frenchDate, frenchDay } from './registrations.occurrence.ts';

// Mails and messages write dates as French does: the first of a month is "1er", in the event's time zone.

it('writes "1er" for the first of a month and a plain number otherwise, in the event’s zone', () => {
  expect(frenchDate(new Date('2027-04-01T16:30:00Z'))).toBe('jeudi 1er avril 2027 à 18:30');
  expect(frenchDay(new Date('2027-04-01T16:30:00Z'))).toBe('jeudi 1er avril 2027');
  expect(frenchDay(new Date('2027-02-11T17:30:00Z'))).toBe('jeudi 11 février 2027');
  // 23:30 UTC on 30 April is already 1 May in Paris.
  expect(frenchDay(new Date('2027-04-30T23:30:00Z'))).toBe('samedi 1er mai 2027');
});
