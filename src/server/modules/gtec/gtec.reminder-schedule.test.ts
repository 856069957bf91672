import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../testing.ts';
import { outbox } from '../mail/mail.tables.ts';
import { buildSurveyClub, caller, linkTokenFor, waveBody } from './gtec.fixtures.ts';
import { runScheduledReminders } from './gtec.reminder-schedule.ts';

// The scheduled reminders: 7 and 2 days before the close, to those who have not submitted, once each, whatever
// the number of passes that day.

let now = new Date('2026-04-01T08:00:00Z');
let t: TestContext;
beforeAll(async () => {
  t = await createTestApp({ now: () => now });
});
afterAll(async () => t?.close());

it('reminds the companies that have not answered on the set days, once each', async () => {
  const call = caller(t);
  const s = await buildSurveyClub(t, ['Forge A (test)', 'Forge B (test)']);
  await call(
    'POST',
    `/api/networks/${s.club.network.id}/gtec/waves`,
    s.club.coordinator.cookies,
    waveBody({ opensOn: '2026-04-01', closesOn: '2026-04-30' }),
  );
  const { waveId, token } = await linkTokenFor(t, s.members[0].contact.email);
  const url = (p: string) => `/api/gtec/waves/${waveId}/response${p}?token=${encodeURIComponent(token)}`;
  await call('PATCH', url(''), undefined, {
    headcount: [{ rome: 'H2904', ageBand: '40-44', sex: 'M', contract: 'cdi', count: 2 }],
  });
  expect((await call('POST', url('/submit'))).statusCode).toBe(200);

  const reminders = async () =>
    (await t.db.select().from(outbox).where(eq(outbox.kind, 'gtec.wave-reminder'))).map((m) => m.to);
  now = new Date('2026-04-22T08:00:00Z'); // 8 days before the close: nothing due
  expect(await runScheduledReminders(t.deps)).toBe(0);
  now = new Date('2026-04-23T08:00:00Z'); // 7 days before
  expect(await runScheduledReminders(t.deps)).toBe(1);
  expect(await runScheduledReminders(t.deps)).toBe(0);
  expect(await reminders()).toEqual([s.members[1].contact.email.toLowerCase()]);
  now = new Date('2026-04-28T20:00:00Z'); // 2 days before, in the evening
  expect(await runScheduledReminders(t.deps)).toBe(1);
  now = new Date('2026-05-01T08:00:00Z'); // closed
  expect(await runScheduledReminders(t.deps)).toBe(0);
  expect(await reminders()).toHaveLength(2);
});
