import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../testing.ts';
import { auditLog } from '../audit/audit.tables.ts';
import { buildAccount, buildClub, buildMember, caller } from '../networking/networking.fixtures.ts';

// The relations log: the network's coordinators alone read and write it (another network's coordinator, a member
// and an anonymous visitor get nothing); bad input is a 400 naming the field in French; searching ignores accents;
// interactions and tasks make the timelines of a contact and of a territory; every change is audited.

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp({ now: () => new Date('2026-04-02T10:00:00Z') });
});
afterAll(() => ctx?.close());

it('keeps the log to its network’s coordinators, with timelines, tasks and the audit', async () => {
  const call = caller(ctx);
  const club = await buildClub(ctx);
  const other = await buildClub(ctx);
  const member = await buildMember(ctx, club, { name: 'Scierie du Plateau' });
  const stranger = await buildAccount(ctx.db);
  const coord = club.coordinator.cookies;
  const base = `/api/networks/${club.network.id}`;

  const mayor = await call('POST', `${base}/relation-contacts`, coord, {
    kind: 'elected',
    name: 'Hélène Démo',
    role: 'Maire',
    territoryCode: 'com:52269',
    email: 'maire@example.org',
  });
  expect(mayor.statusCode).toBe(201);
  expect(mayor.json()).toMatchObject({ territoryName: 'Langres', kindLabel: 'Élu' });
  const lycee = await call('POST', `${base}/relation-contacts`, coord, {
    kind: 'school',
    name: 'Lycée Édouard Démo',
    organizationName: 'Lycée professionnel',
    territoryCode: 'com:52121',
  });
  expect(lycee.statusCode).toBe(201);

  // Searching ignores accents and case, word by word.
  const search = await call('GET', `${base}/relation-contacts?q=HELENE%20demo`, coord);
  expect(search.json().items.map((c: { name: string }) => c.name)).toEqual(['Hélène Démo']);
  expect((await call('GET', `${base}/relation-contacts?q=lycee`, coord)).json().total).toBe(1);

  const meeting = await call('POST', `${base}/relation-interactions`, coord, {
    kind: 'meeting',
    on: '2026-03-30',
    summary: 'Projet de forum des métiers au collège.',
    topics: ['forum des métiers'],
    contactIds: [mayor.json().id, lycee.json().id],
    territoryCode: 'com:52269',
    followUp: {
      title: 'Envoyer le programme du forum',
      dueOn: '2026-04-15',
      ownerId: club.coordinator.account.id,
    },
  });
  expect(meeting.statusCode).toBe(201);
  expect(meeting.json().taskId).toBeTruthy();

  const timeline = await call('GET', `/api/relation-contacts/${mayor.json().id}/timeline`, coord);
  expect(timeline.json().items).toHaveLength(1);
  expect(timeline.json().items[0]).toMatchObject({
    kindLabel: 'Rendez-vous',
    territoryName: 'Langres',
    people: [{ name: 'Hélène Démo' }, { name: 'Lycée Édouard Démo' }],
    tasks: [{ title: 'Envoyer le programme du forum', done: false }],
  });
  // Langres is in Haute-Marne: the department's timeline holds the meeting.
  const dep = await call('GET', `${base}/relations/territory-timeline?territory=dep:52`, coord);
  expect(dep.json()).toMatchObject({ territoryName: 'Haute-Marne' });
  expect(dep.json().items).toHaveLength(1);
  expect(
    (await call('GET', `${base}/relations/territory-timeline?territory=dep:54`, coord)).json().items,
  ).toEqual([]);

  const mine = await call('GET', '/api/me/relation-tasks', coord);
  expect(mine.json().items).toMatchObject([
    { title: 'Envoyer le programme du forum', contactName: 'Hélène Démo' },
  ]);

  // Another network's coordinator, a member of the club, a stranger, an anonymous visitor: nothing.
  const contactUrl = `/api/relation-contacts/${mayor.json().id}`;
  const taskUrl = `/api/relation-tasks/${meeting.json().taskId}/complete`;
  for (const who of [other.coordinator.cookies, member.cookies, stranger.cookies]) {
    expect((await call('GET', `${base}/relation-contacts`, who)).statusCode).toBe(403);
    expect((await call('GET', contactUrl, who)).statusCode).toBe(404);
    expect((await call('GET', `${contactUrl}/timeline`, who)).statusCode).toBe(404);
    expect((await call('PATCH', contactUrl, who, { name: 'Piraté' })).statusCode).toBe(404);
    expect((await call('POST', taskUrl, who)).statusCode).toBe(404);
    expect((await call('GET', '/api/me/relation-tasks', who)).json().items).toEqual([]);
  }
  expect((await call('GET', `${base}/relation-contacts`)).statusCode).toBe(401);
  expect((await call('GET', contactUrl)).statusCode).toBe(404);
  // Another network's coordinator cannot reach the club's contacts through their own network either.
  const theirs = await call(
    'POST',
    `/api/networks/${other.network.id}/relation-interactions`,
    other.coordinator.cookies,
    {
      kind: 'call',
      on: '2026-03-30',
      summary: 'x',
      contactIds: [mayor.json().id],
    },
  );
  expect(theirs.statusCode).toBe(400);
  expect(theirs.json().error.fields).toHaveProperty('contactIds');

  const done = await call('POST', taskUrl, coord);
  expect(done.statusCode).toBe(200);
  expect((await call('GET', '/api/me/relation-tasks', coord)).json().items).toEqual([]);

  const edited = await call('PATCH', contactUrl, coord, { role: 'Maire de Langres', territoryCode: null });
  expect(edited.json()).toMatchObject({ role: 'Maire de Langres', territoryName: null });

  const actions = (await ctx.db.select().from(auditLog).where(eq(auditLog.entityId, mayor.json().id))).map(
    (a) => a.action,
  );
  expect(actions.sort()).toEqual(['relations.contact-create', 'relations.contact-update']);
  const logged = await ctx.db.select().from(auditLog).where(eq(auditLog.action, 'relations.interaction-log'));
  expect(logged.map((a) => a.networkIds)).toEqual([[club.network.id]]);
});

