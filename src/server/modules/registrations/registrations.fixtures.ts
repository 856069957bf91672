import { randomBytes } from 'node:crypto';
import type { Db } from '../../db/client.ts';
import { accounts, networkMembers, networks, organizationEditors } from '../accounts/accounts.tables.ts';
import { createSession, SESSION_COOKIE } from '../accounts/sessions.ts';
import { events } from '../events/events.tables.ts';
import { organizations } from '../organizations/organizations.tables.ts';

// Test factories for the registrations and fairs tests: real rows in the test database, with overrides.

const uid = () => randomBytes(4).toString('hex');

export async function buildNetwork(db: Db) {
  const [n] = await db
    .insert(networks)
    .values({ slug: `reseau-${uid()}`, name: 'CRESS test', kind: 'cress', territory: 'region:44' })
    .returning();
  return n;
}

export async function buildOrganization(db: Db, overrides: Partial<typeof organizations.$inferInsert> = {}) {
  const [o] = await db
    .insert(organizations)
    .values({ name: `Association ${uid()}`, essFamily: 'association', departmentCode: '54', ...overrides })
    .returning();
  return o;
}

/** An account with an open session; `cookie` is ready for `app.inject({ cookies })`. */
export async function buildAccount(
  db: Db,
  opts: { coordinatorOf?: string; editorOf?: string; admin?: boolean } = {},
) {
  const [a] = await db
    .insert(accounts)
    .values({
      email: `p-${uid()}@example.org`,
      name: `Personne ${uid()}`,
      isPlatformAdmin: opts.admin ?? false,
    })
    .returning();
  if (opts.coordinatorOf) {
    await db
      .insert(networkMembers)
      .values({ networkId: opts.coordinatorOf, accountId: a.id, role: 'coordinator' });
  }
  if (opts.editorOf) {
    await db.insert(organizationEditors).values({ organizationId: opts.editorOf, accountId: a.id });
  }
  const { token } = await createSession({ db, clock: () => new Date() }, a.id);
  return { account: a, cookies: { [SESSION_COOKIE]: token } };
}

/** A published event open for registration on Maillage, starting in ten days, with 3 seats unless told. */
export async function buildEvent(
  db: Db,
  networkId: string,
  overrides: Partial<typeof events.$inferInsert> = {},
) {
  const start = new Date(Date.now() + 10 * 86_400_000);
  const [e] = await db
    .insert(events)
    .values({
      networkId,
      title: `Atelier ${uid()}`,
      format: 'workshop',
      startsAt: start,
      endsAt: new Date(start.getTime() + 2 * 3600_000),
      venueName: 'Salle des fêtes',
      communeName: 'Nancy',
      status: 'published',
      registrationMode: 'maillage',
      capacity: 3,
      ...overrides,
    })
    .returning();
  return e;
}

export const person = (n: number, extra: Record<string, unknown> = {}) => ({
  name: `Personne ${n}`,
  email: `personne${n}@example.org`,
  consent: true,
  ...extra,
});
