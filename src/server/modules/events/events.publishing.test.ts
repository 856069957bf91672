import { and, eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../testing.ts';
import { accounts, networkMembers, networkOrganizations } from '../accounts/accounts.tables.ts';
import { outbox } from '../mail/mail.tables.ts';
import { buildAccount, buildCast, buildOrganization, eventBody } from './events.fixtures.ts';

// Coordinators create events for their network: organised by the network itself or by one of its organisations,
// in a campaign of the network or outside any; never in another network, never naming an organisation outside it.

let ctx: TestContext;
let x: Awaited<ReturnType<typeof buildCast>>;
let y: Awaited<ReturnType<typeof buildCast>>;
let member: { id: string; name: string };
let campaignY: string;
let admin: Awaited<ReturnType<typeof buildAccount>>;
const now = new Date('2026-10-20T08:00:00Z');

beforeAll(async () => {
  ctx = await createTestApp({ now: () => now });
  x = await buildCast(ctx);
  y = await buildCast(ctx);
  member = await buildOrganization(ctx.db, 'Club des entreprises de Langres', '52269');
  await ctx.db.insert(networkOrganizations).values({ networkId: x.network.id, organizationId: member.id });
  admin = await buildAccount(ctx, 'Admin');
  await ctx.db.update(accounts).set({ isPlatformAdmin: true }).where(eq(accounts.id, admin.id));
  const res = await inject('POST', '/api/campaigns', y.coordinator.cookie, {
    networkId: y.network.id,
    slug: 'mois-ess-y',
    name: "Mois de l'ESS Y",
    startsOn: '2026-11-01',
    endsOn: '2026-11-30',
    status: 'open',
  });
  expect(res.statusCode, res.body).toBe(201);
  campaignY = res.json().id;
});
afterAll(() => ctx?.close());

const inject = (method: 'GET' | 'POST' | 'PATCH', url: string, cookie?: string, payload?: unknown) =>
  ctx.app.inject({ method, url, headers: cookie ? { cookie } : {}, payload: payload as never });
const body = (overrides: Record<string, unknown> = {}) =>
  eventBody(x.org.id, { networkId: x.network.id, ...overrides });

describe('a coordinator creates events for their network', () => {
  it('organised by the network itself: no organisation, the network named as organiser', async () => {
    const res = await inject(
      'POST',
      '/api/events',
      x.coordinator.cookie,
      body({ organizerOrganizationIds: [], title: 'Afterwork du club' }),
    );
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({
      organizers: [],
      network: { id: x.network.id, name: x.network.name },
      status: 'draft',
      campaign: null,
    });
    // Published directly by its coordinator (a draft may be published by the network's coordinators).
    const published = await inject('POST', `/api/events/${res.json().id}/publish`, x.coordinator.cookie, {});
    expect(published.statusCode, published.body).toBe(200);
    const anon = await inject('GET', `/api/events/${res.json().id}`);
    expect(anon.json()).toMatchObject({ status: 'published', network: { name: x.network.name } });
  });

  it('organised by any organisation of the network, even one the coordinator is not an editor of', async () => {
    const res = await inject(
      'POST',
      '/api/events',
      x.coordinator.cookie,
      body({ organizerOrganizationIds: [member.id] }),
    );
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().organizers).toEqual([{ id: member.id, name: member.name }]);
  });

  it('refuses an organisation outside the network with a French field message (400)', async () => {
    const res = await inject(
      'POST',
      '/api/events',
      x.coordinator.cookie,
      body({ organizerOrganizationIds: [y.org.id] }),
    );
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().error.fields).toEqual({
      organizerOrganizationIds: `organisation hors du réseau : ${y.org.name}`,
    });
  });

  it('asks for the network outside a campaign (400)', async () => {
    const res = await inject('POST', '/api/events', x.coordinator.cookie, body({ networkId: null }));
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields).toEqual({ networkId: 'réseau requis hors campagne' });
  });

  it('cannot create an event in another network, outside or inside its campaign (403)', async () => {
    for (const payload of [
      body({ networkId: y.network.id, organizerOrganizationIds: [] }),
      body({ networkId: y.network.id, organizerOrganizationIds: [x.org.id] }),
      body({ networkId: null, campaignId: campaignY, organizerOrganizationIds: [] }),
      body({ networkId: null, campaignId: campaignY, organizerOrganizationIds: [member.id] }),
    ]) {
      const res = await inject('POST', '/api/events', x.coordinator.cookie, payload);
      expect(res.statusCode, JSON.stringify(payload)).toBe(403);
    }
  });

  it("cannot see nor edit another network's draft (403), nor rename its organisers", async () => {
    const draft = await inject(
      'POST',
      '/api/events',
      y.coordinator.cookie,
      eventBody(y.org.id, { networkId: y.network.id, organizerOrganizationIds: [] }),
    );
    expect(draft.statusCode, draft.body).toBe(201);
    const id = draft.json().id;
    expect((await inject('GET', `/api/events/${id}`, x.coordinator.cookie)).statusCode).toBe(403);
    const edit = await inject('PATCH', `/api/events/${id}`, x.coordinator.cookie, {
      organizerOrganizationIds: [x.org.id],
    });
    expect(edit.statusCode).toBe(403);
    expect((await inject('GET', '/api/events/00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
    const own = await inject('PATCH', `/api/events/${id}`, y.coordinator.cookie, {
      organizerOrganizationIds: [x.org.id],
    });
    expect(own.statusCode).toBe(400);
    expect(own.json().error.fields.organizerOrganizationIds).toMatch(/^organisation hors du réseau/);
    // An organiser the event already had may stay, even once it has left the network; a new one may not.
    const older = await inject(
      'POST',
      '/api/events',
      y.coordinator.cookie,
      eventBody(y.org.id, { networkId: y.network.id }),
    );
    expect(older.statusCode, older.body).toBe(201);
    await ctx.db.delete(networkOrganizations).where(eq(networkOrganizations.organizationId, y.org.id));
    const kept = await inject('PATCH', `/api/events/${older.json().id}`, y.coordinator.cookie, {
      organizerOrganizationIds: [y.org.id],
      title: 'Atelier renommé',
    });
    expect(kept.statusCode, kept.body).toBe(200);
    const added = await inject('PATCH', `/api/events/${older.json().id}`, y.coordinator.cookie, {
      organizerOrganizationIds: [y.org.id, x.org.id],
    });
    expect(added.statusCode).toBe(400);
    expect(added.json().error.fields.organizerOrganizationIds).toBe(
      `organisation hors du réseau : ${x.org.name}`,
    );
  });

  it('the platform admin creates for any network, organised by the network', async () => {
    const res = await inject(
      'POST',
      '/api/events',
      admin.cookie,
      body({ networkId: y.network.id, organizerOrganizationIds: [] }),
    );
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().network.id).toBe(y.network.id);
  });
});

