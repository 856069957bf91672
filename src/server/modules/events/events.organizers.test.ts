import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../testing.ts';
import { buildNetwork, signInAs } from '../accounts/accounts.factory.ts';
import { auditLog } from '../audit/audit.tables.ts';
import { buildOrganization } from '../organizations/organizations.factory.ts';
import { buildEvent } from '../registrations/registrations.fixtures.ts';
import { events } from './events.tables.ts';

// Deleting an organisation takes it out of the events it organised (same transaction, audited), and an event that
// still names an organisation gone from the directory can be edited.

const place = { communeCode: '54395', postalCode: '54000', departmentCode: '54' };
let t: TestContext;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t?.close());

it('deleting an organisation removes it from the organisers of its events, and they stay editable', async () => {
  const network = await buildNetwork(t.deps);
  const gone = await buildOrganization(t.deps, { name: 'Association dissoute' });
  const stays = await buildOrganization(t.deps, { name: 'Association qui reste' });
  const event = await buildEvent(t.db, network.id, {
    organizerOrganizationIds: [gone.id, stays.id],
    ...place,
  });
  const admin = await signInAs(t.app, t.deps, { email: 'admin@example.fr', isPlatformAdmin: true });
  const coord = await signInAs(t.app, t.deps, { email: 'coord@example.fr', coordinatorOf: [network.id] });

  const del = await t.app.inject({
    method: 'DELETE',
    url: `/api/organizations/${gone.id}`,
    headers: { cookie: admin },
  });
  expect(del.statusCode).toBe(204);
  const [row] = await t.db.select().from(events).where(eq(events.id, event.id));
  expect(row.organizerOrganizationIds).toEqual([stays.id]);
  const [audit] = await t.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.entityId, event.id), eq(auditLog.action, 'event.organizer-removed')));
  expect(audit).toBeDefined();

  const edit = await t.app.inject({
    method: 'PATCH',
    url: `/api/events/${event.id}`,
    headers: { cookie: coord },
    payload: { title: 'Atelier renommé' },
  });
  expect(edit.statusCode, edit.body).toBe(200);
  expect(edit.json().title).toBe('Atelier renommé');
});

it('an event left naming an organisation that no longer exists (older data) can still be edited', async () => {
  const network = await buildNetwork(t.deps);
  const org = await buildOrganization(t.deps);
  const event = await buildEvent(t.db, network.id, {
    organizerOrganizationIds: [org.id, randomUUID()],
    ...place,
  });
  const coord = await signInAs(t.app, t.deps, { email: 'coord2@example.fr', coordinatorOf: [network.id] });
  const edit = await t.app.inject({
    method: 'PATCH',
    url: `/api/events/${event.id}`,
    headers: { cookie: coord },
    payload: { title: 'Toujours modifiable' },
  });
  expect(edit.statusCode, edit.body).toBe(200);
  const [row] = await t.db.select().from(events).where(eq(events.id, event.id));
  expect(row.organizerOrganizationIds).toEqual([org.id]);
  // Naming an unknown organisation in the edit itself is still refused, with the field.
  const bad = await t.app.inject({
    method: 'PATCH',
    url: `/api/events/${event.id}`,
    headers: { cookie: coord },
    payload: { organizerOrganizationIds: [randomUUID()] },
  });
  expect(bad.statusCode).toBe(400);
  expect(bad.json().error.fields).toHaveProperty('organizerOrganizationIds');
});
