// Pure rules of memberships: periods from a plan, pro-rata, VAT in cents, and a member's status from its periods.
// Dates are ISO calendar days (YYYY-MM-DD) in UTC: a membership is about days, not instants.

import { formatLocalDateTime } from '../events/events.time.ts';

export type PeriodKind = 'calendar' | 'rolling' | 'season';
export type ProRata = 'none' | 'monthly' | 'late_covers_next';
export type PlanTerms = {
  priceCents: number;
  vatRateBp: number | null;
  periodKind: PeriodKind;
  seasonStart: string | null;
  proRata: ProRata;
  lateJoinFrom: string | null;
};
export type MemberStatus = 'pending' | 'active' | 'grace' | 'lapsed' | 'cancelled';

const DAY = 86_400_000;
export const toDay = (d: Date): string => d.toISOString().slice(0, 10);
/** The calendar day an instant falls on in Paris: what "today" means to the network (00:30 in Paris is not yesterday). */
export const parisToday = (now: Date): string => formatLocalDateTime(now).slice(0, 10);
export const parseDay = (s: string): Date => new Date(`${s}T00:00:00Z`);
export const addDays = (s: string, n: number): string => toDay(new Date(parseDay(s).getTime() + n * DAY));
export const daysBetween = (from: string, to: string): number =>
  Math.round((parseDay(to).getTime() - parseDay(from).getTime()) / DAY);

/** The same day `n` years later; 29 February rolls over to 1 March (so a year from it ends on 28 February). */
function addYears(s: string, n: number): string {
  const d = parseDay(s);
  return toDay(new Date(Date.UTC(d.getUTCFullYear() + n, d.getUTCMonth(), d.getUTCDate())));
}

/** Start of the yearly cycle (calendar year or season) that contains `day`. */
function cycleStart(terms: PlanTerms, day: string): string {
  const year = Number(day.slice(0, 4));
  const mmdd = terms.periodKind === 'season' ? (terms.seasonStart ?? '01-01') : '01-01';
  const thisYear = `${year}-${mmdd}`;
  return day >= thisYear ? thisYear : `${year - 1}-${mmdd}`;
}

/** The first period of a member joining on `day`, and the share of the yearly price it costs (pro-rata). */
export function firstPeriod(
  terms: PlanTerms,
  day: string,
): { startsOn: string; endsOn: string; priceHtCents: number } {
  if (terms.periodKind === 'rolling') {
    return { startsOn: day, endsOn: addDays(addYears(day, 1), -1), priceHtCents: terms.priceCents };
  }
  const start = cycleStart(terms, day);
  let endsOn = addDays(addYears(start, 1), -1);
  let price = terms.priceCents;
  if (terms.proRata === 'monthly') {
    // Months left in the cycle, the month of joining included.
    const s = parseDay(start);
    const j = parseDay(day);
    const elapsed = (j.getUTCFullYear() - s.getUTCFullYear()) * 12 + (j.getUTCMonth() - s.getUTCMonth());
    price = Math.round((terms.priceCents * (12 - elapsed)) / 12);
  } else if (terms.proRata === 'late_covers_next' && terms.lateJoinFrom) {
    const threshold = `${start.slice(0, 4)}-${terms.lateJoinFrom}`;
    const lateFrom =
      threshold >= start ? threshold : `${Number(start.slice(0, 4)) + 1}-${terms.lateJoinFrom}`;
    if (day >= lateFrom) endsOn = addDays(addYears(start, 2), -1);
  }
  return { startsOn: day, endsOn, priceHtCents: price };
}

/** The period that follows one ending on `endsOn` (a renewal): a full year at the full price. */
export function nextPeriod(
  terms: PlanTerms,
  endsOn: string,
): { startsOn: string; endsOn: string; priceHtCents: number } {
  const startsOn = addDays(endsOn, 1);
  return { startsOn, endsOn: addDays(addYears(startsOn, 1), -1), priceHtCents: terms.priceCents };
}

/** VAT on an amount before tax, rounded to the cent (half away from zero); null rate = not subject to VAT. */
export function withVat(htCents: number, vatRateBp: number | null) {
  const vatCents = vatRateBp === null ? 0 : Math.round((htCents * vatRateBp) / 10_000);
  return { htCents, vatCents, ttcCents: htCents + vatCents };
}

export type PeriodFacts = { startsOn: string; endsOn: string; state: 'called' | 'paid' | 'cancelled' };

/**
 * A member's status on `today` from its periods: `active` while a paid period covers today; `grace` for
 * `graceDays` after the end of a paid period when the next one is not paid; `pending` when the only live periods
 * are unpaid and none was paid before (a new member) — or a lapsed member's re-join call; `lapsed` past the grace;
 * `cancelled` when every period is cancelled.
 */
export function memberStatus(periods: PeriodFacts[], today: string, graceDays: number): MemberStatus {
  const live = periods.filter((p) => p.state !== 'cancelled');
  if (live.length === 0) return periods.length > 0 ? 'cancelled' : 'pending';
  if (live.some((p) => p.state === 'paid' && p.startsOn <= today && today <= p.endsOn)) return 'active';
  const paidBefore = live
    .filter((p) => p.state === 'paid' && p.endsOn < today)
    .sort((a, b) => (a.endsOn < b.endsOn ? 1 : -1));
  const lastPaid = paidBefore[0];
  if (lastPaid && daysBetween(lastPaid.endsOn, today) <= graceDays) return 'grace';
  // A paid period still to come (paid in advance) counts as active.
  if (live.some((p) => p.state === 'paid' && p.startsOn > today)) return 'active';
  if (!lastPaid) return 'pending';
  // Past the grace: lapsed, unless a new unpaid call is waiting (re-join in progress) — still lapsed until paid.
  return 'lapsed';
}

/** What kind of period begins on `startsOn` after the member's last period ending on `lastEnd` (if any). */
export function periodKindAfter(lastEnd: string | null, startsOn: string): 'join' | 'renewal' | 'rejoin' {
  if (!lastEnd) return 'join';
  return daysBetween(lastEnd, startsOn) <= 1 ? 'renewal' : 'rejoin';
}

/** Formats cents as French euros, e.g. 123456 → "1 234,56 €". */
export function euros(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  const whole = Math.floor(abs / 100)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, '\u00a0');
  return `${sign}${whole},${String(abs % 100).padStart(2, '0')} €`;
}
