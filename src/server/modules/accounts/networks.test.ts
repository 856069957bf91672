import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../testing.ts';
import { listOutbox } from '../mail/mail.service.ts';
import { organizations } from '../organizations/organizations.tables.ts';
import { normalizeName } from '../territories/territories.data.ts';
import { buildNetwork, signInAs } from './accounts.factory.ts';
import { ensurePlatformAdmin } from './accounts.service.ts';
import { accounts, networkOrganizations } from './accounts.tables.ts';
import { canEditOrganization } from './authz.ts';
import { networksOfOrganizations } from './network-organizations.service.ts';

// Networks, their members and organisations, organisation editors, and who may do what, through HTTP.

let t: TestContext;
let admin: string;
let anyone: string;

const req = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, cookie?: string, payload?: object) =>
  t.app.inject({ method, url, payload, headers: cookie ? { cookie } : {} });

async function buildOrganization(name: string) {
  // The directory's own factory lives with the organizations module; a bare row is enough here.
  const [row] = await t.db.insert(organizations).values({ name, essFamily: 'association' }).returning();
  return row;
}

beforeAll(async () => {
  t = await createTestApp();
  admin = await signInAs(t.app, t.deps, { email: 'admin@maillage.test', isPlatformAdmin: true });
  anyone = await signInAs(t.app, t.deps, { email: 'visiteur@example.fr' });
});
afterAll(() => t.close());

describe('networks', () => {
  it('are created by a platform admin only, with a unique slug and a known territory', async () => {
    const body = { slug: 'cress-grand-est', name: 'CRESS Grand Est', kind: 'cress', territory: 'region:44' };
    expect((await req('POST', '/api/networks', undefined, body)).statusCode).toBe(401);
    expect((await req('POST', '/api/networks', anyone, body)).statusCode).toBe(403);
    const created = await req('POST', '/api/networks', admin, body);
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ slug: 'cress-grand-est', territory: 'region:44', isDemo: false });
    expect((await req('POST', '/api/networks', admin, body)).statusCode).toBe(409);

    const badTerritory = await req('POST', '/api/networks', admin, {
      ...body,
      slug: 'x-1',
      territory: 'dep:00',
    });
    expect(badTerritory.statusCode).toBe(400);
    expect(badTerritory.json().error.fields).toHaveProperty('territory');
    const extra = await req('POST', '/api/networks', admin, { ...body, slug: 'x-2', owner: 'me' });
    expect(extra.statusCode).toBe(400);
    expect(extra.json().error.fields).toEqual({ owner: 'champ inconnu' });
    const badSlug = await req('POST', '/api/networks', admin, { ...body, slug: 'Pas Un Slug' });
    expect(badSlug.statusCode).toBe(400);
    expect(badSlug.json().error.fields).toHaveProperty('slug');

    const list = await req('GET', '/api/networks');
    expect(list.json().items.map((n: { slug: string }) => n.slug)).toContain('cress-grand-est');
    const one = await req('GET', '/api/networks/cress-grand-est');
    expect(one.json().name).toBe('CRESS Grand Est');
    expect((await req('GET', '/api/networks/nope')).statusCode).toBe(404);
  });

  it('are updated by their coordinators, not by those of another network', async () => {
    const club = await buildNetwork(t.deps, { name: 'Club Sud Haute-Marne' });
    const other = await buildNetwork(t.deps);
    const coordinator = await signInAs(t.app, t.deps, {
      email: 'coord.club@example.fr',
      coordinatorOf: [club.id],
    });
    const stranger = await signInAs(t.app, t.deps, {
      email: 'coord.other@example.fr',
      coordinatorOf: [other.id],
    });

    const ok = await req('PATCH', `/api/networks/${club.id}`, coordinator, {
      description: 'Entreprises du sud',
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().description).toBe('Entreprises du sud');
    expect((await req('PATCH', `/api/networks/${club.id}`, stranger, { name: 'Pris' })).statusCode).toBe(403);
    expect((await req('PATCH', `/api/networks/${club.id}`, anyone, { name: 'Pris' })).statusCode).toBe(403);
    expect((await req('PATCH', `/api/networks/${club.id}`, undefined, { name: 'Pris' })).statusCode).toBe(
      401,
    );
    const taken = await req('PATCH', `/api/networks/${club.id}`, coordinator, { slug: other.slug });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().error.message).toContain(other.slug);
    // Only a platform admin marks a network as demo data.
    const demo = await req('PATCH', `/api/networks/${club.id}`, coordinator, { isDemo: true });
    expect(demo.json().isDemo).toBe(false);
  });
});

