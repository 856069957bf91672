import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../../cli/demo/seed.ts';
import { createTestApp, type TestContext } from '../../testing.ts';

// The demo programme, seeded with the whole demo as `npm start` does.
let ctx: TestContext;
const now = new Date('2026-11-05T09:00:00Z');

beforeAll(async () => {
  ctx = await createTestApp({ now: () => now });
  await seedDemo(ctx.deps);
}, 180_000);
afterAll(() => ctx?.close());

describe('events demo', () => {
  it('runs a Mois de l’ESS in Grand Est with ~182 events, most to come, some past, across the 10 departments', async () => {
    const campaigns = (await ctx.app.inject('/api/campaigns')).json().items;
    const campaign = campaigns.find((c: { slug: string }) => c.slug.startsWith('mois-ess-'));
    expect(campaign).toMatchObject({ territory: 'region:44', isDemo: true, callIsOpen: true });
    expect(campaign.publishedEventCount).toBeGreaterThan(170);
    const all = (
      await ctx.app.inject(`/api/events?campaign=${campaign.slug}&from=2026-10-01&pageSize=500`)
    ).json();
    const past = all.items.filter((e: { startsAt: string }) => new Date(e.startsAt) < now);
    expect(past.length).toBeGreaterThan(5);
    expect(past.length).toBeLessThan(all.total / 3);
    expect(new Set(all.items.map((e: { departmentCode: string }) => e.departmentCode)).size).toBe(10);
    const village = (
      await ctx.app.inject(`/api/events?campaign=${campaign.slug}&q=village&format=fair`)
    ).json().items[0];
    expect(village).toMatchObject({ title: 'Village des solutions de demain', departmentCode: '54' });
    expect(new Date(village.endsAt).getTime() - new Date(village.startsAt).getTime()).toBeGreaterThan(
      86_400_000,
    );
    const afterwork = (
      await ctx.app.inject('/api/events?q=afterwork club&from=2026-11-01&to=2027-01-31')
    ).json();
    expect(afterwork.items.filter((e: { isRecurring: boolean }) => e.isRecurring).length).toBe(3);
  });
});