it('refuses bad input with a 400 naming the field in French', async () => {
  const call = caller(ctx);
  const club = await buildClub(ctx);
  const coord = club.coordinator.cookies;
  const base = `/api/networks/${club.network.id}`;
  const stranger = await buildAccount(ctx.db);
  const cases: [string, unknown, string][] = [
    ['relation-contacts', { kind: 'mayor', name: 'X' }, 'kind'],
    ['relation-contacts', { kind: 'partner', name: '' }, 'name'],
    ['relation-contacts', { kind: 'partner', name: 'X', territoryCode: 'com:99999' }, 'territoryCode'],
    ['relation-contacts', { kind: 'partner', name: 'X', email: 'pas-une-adresse' }, 'email'],
    [
      'relation-contacts',
      { kind: 'partner', name: 'X', organizationId: crypto.randomUUID() },
      'organizationId',
    ],
    ['relation-interactions', { kind: 'meeting', on: '2026-02-30', summary: 'x', contactIds: [] }, 'on'],
    [
      'relation-interactions',
      { kind: 'meeting', on: '2026-03-01', summary: 'x', contactIds: [] },
      'contactIds',
    ],
    [
      'relation-interactions',
      { kind: 'meeting', on: '2026-03-01', summary: 'x', contactIds: [crypto.randomUUID()] },
      'contactIds',
    ],
    ['relation-tasks', { title: 'Rappeler', ownerId: stranger.account.id }, 'ownerId'],
    ['relation-tasks', { title: '', ownerId: 'pas-un-id' }, 'title'],
  ];
  for (const [path, body, field] of cases) {
    const res = await call('POST', `${base}/${path}`, coord, body);
    expect(res.statusCode, `${path} ${JSON.stringify(body)}`).toBe(400);
    expect(Object.keys(res.json().error.fields ?? {}), JSON.stringify(res.json())).toContain(field);
    expect(JSON.stringify(res.json().error)).not.toMatch(/Invalid|Required/);
  }
  const page = await call('GET', `${base}/relation-contacts?page=0`, coord);
  expect(page.statusCode).toBe(400);
  const territory = await call('GET', `${base}/relations/territory-timeline?territory=nowhere`, coord);
  expect(territory.statusCode).toBe(400);
});