describe('members and coordinators', () => {
  it('adds a coordinator by email: the account is created without password and mailed a sign-in link', async () => {
    const network = await buildNetwork(t.deps, { name: 'Réseau des Vosges' });
    const res = await req('POST', `/api/networks/${network.id}/coordinators`, admin, {
      email: 'Nouvelle.Coord@Example.fr',
      name: 'Nouvelle Coordinatrice',
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ email: 'nouvelle.coord@example.fr', role: 'coordinator' });
    const [account] = await t.db
      .select()
      .from(accounts)
      .where(eq(accounts.email, 'nouvelle.coord@example.fr'));
    expect(account.passwordHash).toBeNull();

    // No SMTP_URL: the mail is kept in the outbox, with a working sign-in link.
    const [mail] = await listOutbox(t.db, { to: 'nouvelle.coord@example.fr' });
    expect(mail).toMatchObject({ kind: 'auth.invitation', status: 'kept' });
    expect(mail.text).toContain('Réseau des Vosges');
    const token = /\/connexion\/lien\?token=([\w-]+)/.exec(mail.text)![1];
    const signedIn = await req('POST', '/api/auth/magic-link/verify', undefined, { token });
    expect(signedIn.statusCode).toBe(200);
    const cookie = String(signedIn.headers['set-cookie']).split(';')[0];

    const meRes = await req('GET', '/api/me', cookie);
    expect(meRes.json().networks).toEqual([
      { id: network.id, slug: network.slug, name: 'Réseau des Vosges', kind: 'club', role: 'coordinator' },
    ]);
    const members = await req('GET', `/api/networks/${network.id}/members`, cookie);
    expect(members.statusCode).toBe(200);
    expect(members.json().items).toHaveLength(1);
    expect((await req('GET', `/api/networks/${network.id}/members`, anyone)).statusCode).toBe(403);
  });

  it('lets a coordinator add members and remove them, but never the last coordinator', async () => {
    const network = await buildNetwork(t.deps);
    const coord = await signInAs(t.app, t.deps, {
      email: 'seul.coord@example.fr',
      coordinatorOf: [network.id],
    });
    const member = await req('POST', `/api/networks/${network.id}/members`, coord, {
      email: 'membre@example.fr',
      role: 'member',
    });
    expect(member.statusCode).toBe(201);
    const bad = await req('POST', `/api/networks/${network.id}/members`, coord, {
      email: 'x@example.fr',
      role: 'chef',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields).toHaveProperty('role');

    const list = (await req('GET', `/api/networks/${network.id}/members`, coord)).json().items;
    const self = list.find((m: { email: string }) => m.email === 'seul.coord@example.fr');
    const removeSelf = await req('DELETE', `/api/networks/${network.id}/members/${self.accountId}`, coord);
    expect(removeSelf.statusCode).toBe(409);
    const removeMember = await req(
      'DELETE',
      `/api/networks/${network.id}/members/${member.json().accountId}`,
      coord,
    );
    expect(removeMember.statusCode).toBe(204);
    expect((await req('GET', `/api/networks/${network.id}/members`, coord)).json().items).toHaveLength(1);
    const again = await req(
      'DELETE',
      `/api/networks/${network.id}/members/${member.json().accountId}`,
      coord,
    );
    expect(again.statusCode).toBe(404);
  });
});

describe('organisations of a network and their editors', () => {
  it('attaching an organisation lets the coordinators edit it; detaching withdraws it', async () => {
    const network = await buildNetwork(t.deps);
    const org = await buildOrganization('Recyclerie de Langres');
    const coord = await signInAs(t.app, t.deps, {
      email: 'coord.langres@example.fr',
      coordinatorOf: [network.id],
    });
    const coordActor = {
      accountId: (await req('GET', '/api/me', coord)).json().account.id,
      email: '',
      name: '',
      isPlatformAdmin: false,
    };
    expect(await canEditOrganization(t.db, coordActor, org.id)).toBe(false);

    const attach = await req('POST', `/api/networks/${network.id}/organizations`, coord, {
      organizationId: org.id,
    });
    expect(attach.statusCode).toBe(204);
    expect(await canEditOrganization(t.db, coordActor, org.id)).toBe(true);
    const missing = await req('POST', `/api/networks/${network.id}/organizations`, coord, {
      organizationId: '00000000-0000-4000-8000-000000000000',
    });
    expect(missing.statusCode).toBe(404);
    const notUuid = await req('POST', `/api/networks/${network.id}/organizations`, coord, {
      organizationId: '12',
    });
    expect(notUuid.statusCode).toBe(400);
    expect(
      (await req('POST', `/api/networks/${network.id}/organizations`, anyone, { organizationId: org.id }))
        .statusCode,
    ).toBe(403);

    const listed = await req('GET', `/api/networks/${network.id}/organizations`);
    expect(listed.json()).toMatchObject({
      total: 1,
      page: 1,
      items: [{ id: org.id, name: 'Recyclerie de Langres' }],
    });
    const byOrg = await networksOfOrganizations(t.db, [org.id]);
    expect(byOrg.get(org.id)).toEqual([{ id: network.id, slug: network.slug, name: network.name }]);
    expect((await req('GET', `/api/networks/${network.id}`)).json().slug).toBe(network.slug);

    const detach = await req('DELETE', `/api/networks/${network.id}/organizations/${org.id}`, coord);
    expect(detach.statusCode).toBe(204);
    expect(await canEditOrganization(t.db, coordActor, org.id)).toBe(false);
  });

  it('lists a network’s organisations a page at a time, searchable (accents ignored), with their public contact', async () => {
    const network = await buildNetwork(t.deps);
    const names = [
      'Épicerie solidaire de Chaumont',
      'Coopérative du Bassigny',
      'Ateliers de Langres',
      'Zèbre et Cie',
      'Bâtir ensemble',
    ];
    for (const [i, name] of names.entries()) {
      const [o] = await t.db
        .insert(organizations)
        .values({
          name,
          essFamily: 'association',
          searchText: normalizeName(name),
          postalCode: '52000',
          communeCode: '52121',
          email: `contact${i}@example.fr`,
          phone: '03 25 00 00 00',
        })
        .returning();
      await t.db.insert(networkOrganizations).values({ networkId: network.id, organizationId: o.id });
    }
    const list = async (qs: string) =>
      (await req('GET', `/api/networks/${network.id}/organizations${qs}`)).json();
    const first = await list('?pageSize=2');
    expect(first.total).toBe(5);
    expect(first.items.map((o: { name: string }) => o.name)).toEqual([
      'Ateliers de Langres',
      'Bâtir ensemble',
    ]);
    expect((await list('?pageSize=2&page=3')).items.map((o: { name: string }) => o.name)).toEqual([
      'Zèbre et Cie',
    ]);
    const found = await list('?q=COOPERATIVE');
    expect(found).toMatchObject({
      total: 1,
      items: [
        {
          name: 'Coopérative du Bassigny',
          email: 'contact1@example.fr',
          phone: '03 25 00 00 00',
          postalCode: '52000',
          communeName: 'Chaumont',
        },
      ],
    });
    expect((await list('?q=epicerie')).items[0].name).toBe('Épicerie solidaire de Chaumont');
    expect((await list('?q=introuvable')).total).toBe(0);
    const bad = await req('GET', `/api/networks/${network.id}/organizations?page=0`);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields.page).toBe('page 1 ou plus');
  });

  it("does not let a coordinator claim another network's organisation (a platform admin may)", async () => {
    const chamber = await buildNetwork(t.deps);
    const club = await buildNetwork(t.deps);
    const org = await buildOrganization('Mutuelle du Plateau');
    const chamberCoord = await signInAs(t.app, t.deps, {
      email: 'coord.chamber@example.fr',
      coordinatorOf: [chamber.id],
    });
    const clubCoord = await signInAs(t.app, t.deps, {
      email: 'coord.club@example.fr',
      coordinatorOf: [club.id],
    });
    const admin = await signInAs(t.app, t.deps, { email: 'root@example.fr', isPlatformAdmin: true });
    const attach = (network: { id: string }, cookie: string) =>
      req('POST', `/api/networks/${network.id}/organizations`, cookie, { organizationId: org.id });

    expect((await attach(chamber, chamberCoord)).statusCode).toBe(204);
    const takeover = await attach(club, clubCoord);
    expect(takeover.statusCode).toBe(403);
    expect(takeover.json().error.message).toMatch(/administrateur/);
    const edit = await req('PATCH', `/api/organizations/${org.id}`, clubCoord, {
      website: 'https://pirate.example',
    });
    expect(edit.statusCode).toBe(403);
    expect((await attach(club, admin)).statusCode).toBe(204);
  });

  it('adds an organisation editor by email, who then sees the organisation in /api/me', async () => {
    const network = await buildNetwork(t.deps);
    const org = await buildOrganization('Coopérative du Bassigny');
    const coord = await signInAs(t.app, t.deps, {
      email: 'coord.bassigny@example.fr',
      coordinatorOf: [network.id],
    });
    await req('POST', `/api/networks/${network.id}/organizations`, coord, { organizationId: org.id });

    expect(
      (await req('POST', `/api/organizations/${org.id}/editors`, anyone, { email: 'staff@example.fr' }))
        .statusCode,
    ).toBe(403);
    const added = await req('POST', `/api/organizations/${org.id}/editors`, coord, {
      email: 'Staff@Bassigny.fr',
    });
    expect(added.statusCode).toBe(201);
    const [mail] = await listOutbox(t.db, { to: 'staff@bassigny.fr' });
    expect(mail.text).toContain('/connexion/lien?token=');

    const staff = await signInAs(t.app, t.deps, { email: 'staff@bassigny.fr' });
    expect((await req('GET', '/api/me', staff)).json().organizations).toEqual([
      { id: org.id, name: 'Coopérative du Bassigny' },
    ]);
    // The editor may in turn list and add editors of its organisation.
    const list = await req('GET', `/api/organizations/${org.id}/editors`, staff);
    expect(list.json().items.map((e: { email: string }) => e.email)).toEqual(['staff@bassigny.fr']);
    const removed = await req(
      'DELETE',
      `/api/organizations/${org.id}/editors/${added.json().accountId}`,
      coord,
    );
    expect(removed.statusCode).toBe(204);
    expect((await req('GET', '/api/me', staff)).json().organizations).toEqual([]);
  });
});

