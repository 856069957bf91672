import { describe, expect, it } from 'vitest';
import {
  euros,
  firstPeriod,
  memberStatus,
  nextPeriod,
  type PlanTerms,
  periodKindAfter,
  withVat,
} from './memberships.rules.ts';

const plan = (over: Partial<PlanTerms> = {}): PlanTerms => ({
  priceCents: 12_000,
  vatRateBp: null,
  periodKind: 'calendar',
  seasonStart: null,
  proRata: 'none',
  lateJoinFrom: null,
  ...over,
});

describe('periods', () => {
  it('runs a calendar year from joining to 31 December, at full price without pro-rata', () => {
    expect(firstPeriod(plan(), '2026-03-10')).toEqual({
      startsOn: '2026-03-10',
      endsOn: '2026-12-31',
      priceHtCents: 12_000,
    });
  });
  it('charges the months left, the month of joining included, by month', () => {
    expect(firstPeriod(plan({ proRata: 'monthly' }), '2026-10-20').priceHtCents).toBe(3_000);
    expect(firstPeriod(plan({ proRata: 'monthly', priceCents: 10_000 }), '2026-02-01').priceHtCents).toBe(
      9_167,
    );
  });
  it('covers next year too when joining after the given date', () => {
    const p = plan({ proRata: 'late_covers_next', lateJoinFrom: '10-01' });
    expect(firstPeriod(p, '2026-09-30').endsOn).toBe('2026-12-31');
    expect(firstPeriod(p, '2026-10-01').endsOn).toBe('2027-12-31');
  });
  it('runs 12 months from joining for a rolling plan (29 February → 28 February)', () => {
    expect(firstPeriod(plan({ periodKind: 'rolling' }), '2024-02-29').endsOn).toBe('2025-02-28');
    expect(firstPeriod(plan({ periodKind: 'rolling' }), '2023-03-01').endsOn).toBe('2024-02-29');
    expect(firstPeriod(plan({ periodKind: 'rolling' }), '2026-03-10').endsOn).toBe('2027-03-09');
  });
  it('follows a season starting on a given day', () => {
    const p = plan({ periodKind: 'season', seasonStart: '09-01' });
    expect(firstPeriod(p, '2026-03-10').endsOn).toBe('2026-08-31');
    expect(firstPeriod(p, '2026-09-10').endsOn).toBe('2027-08-31');
  });
  it('renews for a full year from the day after the end', () => {
    expect(nextPeriod(plan(), '2026-12-31')).toEqual({
      startsOn: '2027-01-01',
      endsOn: '2027-12-31',
      priceHtCents: 12_000,
    });
  });
  it('tells a renewal from a re-join after a gap', () => {
    expect(periodKindAfter(null, '2026-01-01')).toBe('join');
    expect(periodKindAfter('2025-12-31', '2026-01-01')).toBe('renewal');
    expect(periodKindAfter('2024-12-31', '2026-03-01')).toBe('rejoin');
  });
});

describe('amounts', () => {
  it('computes VAT in whole cents, or none when not subject', () => {
    expect(withVat(12_345, 2000)).toEqual({ htCents: 12_345, vatCents: 2_469, ttcCents: 14_814 });
    expect(withVat(12_345, null)).toEqual({ htCents: 12_345, vatCents: 0, ttcCents: 12_345 });
    expect(withVat(1, 550)).toEqual({ htCents: 1, vatCents: 0, ttcCents: 1 });
  });
  it('writes euros the French way', () => {
    expect(euros(123_456)).toBe('1\u00a0234,56 €');
    expect(euros(-500)).toBe('-5,00 €');
  });
});

describe('status', () => {
  const paid = (startsOn: string, endsOn: string) => ({ startsOn, endsOn, state: 'paid' as const });
  const called = (startsOn: string, endsOn: string) => ({ startsOn, endsOn, state: 'called' as const });
  it('is pending for a new member whose first call is unpaid', () => {
    expect(memberStatus([called('2026-03-01', '2026-12-31')], '2026-03-10', 30)).toBe('pending');
  });
  it('is active while a paid period covers the day', () => {
    expect(memberStatus([paid('2026-01-01', '2026-12-31')], '2026-06-01', 30)).toBe('active');
  });
  it('is in grace after the end while the renewal is unpaid, then lapsed', () => {
    const periods = [paid('2025-01-01', '2025-12-31'), called('2026-01-01', '2026-12-31')];
    expect(memberStatus(periods, '2026-01-30', 30)).toBe('grace');
    expect(memberStatus(periods, '2026-01-31', 30)).toBe('lapsed');
  });
  it('is cancelled when every period is', () => {
    expect(
      memberStatus([{ startsOn: '2026-01-01', endsOn: '2026-12-31', state: 'cancelled' }], '2026-06-01', 30),
    ).toBe('cancelled');
  });
});
