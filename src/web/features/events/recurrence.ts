// Recurrence chosen in words: the few shapes people use ("every Thursday", "the first Thursday of each month",
// "each month on the 15th"), until a date or a number of times, except some days. Turned into the RRULE the server
// keeps, read back from it, told as a sentence, and expanded into the next dates for the form's preview. Dates
// are wall-clock days (YYYY-MM-DD) computed on UTC fields, so that no time zone shifts them.

export const weekdays = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;
export type Weekday = (typeof weekdays)[number];
/** 1–4: first to fourth; -1: last. */
export type Nth = 1 | 2 | 3 | 4 | -1;

/** A rule the form shows in words. */
export type Repeating = {
  kind: 'weekly' | 'monthlyNth' | 'monthlyDay';
  weekday: Weekday;
  nth: Nth;
  monthDay: number;
  end: 'until' | 'count' | 'never';
  /** YYYY-MM-DD, last day included. */
  until: string;
  count: number;
  /** Days skipped (YYYY-MM-DD). */
  exceptions: string[];
};

export type Recurrence =
  | { kind: 'none' }
  | Repeating
  /** A rule this form cannot show in words (written elsewhere): kept as it is. */
  | { kind: 'custom'; rule: string; exceptions: string[] };

const day = (iso: string) => new Date(`${iso.slice(0, 10)}T00:00:00Z`);
const isoDay = (d: Date) => d.toISOString().slice(0, 10);
/** Monday = 0 … Sunday = 6. */
const weekdayIndex = (d: Date) => (d.getUTCDay() + 6) % 7;

/** The shape a new rule starts from: the weekday and rank of the event's first day. */
export function defaultsFor(kind: 'weekly' | 'monthlyNth' | 'monthlyDay', start: string): Repeating {
  const first = /^\d{4}-\d{2}-\d{2}/.test(start) ? day(start) : day(new Date().toISOString());
  const date = first.getUTCDate();
  const nth = (date > 28 ? -1 : Math.ceil(date / 7)) as Nth;
  return {
    kind,
    weekday: weekdays[weekdayIndex(first)],
    nth,
    monthDay: date,
    end: 'count',
    until: '',
    count: 10,
    exceptions: [],
  };
}

/** The RRULE (without DTSTART) and the excepted days for the API; null rule: the event does not repeat. */
export function toRule(r: Recurrence): { rule: string | null; exceptions: string[] } {
  if (r.kind === 'none') return { rule: null, exceptions: [] };
  if (r.kind === 'custom') return { rule: r.rule, exceptions: r.exceptions };
  const parts =
    r.kind === 'weekly'
      ? ['FREQ=WEEKLY', `BYDAY=${r.weekday}`]
      : r.kind === 'monthlyNth'
        ? ['FREQ=MONTHLY', `BYDAY=${r.nth}${r.weekday}`]
        : ['FREQ=MONTHLY', `BYMONTHDAY=${r.monthDay}`];
  if (r.end === 'until' && r.until) parts.push(`UNTIL=${r.until.replaceAll('-', '')}T235959Z`);
  if (r.end === 'count') parts.push(`COUNT=${r.count}`);
  return { rule: parts.join(';'), exceptions: [...new Set(r.exceptions)].sort() };
}

/** A stored rule back in words (a shape this form does not know stays `custom`). */
export function fromRule(rule: string | null | undefined, exceptions: string[] = []): Recurrence {
  if (!rule?.trim()) return { kind: 'none' };
  const fields = new Map(
    rule
      .replace(/^RRULE:/i, '')
      .split(';')
      .map((p) => p.split('=') as [string, string]),
  );
  const custom: Recurrence = { kind: 'custom', rule, exceptions };
  const base = { ...defaultsFor('weekly', ''), end: 'never' as const, exceptions };
  const until = fields.get('UNTIL');
  const count = fields.get('COUNT');
  if (until) {
    const m = /^(\d{4})(\d{2})(\d{2})/.exec(until);
    if (!m) return custom;
    Object.assign(base, { end: 'until', until: `${m[1]}-${m[2]}-${m[3]}` });
  } else if (count) {
    Object.assign(base, { end: 'count', count: Number(count) });
  }
  const known = new Set(['FREQ', 'BYDAY', 'BYMONTHDAY', 'UNTIL', 'COUNT']);
  if ([...fields.keys()].some((k) => !known.has(k)) || (fields.get('INTERVAL') ?? '1') !== '1') return custom;
  const byday = /^([+-]?\d)?(MO|TU|WE|TH|FR|SA|SU)$/.exec(fields.get('BYDAY') ?? '');
  const freq = fields.get('FREQ');
  if (freq === 'WEEKLY' && byday && !byday[1] && !fields.has('BYMONTHDAY')) {
    return { ...base, kind: 'weekly', weekday: byday[2] as Weekday };
  }
  if (freq === 'MONTHLY' && byday && byday[1] && !fields.has('BYMONTHDAY')) {
    const nth = Number(byday[1]);
    if (![1, 2, 3, 4, -1].includes(nth)) return custom;
    return { ...base, kind: 'monthlyNth', weekday: byday[2] as Weekday, nth: nth as Nth };
  }
  const monthDay = Number(fields.get('BYMONTHDAY'));
  if (freq === 'MONTHLY' && !fields.has('BYDAY') && monthDay >= 1 && monthDay <= 31) {
    return { ...base, kind: 'monthlyDay', monthDay };
  }
  return custom;
}

