import { randomBytes } from 'node:crypto';
import type { Db } from '../../db/client.ts';
import type { TestContext } from '../../testing.ts';
import {
  accounts,
  networkMembers,
  networkOrganizations,
  networks,
  organizationEditors,
} from '../accounts/accounts.tables.ts';
import { createSession, SESSION_COOKIE } from '../accounts/sessions.ts';
import { organizations } from '../organizations/organizations.tables.ts';

// Test factories for the events module: a network with its coordinator, an organisation with its editor.

const suffix = () => randomBytes(4).toString('hex');

export async function buildAccount(ctx: TestContext, name: string) {
  const [a] = await ctx.db
    .insert(accounts)
    .values({ email: `${name.toLowerCase()}-${suffix()}@test.fr`, name })
    .returning();
  const { token } = await createSession(ctx.deps, a.id);
  return { ...a, cookie: `${SESSION_COOKIE}=${token}` };
}

export async function buildNetwork(db: Db, name = 'CRESS Grand Est') {
  const [n] = await db
    .insert(networks)
    .values({ slug: `net-${suffix()}`, name, kind: 'cress', territory: 'region:44' })
    .returning();
  return n;
}

export async function buildOrganization(db: Db, name: string, communeCode = '54395') {
  const [o] = await db
    .insert(organizations)
    .values({
      name,
      essFamily: 'association',
      communeCode,
      departmentCode: communeCode.slice(0, 2),
      searchText: name.toLowerCase(),
    })
    .returning();
  return o;
}

/** A network with a coordinator, an organisation of the network with an editor (the organiser), and an outsider. */
export async function buildCast(ctx: TestContext) {
  const network = await buildNetwork(ctx.db);
  const coordinator = await buildAccount(ctx, 'Coord');
  await ctx.db
    .insert(networkMembers)
    .values({ networkId: network.id, accountId: coordinator.id, role: 'coordinator' });
  const org = await buildOrganization(ctx.db, 'Recyclerie du Plateau');
  await ctx.db.insert(networkOrganizations).values({ networkId: network.id, organizationId: org.id });
  const organizer = await buildAccount(ctx, 'Orga');
  await ctx.db.insert(organizationEditors).values({ organizationId: org.id, accountId: organizer.id });
  const outsider = await buildAccount(ctx, 'Outsider');
  return { network, coordinator, org, organizer, outsider };
}

export function eventBody(orgId: string, overrides: Record<string, unknown> = {}) {
  return {
    organizerOrganizationIds: [orgId],
    title: 'Atelier réparation vélo',
    summary: 'Apprenez à réparer votre vélo',
    description: 'Venez **nombreux** <script>alert(1)</script> [piège](javascript:alert(1))',
    format: 'workshop',
    themes: ['circular'],
    audiences: ['general_public'],
    start: '2026-11-12T14:00',
    end: '2026-11-12T17:00',
    venueName: 'La Recyclerie',
    venueAddress: '3 rue des Tanneurs',
    postalCode: '54000',
    communeCode: '54395',
    latitude: 48.69,
    longitude: 6.18,
    accessibility: ['motor'],
    isFree: true,
    registrationMode: 'maillage',
    capacity: 20,
    contactEmail: 'contact@recyclerie.test',
    ...overrides,
  };
}
