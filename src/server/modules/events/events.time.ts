import rrulePkg from 'rrule';
import { invalidInput } from '../../lib/errors.ts';
import { isDateInRange } from '../../lib/fields.ts';

// Times are instants in the database and wall-clock times in Europe/Paris for people. Recurrence rules are
// expanded on wall-clock times (the afterwork stays at 18:30 across daylight-saving changes).

const { RRule } = rrulePkg as unknown as typeof import('rrule');

export const PARIS = 'Europe/Paris';

const formatters = new Map<string, Intl.DateTimeFormat>();
function partsFormatter(timeZone: string) {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** The wall-clock time of an instant in a zone, as a "floating" Date whose UTC fields are the wall-clock fields. */
export function toWall(instant: Date, timeZone = PARIS): Date {
  const p = Object.fromEntries(
    partsFormatter(timeZone)
      .formatToParts(instant)
      .map((x) => [x.type, x.value]),
  );
  return new Date(Date.UTC(+p.year, +p.month - 1, +p.day, +p.hour, +p.minute, +p.second));
}

/** The instant at which the zone's clocks show the given floating wall-clock time. */
export function fromWall(wall: Date, timeZone = PARIS): Date {
  let guess = wall.getTime();
  for (let i = 0; i < 3; i++) {
    const offset = toWall(new Date(guess), timeZone).getTime() - guess;
    const next = wall.getTime() - offset;
    if (next === guess) break;
    guess = next;
  }
  return new Date(guess);
}

/** "2026-11-05T18:30" (a local date-time in the zone) → instant; an ISO string with offset is taken as is. */
export function parseLocalDateTime(value: string, timeZone = PARIS): Date | undefined {
  if (/[zZ]|[+-]\d\d:\d\d$/.test(value)) {
    const d = new Date(value);
    return isDateInRange(d) ? d : undefined;
  }
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?$/.exec(value);
  if (!m) return undefined;
  const wall = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3], +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0)));
  // Date.UTC reads years 0–99 as 1900–1999: the year must come back as written.
  return isDateInRange(wall) && wall.getUTCFullYear() === +m[1] ? fromWall(wall, timeZone) : undefined;
}

/** "2026-11-05T18:30" in the zone, for forms. */
export function formatLocalDateTime(instant: Date, timeZone = PARIS): string {
  return toWall(instant, timeZone).toISOString().slice(0, 16);
}

const allowedFreq = new Set([RRule.DAILY, RRule.WEEKLY, RRule.MONTHLY, RRule.YEARLY]);
const MAX_OCCURRENCES = 500;

/** Parses and checks an RRULE (without DTSTART); a 400 naming `recurrenceRule` when it is not acceptable. */
export function parseRule(rule: string) {
  const text = rule.replace(/^RRULE:/i, '').trim();
  try {
    if (/DTSTART|TZID/i.test(text)) throw new Error('DTSTART');
    const options = RRule.parseString(text);
    if (options.freq === undefined || !allowedFreq.has(options.freq)) throw new Error('FREQ');
    return { text: new RRule(options).toString().replace(/^RRULE:/, ''), options };
  } catch {
    throw invalidInput('Règle de récurrence invalide', {
      recurrenceRule: 'règle RRULE invalide (ex. FREQ=MONTHLY;BYDAY=1TH)',
    });
  }
}

function ruleFor(rule: string, startsAt: Date, timeZone: string) {
  const { options } = parseRule(rule);
  return new RRule({ ...options, dtstart: toWall(startsAt, timeZone) });
}

export type Occurrence = { startsAt: Date; endsAt: Date };

/** A recurring event's timing: its first occurrence, its rule, and the days it skips (EXDATE, local days). */
type Timing = {
  startsAt: Date;
  endsAt: Date;
  recurrenceRule: string | null;
  timezone: string;
  recurrenceExceptions?: string[] | null;
};

