import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../testing.ts';
import { fairs } from '../fairs/fairs.tables.ts';
import {
  buildAccount,
  buildEvent,
  buildNetwork,
  buildOrganization,
} from '../registrations/registrations.fixtures.ts';
import { campaigns, eventImages, events } from './events.tables.ts';

// A draft (event or campaign) is seen by those who may manage it, and by nobody else through any public route.

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(() => ctx?.close());

type Cookies = Record<string, string>;
const get = (url: string, cookies?: Cookies) => ctx.app.inject({ method: 'GET', url, cookies });
const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');

async function draftWorld() {
  const network = await buildNetwork(ctx.db);
  const org = await buildOrganization(ctx.db);
  const draft = await buildEvent(ctx.db, network.id, {
    title: 'Salon secret en préparation',
    venueName: 'Hangar confidentiel',
    status: 'draft',
    organizerOrganizationIds: [org.id],
  });
  const [fair] = await ctx.db
    .insert(fairs)
    .values({ eventId: draft.id, networkId: network.id, name: 'Village encore secret' })
    .returning();
  const [img] = await ctx.db
    .insert(eventImages)
    .values({ eventId: draft.id, contentType: 'image/png', size: png.length, bytes: png })
    .returning();
  await ctx.db.update(events).set({ imageId: img.id }).where(eq(events.id, draft.id));
  const coordinator = await buildAccount(ctx.db, { coordinatorOf: network.id });
  const organizer = await buildAccount(ctx.db, { editorOf: org.id });
  const otherNetwork = await buildNetwork(ctx.db);
  const stranger = await buildAccount(ctx.db, { coordinatorOf: otherNetwork.id });
  return { network, draft, fair, coordinator, organizer, stranger };
}

it('a fair built on a draft event is not listed nor shown to the public, only to its staff', async () => {
  const w = await draftWorld();
  for (const who of [undefined, w.stranger.cookies]) {
    const list = await get('/api/fairs', who);
    expect(list.statusCode).toBe(200);
    expect(list.body).not.toContain('Salon secret');
    expect(list.body).not.toContain(w.fair.id);
    for (const url of [`/api/fairs/${w.fair.id}`, `/api/fairs/${w.fair.id}/exhibitors`]) {
      const one = await get(url, who);
      expect(one.statusCode, url).toBe(404);
      expect(one.body).not.toContain('Hangar confidentiel');
    }
  }
  for (const staff of [w.coordinator, w.organizer]) {
    expect((await get('/api/fairs', staff.cookies)).body).toContain('Salon secret');
    const one = await get(`/api/fairs/${w.fair.id}`, staff.cookies);
    expect(one.statusCode).toBe(200);
    expect(one.json().event.venueName).toBe('Hangar confidentiel');
  }
});

it("a draft event's image and registration summary answer 404 to anyone but its staff", async () => {
  const w = await draftWorld();
  for (const path of ['image', 'registrations/summary']) {
    const url = `/api/events/${w.draft.id}/${path}`;
    expect((await get(url)).statusCode, url).toBe(404);
    expect((await get(url, w.stranger.cookies)).statusCode, url).toBe(404);
    const staff = await get(url, w.organizer.cookies);
    expect(staff.statusCode, url).toBe(200);
  }
  const image = await get(`/api/events/${w.draft.id}/image`, w.coordinator.cookies);
  expect(image.headers['cache-control']).toContain('private');
  // Once published, the image is public and may be cached.
  const published = await buildEvent(ctx.db, w.network.id, { status: 'published' });
  expect((await get(`/api/events/${published.id}/registrations/summary`)).statusCode).toBe(200);
});

it("feeds, listings and the printed programme never show a draft campaign's name to the public", async () => {
  const w = await draftWorld();
  const slug = `brouillon-${w.fair.id.slice(0, 8)}`;
  await ctx.db.insert(campaigns).values({
    networkId: w.network.id,
    slug,
    name: 'Édition confidentielle 2027',
    startsOn: '2027-11-01',
    endsOn: '2027-11-30',
    status: 'draft',
  });
  const urls = [
    '/api/events',
    '/api/events.ics',
    '/api/events.rss',
    '/api/events.csv',
    '/api/events.pdf',
    '/agenda/programme',
  ].map((u) => `${u}?campaign=${slug}`);
  for (const url of urls) {
    for (const who of [undefined, w.stranger.cookies]) {
      const res = await get(url, who);
      expect(res.statusCode, url).toBe(400);
      expect(res.body).not.toContain('Édition confidentielle');
      expect(res.json().error.fields.campaign).toContain('campagne inconnue');
    }
  }
  const coordinatorView = await get(`/agenda/programme?campaign=${slug}`, w.coordinator.cookies);
  expect(coordinatorView.statusCode).toBe(200);
  expect(coordinatorView.body).toContain('Édition confidentielle');
});
