import { describe, expect, it } from 'vitest';
import { cached, invalidatePublicCache } from './events.cache.ts';
import { buildCalendar, type IcsEvent } from './events.ics.ts';
import { markdownToText, renderMarkdown } from './events.markdown.ts';
import {
  expandOccurrences,
  formatLocalDateTime,
  lastEndOf,
  occurrenceAt,
  parseLocalDateTime,
  parseRule,
  upcomingOccurrences,
} from './events.time.ts';

const afterwork = {
  startsAt: parseLocalDateTime('2026-01-01T18:30')!,
  endsAt: parseLocalDateTime('2026-01-01T20:30')!,
  recurrenceRule: 'FREQ=MONTHLY;BYDAY=1TH',
  timezone: 'Europe/Paris',
};

describe('Europe/Paris times', () => {
  it('reads local times in winter and summer', () => {
    expect(parseLocalDateTime('2026-11-05T18:30')!.toISOString()).toBe('2026-11-05T17:30:00.000Z');
    expect(parseLocalDateTime('2026-07-02T18:30')!.toISOString()).toBe('2026-07-02T16:30:00.000Z');
    expect(formatLocalDateTime(new Date('2026-07-02T16:30:00Z'))).toBe('2026-07-02T18:30');
    expect(parseLocalDateTime('not a date')).toBeUndefined();
  });
});

describe('recurrence', () => {
  it('expands the first Thursday of each month at 18:30 local time across DST', () => {
    const occ = expandOccurrences(
      afterwork,
      new Date('2026-03-01T00:00:00Z'),
      new Date('2026-05-31T00:00:00Z'),
    );
    expect(occ.map((o) => formatLocalDateTime(o.startsAt))).toEqual([
      '2026-03-05T18:30',
      '2026-04-02T18:30',
      '2026-05-07T18:30',
    ]);
    expect(occ[1].endsAt.getTime() - occ[1].startsAt.getTime()).toBe(2 * 3600_000);
  });
  it('computes the end of a bounded series and rejects bad rules with the field named', () => {
    expect(lastEndOf(afterwork)).toBeNull();
    const bounded = lastEndOf({ ...afterwork, recurrenceRule: 'FREQ=MONTHLY;BYDAY=1TH;COUNT=3' });
    expect(formatLocalDateTime(bounded!)).toBe('2026-03-05T20:30');
    expect(() => parseRule('FREQ=SECONDLY')).toThrow(/récurrence/);
    expect(() => parseRule('nonsense')).toThrow();
  });
});

describe('recurrence exceptions (EXDATE)', () => {
  const skipping = { ...afterwork, recurrenceExceptions: ['2026-04-02'] };
  it('skips the excepted days, in listings and in the end of a bounded series', () => {
    const occ = expandOccurrences(
      skipping,
      new Date('2026-03-01T00:00:00Z'),
      new Date('2026-05-31T00:00:00Z'),
    );
    expect(occ.map((o) => formatLocalDateTime(o.startsAt))).toEqual(['2026-03-05T18:30', '2026-05-07T18:30']);
    const last = lastEndOf({
      ...afterwork,
      recurrenceRule: 'FREQ=MONTHLY;BYDAY=1TH;COUNT=4',
      recurrenceExceptions: ['2026-04-02'],
    });
    expect(formatLocalDateTime(last!)).toBe('2026-03-05T20:30');
  });
  it('is no date to register for, nor offered', () => {
    const skipped = parseLocalDateTime('2026-04-02T18:30')!;
    expect(occurrenceAt(afterwork, skipped)).toBeDefined();
    expect(occurrenceAt(skipping, skipped)).toBeUndefined();
    const offered = upcomingOccurrences(skipping, new Date('2026-03-10T00:00:00Z'), 2);
    expect(offered.map((o) => formatLocalDateTime(o.startsAt))).toEqual([
      '2026-05-07T18:30',
      '2026-06-04T18:30',
    ]);
  });
  it('writes an EXDATE at the local time of the occurrences in the calendar file', () => {
    const ics = buildCalendar(
      [
        {
          ...skipping,
          id: '00000000-0000-4000-8000-000000000002',
          title: 'Afterwork',
          summary: null,
          description: null,
          venueName: null,
          venueAddress: null,
          postalCode: null,
          communeName: null,
          latitude: null,
          longitude: null,
          onlineUrl: null,
          status: 'published',
          updatedAt: new Date('2026-01-01T00:00:00Z'),
          publishedAt: null,
        },
      ],
      { name: 'Test', publicUrl: 'http://maillage.test' },
    );
    expect(ics).toContain('RRULE:FREQ=MONTHLY;BYDAY=1TH\r\nEXDATE;TZID=Europe/Paris:20260402T183000');
  });
});

describe('markdown', () => {
  it('drops scripts, iframes and javascript: links', () => {
    const md =
      'Hi **there** <script>alert(1)</script><iframe src="x"></iframe> [x](javascript:alert(1)) <img src=x onerror=alert(1)>';
    const html = renderMarkdown(md);
    expect(html).toContain('<strong>there</strong>');
    expect(html).not.toMatch(/script|iframe|javascript:|onerror/i);
    expect(markdownToText(md)).not.toMatch(/[<>]/);
  });
});

describe('ICS', () => {
  const base: IcsEvent = {
    id: '00000000-0000-4000-8000-000000000001',
    title: 'Afterwork du club',
    summary: 'Rencontre',
    description: '**Venez** <script>x</script>',
    ...afterwork,
    venueName: 'La Fabrique',
    venueAddress: '1 rue Haute',
    postalCode: '54000',
    communeName: 'Nancy',
    latitude: 48.69,
    longitude: 6.18,
    onlineUrl: null,
    status: 'published',
    updatedAt: new Date('2026-01-01T00:00:00Z'),
    publishedAt: new Date('2026-01-01T00:00:00Z'),
  };
  it('writes local times with a VTIMEZONE, an RRULE, a stable UID and plain text', () => {
    const ics = buildCalendar([base], { name: 'Test', publicUrl: 'http://maillage.test' });
    expect(ics).toContain('DTSTART;TZID=Europe/Paris:20260101T183000');
    expect(ics).toContain('BEGIN:VTIMEZONE');
    expect(ics).toContain('RRULE:FREQ=MONTHLY;BYDAY=1TH');
    expect(ics).toContain(`UID:event-${base.id}@maillage.test`);
    expect(ics).not.toMatch(/<|script/);
  });
  it('is a valid empty calendar when there is no event', () => {
    const ics = buildCalendar([], { name: 'Vide', publicUrl: 'http://maillage.test' });
    expect(ics).toMatch(/^BEGIN:VCALENDAR[\s\S]*END:VCALENDAR$/);
    expect(ics).not.toContain('VEVENT');
  });
});

describe('public cache', () => {
  it('computes once for concurrent callers, again after a write, and serves stale while refreshing', async () => {
    const scope = {};
    let calls = 0;
    const compute = async () => {
      calls++;
      await new Promise((r) => setTimeout(r, 5));
      return calls;
    };
    const first = await Promise.all(Array.from({ length: 20 }, () => cached(scope, 'k', 0, compute)));
    expect(new Set(first)).toEqual(new Set([1]));
    expect(await cached(scope, 'k', 1000, compute)).toBe(1);
    invalidatePublicCache(scope);
    expect(await cached(scope, 'k', 1000, compute)).toBe(2);
    expect(await cached(scope, 'k', 60_000, compute)).toBe(2);
    await new Promise((r) => setTimeout(r, 10));
    expect(await cached(scope, 'k', 60_001, compute)).toBe(3);
    expect(calls).toBe(3);
  });
});