describe("an organisation's editor", () => {
  it('must name an organisation (400), one they edit (403)', async () => {
    const none = await inject(
      'POST',
      '/api/events',
      x.organizer.cookie,
      body({ organizerOrganizationIds: [] }),
    );
    expect(none.statusCode).toBe(400);
    expect(none.json().error.fields).toEqual({
      organizerOrganizationIds: 'choisissez l’organisation qui organise l’événement',
    });
    const other = await inject(
      'POST',
      '/api/events',
      x.organizer.cookie,
      body({ organizerOrganizationIds: [member.id] }),
    );
    expect(other.statusCode).toBe(403);
    const own = await inject('POST', '/api/events', x.organizer.cookie, body());
    expect(own.statusCode, own.body).toBe(201);
    const outsider = await inject('POST', '/api/events', x.outsider.cookie, body());
    expect(outsider.statusCode).toBe(403);
  });
});

describe('the networks one may publish in', () => {
  it('coordinator: their networks; editor: their organisation’s networks; admin: all; anonymous: 401', async () => {
    const coordinator = await inject('GET', '/api/events/publishing', x.coordinator.cookie);
    expect(coordinator.json().networks).toEqual([
      expect.objectContaining({ id: x.network.id, asCoordinator: true, organizations: [] }),
    ]);
    const editor = await inject('GET', '/api/events/publishing', x.organizer.cookie);
    expect(editor.json().networks).toEqual([
      expect.objectContaining({
        id: x.network.id,
        asCoordinator: false,
        organizations: [{ id: x.org.id, name: x.org.name }],
      }),
    ]);
    const stranger = await buildAccount(ctx, 'Sans organisation');
    expect((await inject('GET', '/api/events/publishing', stranger.cookie)).json().networks).toEqual([]);
    const all = (await inject('GET', '/api/events/publishing', admin.cookie)).json().networks;
    expect(all.map((n: { id: string }) => n.id)).toEqual(
      expect.arrayContaining([x.network.id, y.network.id]),
    );
    expect(all.every((n: { asCoordinator: boolean }) => n.asCoordinator)).toBe(true);
    expect((await inject('GET', '/api/events/publishing')).statusCode).toBe(401);
  });
});

it('records the coordinator membership it relies on', async () => {
  const rows = await ctx.db
    .select()
    .from(networkMembers)
    .where(eq(networkMembers.accountId, x.coordinator.id));
  expect(rows.map((r) => r.networkId)).toEqual([x.network.id]);
});

describe('the decision mail', () => {
  const published = (to: string) =>
    ctx.db
      .select({ subject: outbox.subject })
      .from(outbox)
      .where(and(eq(outbox.to, to), like(outbox.subject, 'Événement publié%')));

  it('goes to the organiser who submitted, not to the coordinator who published their own event', async () => {
    const own = await inject(
      'POST',
      '/api/events',
      x.coordinator.cookie,
      body({ title: 'Afterwork de mars' }),
    );
    expect(own.statusCode, own.body).toBe(201);
    const res = await inject('POST', `/api/events/${own.json().id}/publish`, x.coordinator.cookie, {});
    expect(res.statusCode, res.body).toBe(200);
    expect(await published(x.coordinator.email)).toEqual([]);

    const theirs = await inject(
      'POST',
      '/api/events',
      x.organizer.cookie,
      body({ title: 'Portes ouvertes' }),
    );
    expect(theirs.statusCode, theirs.body).toBe(201);
    const id = theirs.json().id;
    expect((await inject('POST', `/api/events/${id}/submit`, x.organizer.cookie, {})).statusCode).toBe(200);
    expect((await inject('POST', `/api/events/${id}/publish`, x.coordinator.cookie, {})).statusCode).toBe(
      200,
    );
    expect(await published(x.organizer.email)).toEqual([{ subject: 'Événement publié : Portes ouvertes' }]);

    // Publishing it again says why in words, not with a status code.
    const again = await inject('POST', `/api/events/${id}/publish`, x.coordinator.cookie, {});
    expect(again.statusCode).toBe(409);
    expect(again.json().error.message).toBe('Rien à publier : il est publié.');
  });
});