/** The dates (YYYY-MM-DD) of the rule from the event's first day, before the excepted days are removed. */
function* candidates(r: Repeating, start: Date): Generator<Date> {
  const target = weekdays.indexOf(r.weekday);
  if (r.kind === 'weekly') {
    const d = new Date(start);
    d.setUTCDate(d.getUTCDate() + ((target - weekdayIndex(d) + 7) % 7));
    for (;;) {
      yield new Date(d);
      d.setUTCDate(d.getUTCDate() + 7);
    }
  }
  for (let m = 0; m < 1200; m++) {
    const year = start.getUTCFullYear();
    const month = start.getUTCMonth() + m;
    const length = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
    let date: number;
    if (r.kind === 'monthlyDay') {
      if (r.monthDay > length) continue;
      date = r.monthDay;
    } else if (r.nth === -1) {
      const last = new Date(Date.UTC(year, month, length));
      date = length - ((weekdayIndex(last) - target + 7) % 7);
    } else {
      const first = new Date(Date.UTC(year, month, 1));
      date = 1 + ((target - weekdayIndex(first) + 7) % 7) + (r.nth - 1) * 7;
      if (date > length) continue;
    }
    const d = new Date(Date.UTC(year, month, date));
    if (d >= start) yield d;
  }
}

/** The first `n` days (YYYY-MM-DD) the event takes place, from its first day `start` (YYYY-MM-DD…). */
export function nextDates(r: Recurrence, start: string, n = 5): string[] {
  if (!/^\d{4}-\d{2}-\d{2}/.test(start)) return [];
  if (r.kind === 'none') return [start.slice(0, 10)];
  if (r.kind === 'custom') return [];
  const skip = new Set(r.exceptions);
  const out: string[] = [];
  let seen = 0;
  for (const d of candidates(r, day(start))) {
    const iso = isoDay(d);
    if (r.end === 'until' && r.until && iso > r.until) break;
    if (r.end === 'count' && seen >= r.count) break;
    seen++;
    if (!skip.has(iso)) out.push(iso);
    if (out.length >= n) break;
  }
  return out;
}

type Locale = 'fr' | 'en';
const words = {
  fr: {
    days: ['lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi', 'dimanche'],
    nth: { 1: 'premier', 2: 'deuxième', 3: 'troisième', 4: 'quatrième', [-1]: 'dernier' } as Record<
      Nth,
      string
    >,
    none: 'Ne se répète pas',
    weekly: (d: string) => `Chaque ${d}`,
    monthlyNth: (n: string, d: string) => `Le ${n} ${d} de chaque mois`,
    monthlyDay: (n: number) => `Le ${n === 1 ? '1er' : n} de chaque mois`,
    until: (d: string) => ` jusqu’au ${d}`,
    count: (n: number) => `, ${n} fois`,
    except: (list: string[]) => `, sauf le ${list.join(', le ').replace(/, le ([^,]*)$/, ' et le $1')}`,
    custom: 'Répétition personnalisée',
  },
  en: {
    days: ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'],
    nth: { 1: 'first', 2: 'second', 3: 'third', 4: 'fourth', [-1]: 'last' } as Record<Nth, string>,
    none: 'Does not repeat',
    weekly: (d: string) => `Every ${d}`,
    monthlyNth: (n: string, d: string) => `The ${n} ${d} of every month`,
    monthlyDay: (n: number) => `Every month on day ${n}`,
    until: (d: string) => ` until ${d}`,
    count: (n: number) => `, ${n} times`,
    except: (list: string[]) => `, except ${list.join(', ').replace(/, ([^,]*)$/, ' and $1')}`,
    custom: 'Custom repetition',
  },
};

/** "7 janvier" / "1er avril 2027" / "Thursday 7 January 2027": a wall-clock day in words. */
export function dayInWords(
  iso: string,
  locale: Locale,
  opts: { year?: boolean; weekday?: boolean } = {},
): string {
  const text = new Intl.DateTimeFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', {
    timeZone: 'UTC',
    day: 'numeric',
    month: 'long',
    ...(opts.year ? { year: 'numeric' } : {}),
    ...(opts.weekday ? { weekday: 'long' } : {}),
  }).format(day(iso));
  // French writes the first of the month "1er" (as the agenda does).
  return locale === 'fr' ? text.replace(/(^|\s)1(?= )/, '$11er') : text;
}

/** The rule told in a sentence: "Le premier jeudi de chaque mois jusqu'au 25 juin 2027, sauf le 7 janvier". */
export function describe(r: Recurrence, locale: Locale): string {
  const w = words[locale];
  if (r.kind === 'none') return w.none;
  if (r.kind === 'custom') return `${w.custom} (${r.rule})`;
  const dayName = w.days[weekdays.indexOf(r.weekday)];
  let text =
    r.kind === 'weekly'
      ? w.weekly(dayName)
      : r.kind === 'monthlyNth'
        ? w.monthlyNth(w.nth[r.nth], dayName)
        : w.monthlyDay(r.monthDay);
  if (r.end === 'until' && r.until) text += w.until(dayInWords(r.until, locale, { year: true }));
  if (r.end === 'count') text += w.count(r.count);
  if (r.exceptions.length) text += w.except([...r.exceptions].sort().map((d) => dayInWords(d, locale)));
  return text;
}