/** Drops the wall-clock occurrences falling on an excepted local day. */
function skipExceptions(walls: Date[], exceptions: string[] | null | undefined): Date[] {
  if (!exceptions?.length) return walls;
  const skip = new Set(exceptions);
  return walls.filter((w) => !skip.has(w.toISOString().slice(0, 10)));
}

/** Occurrences of an event overlapping [from, to]; a one-off event gives itself when it overlaps. */
export function expandOccurrences(event: Timing, from: Date, to: Date): Occurrence[] {
  const duration = event.endsAt.getTime() - event.startsAt.getTime();
  if (!event.recurrenceRule) {
    return event.endsAt >= from && event.startsAt <= to
      ? [{ startsAt: event.startsAt, endsAt: event.endsAt }]
      : [];
  }
  const rule = ruleFor(event.recurrenceRule, event.startsAt, event.timezone);
  const day = 86_400_000;
  const walls = skipExceptions(
    rule.between(
      new Date(toWall(from, event.timezone).getTime() - duration - day),
      new Date(toWall(to, event.timezone).getTime() + day),
      true,
    ),
    event.recurrenceExceptions,
  );
  const out: Occurrence[] = [];
  for (const wall of walls.slice(0, MAX_OCCURRENCES)) {
    const startsAt = fromWall(wall, event.timezone);
    const endsAt = new Date(startsAt.getTime() + duration);
    if (endsAt >= from && startsAt <= to) out.push({ startsAt, endsAt });
  }
  return out;
}

/** The end of the last occurrence (null when the rule has neither UNTIL nor COUNT). */
export function lastEndOf(event: Timing): Date | null {
  if (!event.recurrenceRule) return event.endsAt;
  const rule = ruleFor(event.recurrenceRule, event.startsAt, event.timezone);
  if (!rule.options.until && !rule.options.count) return null;
  const walls = skipExceptions(
    rule.all((_d, i) => i < MAX_OCCURRENCES),
    event.recurrenceExceptions,
  );
  const last = walls.at(-1);
  if (!last) return event.endsAt;
  return new Date(
    fromWall(last, event.timezone).getTime() + (event.endsAt.getTime() - event.startsAt.getTime()),
  );
}

/** The next occurrence ending after `now` (the event itself when one-off), or undefined when all are past. */
export function nextOccurrence(event: Timing, now: Date): Occurrence | undefined {
  if (!event.recurrenceRule) return event.endsAt >= now ? event : undefined;
  return expandOccurrences(event, now, new Date(now.getTime() + 400 * 86_400_000))[0];
}

/** Midnight (Europe/Paris) of the day of an instant. */
export function parisDayStart(instant: Date): Date {
  const wall = toWall(instant, PARIS);
  return fromWall(new Date(Date.UTC(wall.getUTCFullYear(), wall.getUTCMonth(), wall.getUTCDate())), PARIS);
}

/** With its excepted days: a date the series skips is no date of it (registering for it is refused). */
type Recurring = Timing;

/** The occurrence starting exactly at `instant` (the event itself when one-off and it starts then), if any. */
export function occurrenceAt(event: Recurring, instant: Date): Occurrence | undefined {
  if (!event.recurrenceRule)
    return event.startsAt.getTime() === instant.getTime()
      ? { startsAt: event.startsAt, endsAt: event.endsAt }
      : undefined;
  return expandOccurrences(event, instant, instant).find((o) => o.startsAt.getTime() === instant.getTime());
}

/** The next `limit` occurrences starting after `now` (within about 400 days), soonest first. */
export function upcomingOccurrences(event: Recurring, now: Date, limit: number): Occurrence[] {
  if (!event.recurrenceRule)
    return event.startsAt > now ? [{ startsAt: event.startsAt, endsAt: event.endsAt }] : [];
  return expandOccurrences(event, now, new Date(now.getTime() + 400 * 86_400_000))
    .filter((o) => o.startsAt > now)
    .slice(0, limit);
}
