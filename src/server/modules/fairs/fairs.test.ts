import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../testing.ts';
import { listOutbox } from '../mail/mail.service.ts';
import {
  buildAccount,
  buildEvent,
  buildNetwork,
  buildOrganization,
} from '../registrations/registrations.fixtures.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(() => ctx?.close());

type Cookies = Record<string, string>;
const call = (method: 'GET' | 'POST' | 'PUT' | 'PATCH', url: string, cookies?: Cookies, payload?: unknown) =>
  ctx.app.inject({ method, url, cookies, payload: payload as Record<string, unknown> });

it('runs the exhibitor workflow: apply → accept or reject (mailed) → stand → public list → export', async () => {
  const network = await buildNetwork(ctx.db);
  const event = await buildEvent(ctx.db, network.id, {
    title: 'Village des solutions de demain',
    format: 'fair',
  });
  const coordinator = await buildAccount(ctx.db, { coordinatorOf: network.id });
  const orgA = await buildOrganization(ctx.db, { name: 'Recyclerie du Plateau', communeCode: '54395' });
  const orgB = await buildOrganization(ctx.db, { name: 'Jardins de Cocagne' });
  const orgC = await buildOrganization(ctx.db, { name: 'Coop Énergie' });
  const staffA = await buildAccount(ctx.db, { editorOf: orgA.id });
  const staffB = await buildAccount(ctx.db, { editorOf: orgB.id });
  const staffC = await buildAccount(ctx.db, { editorOf: orgC.id });

  // Only a coordinator of the event's network turns it into a fair.
  const body = { eventId: event.id, zones: ['A', 'B'] };
  expect((await call('POST', '/api/fairs', staffA.cookies, body)).statusCode).toBe(403);
  const created = await call('POST', '/api/fairs', coordinator.cookies, body);
  expect(created.statusCode).toBe(201);
  const fair = created.json();
  expect(fair).toMatchObject({
    name: 'Village des solutions de demain',
    applicationsOpen: true,
    exhibitorCount: 0,
  });
  expect((await call('POST', '/api/fairs', coordinator.cookies, body)).statusCode).toBe(409);

  const apply = (who: { cookies: Cookies }, organizationId: string, extra: Record<string, unknown> = {}) =>
    call('POST', `/api/fairs/${fair.id}/applications`, who.cookies, {
      organizationId,
      pitch: 'Nous réparons et revendons des objets du quotidien.',
      needs: { table: true, power: false, other: 'Un portant' },
      ...extra,
    });
  expect((await apply(staffB, orgA.id)).statusCode).toBe(403);
  expect((await call('POST', `/api/fairs/${fair.id}/applications`, undefined, {})).statusCode).toBe(400);
  const short = await apply(staffA, orgA.id, { pitch: 'court' });
  expect(short.statusCode).toBe(400);
  expect(short.json().error.fields).toHaveProperty('pitch');
  const a = (await apply(staffA, orgA.id)).json();
  expect(a.status).toBe('pending');
  expect((await apply(staffA, orgA.id)).statusCode).toBe(409);
  const b = (await apply(staffB, orgB.id)).json();
  const c = (await apply(staffC, orgC.id)).json();

  // Applicants see their own application; coordinators see all.
  const own = (await call('GET', `/api/fairs/${fair.id}/applications`, staffA.cookies)).json();
  expect(own).toMatchObject({
    canReview: false,
    items: [{ id: a.id, organizationName: 'Recyclerie du Plateau' }],
  });
  const all = (await call('GET', `/api/fairs/${fair.id}/applications`, coordinator.cookies)).json();
  expect(all.items).toHaveLength(3);

  const decide = (id: string, decision: string, message?: string, who = coordinator) =>
    call('POST', `/api/fairs/${fair.id}/applications/${id}/decision`, who.cookies, { decision, message });
  expect((await decide(a.id, 'accepted', undefined, staffA)).statusCode).toBe(403);
  expect((await decide(a.id, 'accepted', 'Bienvenue au Village !')).json().status).toBe('accepted');
  await decide(b.id, 'accepted');
  await decide(c.id, 'rejected', 'Le thème énergie est déjà complet.');
  const [mailA] = await listOutbox(ctx.db, { to: staffA.account.email });
  expect(mailA).toMatchObject({ kind: 'fairs.application-accepted' });
  expect(mailA.text).toContain('Bienvenue au Village !');
  const [mailC] = await listOutbox(ctx.db, { to: staffC.account.email });
  expect(mailC.kind).toBe('fairs.application-rejected');
  expect(mailC.text).toContain('Le thème énergie est déjà complet.');

  const stand = (id: string, s: unknown) =>
    call('PUT', `/api/fairs/${fair.id}/applications/${id}/stand`, coordinator.cookies, s);
  expect((await stand(a.id, { zone: 'A', number: 1 })).json()).toMatchObject({
    standZone: 'A',
    standNumber: 1,
  });
  const taken = await stand(b.id, { zone: 'A', number: 1 });
  expect(taken.statusCode).toBe(409);
  expect(taken.json().error.message).toContain('Recyclerie du Plateau');
  expect((await stand(b.id, { zone: 'Z', number: 2 })).statusCode).toBe(400);
  expect((await stand(b.id, { zone: 'A', number: 0 })).statusCode).toBe(400);
  expect((await stand(c.id, { zone: 'B', number: 1 })).statusCode).toBe(409);
  expect((await stand(b.id, { zone: 'A', number: 2 })).statusCode).toBe(200);

  const list = (await call('GET', `/api/fairs/${fair.id}/exhibitors`)).json();
  expect(list.items.map((e: { name: string; standNumber: number }) => [e.name, e.standNumber])).toEqual([
    ['Recyclerie du Plateau', 1],
    ['Jardins de Cocagne', 2],
  ]);
  expect(list.items[0].directoryUrl).toBe(`/annuaire/${orgA.id}`);
  expect((await call('GET', `/api/fairs/${fair.id}`)).json().exhibitorCount).toBe(2);

  expect((await call('GET', `/api/fairs/${fair.id}/exhibitors.csv`, staffA.cookies)).statusCode).toBe(403);
  const csv = await call('GET', `/api/fairs/${fair.id}/exhibitors.csv`, coordinator.cookies);
  const lines = csv.body.trim().split('\r\n');
  expect(lines).toHaveLength(4);
  expect(lines[1]).toMatch(/^A;1;Recyclerie du Plateau;/);
  expect(csv.body).toContain('non retenue');

  // Closing applications refuses new ones with a 409.
  const closed = await call('PATCH', `/api/fairs/${fair.id}`, coordinator.cookies, {
    applicationsOpen: false,
  });
  expect(closed.json().applicationsOpen).toBe(false);
  const orgD = await buildOrganization(ctx.db);
  const staffD = await buildAccount(ctx.db, { editorOf: orgD.id });
  expect((await apply(staffD, orgD.id)).statusCode).toBe(409);
});
