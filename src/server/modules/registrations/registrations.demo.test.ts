import { and, count, eq, isNotNull } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { seedDemo } from '../../../cli/demo/seed.ts';
import { createTestApp, type TestContext } from '../../testing.ts';
import { fairExhibitors } from '../fairs/fairs.tables.ts';
import { registrationCounts } from './registrations.counts.ts';
import { registrations } from './registrations.tables.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp();
  await seedDemo(ctx.deps);
}, 300_000);
afterAll(() => ctx?.close());

it('seeds full events with a waiting list, past attendance, and the Village with 86 exhibitors on their stands', async () => {
  const waiting = await ctx.db
    .selectDistinct({ eventId: registrations.eventId })
    .from(registrations)
    .where(eq(registrations.status, 'waitlisted'));
  expect(waiting.length).toBeGreaterThanOrEqual(3);
  const counts = await registrationCounts(
    ctx.db,
    waiting.map((w) => w.eventId),
  );
  const summary = (await ctx.app.inject(`/api/events/${waiting[0].eventId}/registrations/summary`)).json();
  expect(summary.seatsLeft).toBe(0);
  expect(summary.confirmed).toBe(counts.get(waiting[0].eventId)?.confirmed);

  const [present] = await ctx.db
    .select({ n: count() })
    .from(registrations)
    .where(and(isNotNull(registrations.checkedInAt), eq(registrations.isDemo, true)));
  expect(present.n).toBeGreaterThan(0);
  const emails = await ctx.db.select({ email: registrations.email }).from(registrations).limit(50);
  expect(emails.every((e) => e.email.endsWith('@example.org'))).toBe(true);

  const fairs = (await ctx.app.inject('/api/fairs')).json().items;
  const village = fairs.find((f: { name: string }) => f.name.includes('Village'));
  expect(village.exhibitorCount).toBe(86);
  const list = (await ctx.app.inject(`/api/fairs/${village.id}/exhibitors`)).json().items;
  const stands = new Set(
    list.map((e: { standZone: string; standNumber: number }) => `${e.standZone}-${e.standNumber}`),
  );
  expect(stands.size).toBe(86);
  const [pending] = await ctx.db
    .select({ n: count() })
    .from(fairExhibitors)
    .where(eq(fairExhibitors.status, 'pending'));
  expect(pending.n).toBeGreaterThan(0);
});