describe('audit log', () => {
  it('shows a coordinator the writes of its networks only; the platform admin sees all', async () => {
    const a = await buildNetwork(t.deps, { name: 'Réseau A' });
    const b = await buildNetwork(t.deps, { name: 'Réseau B' });
    const coordA = await signInAs(t.app, t.deps, { email: 'coord.a@example.fr', coordinatorOf: [a.id] });
    const coordB = await signInAs(t.app, t.deps, { email: 'coord.b@example.fr', coordinatorOf: [b.id] });
    await req('PATCH', `/api/networks/${a.id}`, coordA, { description: 'secret de A' });
    await req('PATCH', `/api/networks/${b.id}`, coordB, { description: 'affaire de B' });

    const seenByA = (await req('GET', '/api/audit', coordA)).json().items;
    expect(seenByA.length).toBeGreaterThan(0);
    expect(seenByA.every((e: { networkIds: string[] }) => e.networkIds.includes(a.id))).toBe(true);
    const update = seenByA.find((e: { action: string }) => e.action === 'network.update');
    expect(update).toMatchObject({
      entityId: a.id,
      actorLabel: expect.stringContaining('coord.a@example.fr'),
    });
    expect(update.before.description).toBeNull();
    expect(update.after.description).toBe('secret de A');
    expect(JSON.stringify(seenByA)).not.toContain('affaire de B');

    const seenByB = (await req('GET', '/api/audit', coordB)).json().items;
    expect(JSON.stringify(seenByB)).not.toContain('secret de A');
    expect((await req('GET', `/api/audit?networkId=${a.id}`, coordB)).statusCode).toBe(403);
    const filtered = await req('GET', `/api/audit?networkId=${a.id}&entityType=network`, coordA);
    expect(filtered.json().items.length).toBe(2); // network.create and network.update

    const all = JSON.stringify((await req('GET', '/api/audit?limit=200', admin)).json().items);
    expect(all).toContain('secret de A');
    expect(all).toContain('affaire de B');
    expect((await req('GET', '/api/audit')).statusCode).toBe(401);
    expect((await req('GET', '/api/audit', anyone)).statusCode).toBe(403);
    expect((await req('GET', '/api/audit?limit=abc', admin)).statusCode).toBe(400);
  });

  it('pages with `before`', async () => {
    const first = (await req('GET', '/api/audit?limit=2', admin)).json().items;
    expect(first).toHaveLength(2);
    const next = (await req('GET', `/api/audit?limit=2&before=${first[1].id}`, admin)).json().items;
    expect(next[0].id).toBeLessThan(first[1].id);
  });
});

