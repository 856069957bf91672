import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../testing.ts';
import { listAudit } from '../audit/audit.service.ts';
import { listOutbox } from '../mail/mail.service.ts';
import { buildCast, eventBody } from './events.fixtures.ts';

let ctx: TestContext;
let cast: Awaited<ReturnType<typeof buildCast>>;
let campaignId: string;
const now = new Date('2026-10-20T08:00:00Z');

beforeAll(async () => {
  ctx = await createTestApp({ now: () => now });
  cast = await buildCast(ctx);
  const res = await ctx.app.inject({
    method: 'POST',
    url: '/api/campaigns',
    headers: { cookie: cast.coordinator.cookie },
    payload: {
      networkId: cast.network.id,
      slug: 'mois-ess-2026',
      name: "Mois de l'ESS 2026",
      territory: 'region:44',
      startsOn: '2026-11-01',
      endsOn: '2026-11-30',
      themes: ['circular', 'employment'],
      callOpensAt: '2026-09-01T00:00',
      callClosesAt: '2026-10-31T23:59',
      status: 'open',
    },
  });
  expect(res.statusCode, res.body).toBe(201);
  campaignId = res.json().id;
});
afterAll(() => ctx?.close());

const inject = (method: 'GET' | 'POST' | 'PATCH', url: string, cookie?: string, payload?: unknown) =>
  ctx.app.inject({ method, url, headers: cookie ? { cookie } : {}, payload: payload as never });

describe('campaigns', () => {
  it('shows the public campaign page data and refuses a campaign to a non-coordinator', async () => {
    const page = await inject('GET', '/api/campaigns/mois-ess-2026');
    expect(page.json()).toMatchObject({
      name: "Mois de l'ESS 2026",
      callIsOpen: true,
      territoryName: 'Grand Est',
    });
    const denied = await inject('POST', '/api/campaigns', cast.organizer.cookie, {
      networkId: cast.network.id,
      slug: 'x-2026',
      name: 'Autre',
      startsOn: '2026-11-01',
      endsOn: '2026-11-30',
    });
    expect(denied.statusCode).toBe(403);
  });

  it('edits only the fields sent: a rename keeps the status, themes and moderation setting', async () => {
    const renamed = await inject('PATCH', `/api/campaigns/${campaignId}`, cast.coordinator.cookie, {
      name: "Mois de l'ESS 2026 en Grand Est",
    });
    expect(renamed.statusCode, renamed.body).toBe(200);
    expect(renamed.json()).toMatchObject({
      name: "Mois de l'ESS 2026 en Grand Est",
      status: 'open',
      themes: ['circular', 'employment'],
      editsRequireModeration: true,
    });
  });

  it("shows a draft campaign only to its network's coordinators", async () => {
    const draft = await inject('POST', '/api/campaigns', cast.coordinator.cookie, {
      networkId: cast.network.id,
      slug: 'brouillon-2028',
      name: 'Brouillon 2028',
      startsOn: '2028-11-01',
      endsOn: '2028-11-30',
    });
    expect(draft.json().status).toBe('draft');
    expect((await inject('GET', '/api/campaigns/brouillon-2028')).statusCode).toBe(404);
    expect((await inject('GET', '/api/campaigns/brouillon-2028', cast.organizer.cookie)).statusCode).toBe(
      404,
    );
    expect((await inject('GET', '/api/campaigns/brouillon-2028', cast.coordinator.cookie)).statusCode).toBe(
      200,
    );
  });
});