describe('platform admins', () => {
  it('are made by create-admin, which creates the account when absent and returns a working sign-in link', async () => {
    const first = await ensurePlatformAdmin(t.deps, { email: 'Chef@Example.fr', name: 'Alix' });
    expect(first).toMatchObject({
      created: true,
      account: { email: 'chef@example.fr', isPlatformAdmin: true },
    });
    const promoted = await ensurePlatformAdmin(t.deps, { email: 'visiteur@example.fr' });
    expect(promoted).toMatchObject({ created: false, account: { isPlatformAdmin: true } });
    const token = new URL(promoted.link).searchParams.get('token');
    const res = await req('POST', '/api/auth/magic-link/verify', undefined, { token: token! });
    expect(res.json().account).toMatchObject({ email: 'visiteur@example.fr', isPlatformAdmin: true });
    await signInAs(t.app, t.deps, { email: 'visiteur@example.fr', isPlatformAdmin: false });
  });
});

describe('outbox', () => {
  it('is read by the platform admin only', async () => {
    await req('POST', '/api/auth/magic-link', undefined, { email: 'visiteur@example.fr' });
    await expect
      .poll(async () => (await req('GET', '/api/admin/outbox?to=visiteur@example.fr', admin)).json().items)
      .toEqual([
        expect.objectContaining({ kind: 'auth.login-link', status: 'kept', to: 'visiteur@example.fr' }),
      ]);
    expect((await req('GET', '/api/admin/outbox', anyone)).statusCode).toBe(403);
    expect((await req('GET', '/api/admin/outbox')).statusCode).toBe(401);
  });
});