describe('event validation', () => {
  it.each([
    [{ end: '2026-11-12T13:00' }, 'end'],
    [{ themes: ['astrology'] }, 'themes'],
    [{ format: 'rave' }, 'format'],
    [{ audiences: ['aliens'] }, 'audiences'],
    [{ communeCode: '99999' }, 'communeCode'],
    [{ capacity: -3 }, 'capacity'],
    [{ capacity: 2.5 }, 'capacity'],
    [{ recurrenceRule: 'FREQ=SOMETIMES' }, 'recurrenceRule'],
    [{ start: 'demain' }, 'start'],
  ])('%j → 400 naming %s', async (override, field) => {
    const res = await inject('POST', '/api/events', cast.organizer.cookie, {
      ...eventBody(cast.org.id),
      campaignId,
      ...override,
    });
    expect(res.statusCode, res.body).toBe(400);
    expect(Object.keys(res.json().error.fields)).toContain(field);
  });
  it('refuses an event for an organisation the actor does not manage', async () => {
    const res = await inject('POST', '/api/events', cast.outsider.cookie, {
      ...eventBody(cast.org.id),
      campaignId,
    });
    expect(res.statusCode).toBe(403);
  });
});

describe('moderation', () => {
  let id: string;
  it('goes draft → submitted → changes asked → resubmitted → published, mailing the organiser', async () => {
    const created = await inject('POST', '/api/events', cast.organizer.cookie, {
      ...eventBody(cast.org.id),
      campaignId,
    });
    expect(created.statusCode, created.body).toBe(201);
    id = created.json().id;
    expect(created.json()).toMatchObject({ status: 'draft', departmentCode: '54', communeName: 'Nancy' });
    expect(created.json().descriptionHtml).toContain('<strong>nombreux</strong>');
    expect(created.json().descriptionHtml).not.toMatch(/script|javascript:/);
    expect((await inject('GET', `/api/events/${id}`)).statusCode).toBe(401);
    expect((await inject('GET', `/api/events/${id}.ics`)).statusCode).toBe(404);
    expect((await inject('GET', '/api/events?campaign=mois-ess-2026')).json().total).toBe(0);

    const submitted = await inject('POST', `/api/events/${id}/submit`, cast.organizer.cookie);
    expect(submitted.json().status, submitted.body).toBe('submitted');
    const queue = await inject('GET', '/api/events/moderation', cast.coordinator.cookie);
    expect(queue.json().items.map((e: { id: string }) => e.id)).toContain(id);
    expect((await inject('POST', `/api/events/${id}/publish`, cast.organizer.cookie)).statusCode).toBe(403);
    const noMessage = await inject('POST', `/api/events/${id}/request-changes`, cast.coordinator.cookie, {});
    expect(noMessage.json().error.fields).toHaveProperty('message');
    const asked = await inject('POST', `/api/events/${id}/request-changes`, cast.coordinator.cookie, {
      message: 'Précisez le public',
    });
    expect(asked.json()).toMatchObject({ status: 'changes_requested' });
    await inject('PATCH', `/api/events/${id}`, cast.organizer.cookie, {
      audiences: ['general_public', 'youth'],
    });
    expect((await inject('POST', `/api/events/${id}/submit`, cast.organizer.cookie)).json().status).toBe(
      'submitted',
    );
    const published = await inject('POST', `/api/events/${id}/publish`, cast.coordinator.cookie);
    expect(published.json()).toMatchObject({ status: 'published', audiences: ['general_public', 'youth'] });

    const mails = await listOutbox(ctx.db, { to: cast.organizer.email });
    expect(mails.map((m) => m.subject)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^Modifications demandées/),
        expect.stringMatching(/^Événement publié/),
      ]),
    );
    expect(mails.find((m) => m.subject.startsWith('Modifications'))?.text).toContain('Précisez le public');
  });

  it('finds the published event by department, theme and text, and not elsewhere', async () => {
    const ids = async (q: string) =>
      (await inject('GET', `/api/events?${q}`)).json().items.map((e: { id: string }) => e.id);
    expect(await ids('territory=dep:54&theme=circular')).toContain(id);
    expect(await ids('territory=region:44&q=reparation velo')).toContain(id);
    expect(await ids('near=54395&radiusKm=5')).toContain(id);
    expect(await ids('accessibility=motor&free=true&hasSeats=true')).toContain(id);
    expect(await ids('territory=dep:57')).not.toContain(id);
    expect(await ids('theme=employment')).not.toContain(id);
    expect(await ids('accessibility=motor,visual')).not.toContain(id);
    expect(await ids('from=2026-12-01')).not.toContain(id);
    const bad = await inject('GET', '/api/events?territory=dep:999');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields).toHaveProperty('territory');
  });

  it('keeps the published version public while an edit waits, then publishes the edit', async () => {
    const edit = await inject('PATCH', `/api/events/${id}`, cast.organizer.cookie, {
      title: 'Atelier vélo (nouvelle version)',
    });
    expect(edit.json()).toMatchObject({
      title: 'Atelier réparation vélo',
      manage: { pendingEditStatus: 'submitted' },
    });
    expect((await inject('GET', `/api/events/${id}`)).json().title).toBe('Atelier réparation vélo');
    const list = await inject('GET', '/api/events?territory=dep:54');
    expect(list.json().items.find((e: { id: string }) => e.id === id).title).toBe('Atelier réparation vélo');
    await inject('POST', `/api/events/${id}/publish`, cast.coordinator.cookie);
    expect((await inject('GET', `/api/events/${id}`)).json().title).toBe('Atelier vélo (nouvelle version)');
    const audit = await listAudit(ctx.db, {
      networkIds: [cast.network.id],
      entityType: 'event',
      entityId: id,
    });
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining([
        'event.create',
        'event.submit',
        'event.changes-requested',
        'event.publish',
        'event.edit-submitted',
        'event.publish-edit',
      ]),
    );
  });

  it('rejects with a reason, and renews an event into another campaign as a draft', async () => {
    const other = await inject('POST', '/api/events', cast.organizer.cookie, {
      ...eventBody(cast.org.id, { title: 'Projection débat' }),
      campaignId,
    });
    const otherId = other.json().id;
    await inject('POST', `/api/events/${otherId}/submit`, cast.organizer.cookie);
    const noReason = await inject('POST', `/api/events/${otherId}/reject`, cast.coordinator.cookie, {});
    expect(noReason.json().error.fields).toHaveProperty('reason');
    const rejected = await inject('POST', `/api/events/${otherId}/reject`, cast.coordinator.cookie, {
      reason: 'Hors thème',
    });
    expect(rejected.json()).toMatchObject({ status: 'rejected' });

    const next = await inject('POST', '/api/campaigns', cast.coordinator.cookie, {
      networkId: cast.network.id,
      slug: 'mois-ess-2027',
      name: "Mois de l'ESS 2027",
      startsOn: '2027-11-01',
      endsOn: '2027-11-30',
      status: 'open',
    });
    const renewed = await inject('POST', `/api/events/${id}/renew`, cast.organizer.cookie, {
      campaignId: next.json().id,
    });
    expect(renewed.statusCode, renewed.body).toBe(201);
    expect(renewed.json()).toMatchObject({
      status: 'draft',
      campaign: { slug: 'mois-ess-2027' },
      title: 'Atelier vélo (nouvelle version)',
    });
    // Same weekday and local time, a year later (52 weeks after 2026-11-12, a Thursday).
    expect(renewed.json().manage.start).toBe('2027-11-11T14:00');
  });
});

describe('recurring events', () => {
  it('lists each occurrence of the first-Thursday afterwork within the window', async () => {
    const created = await inject('POST', '/api/events', cast.coordinator.cookie, {
      ...eventBody(cast.org.id, {
        title: 'Afterwork du club',
        format: 'afterwork',
        registrationMode: 'none',
        capacity: null,
      }),
      networkId: cast.network.id,
      start: '2026-11-05T18:30',
      end: '2026-11-05T20:30',
      recurrenceRule: 'FREQ=MONTHLY;BYDAY=1TH',
    });
    const id = created.json().id;
    await inject('POST', `/api/events/${id}/publish`, cast.coordinator.cookie);
    const list = await inject('GET', '/api/events?format=afterwork&from=2026-11-01&to=2027-01-31');
    expect(list.json().items.map((e: { startsAt: string }) => e.startsAt)).toEqual([
      '2026-11-05T17:30:00.000Z',
      '2026-12-03T17:30:00.000Z',
      '2027-01-07T17:30:00.000Z',
    ]);
  });
});
