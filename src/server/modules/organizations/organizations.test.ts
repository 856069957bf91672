import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../testing.ts';
import { networkOrganizations } from '../accounts/accounts.tables.ts';
import { auditLog } from '../audit/audit.tables.ts';
import { withLuhnDigit } from '../company-identity/siret.ts';
import { buildOrganization, nextSiret } from './organizations.factory.ts';
import { testAccount, testNetwork } from './organizations.test-helpers.ts';

let t: TestContext;
let admin: { id: string; cookie: string };

beforeAll(async () => {
  t = await createTestApp();
  admin = await testAccount(t.deps, { isPlatformAdmin: true });
});
afterAll(async () => t?.close());

const post = (body: unknown, cookie = admin.cookie) =>
  t.app.inject({ method: 'POST', url: '/api/organizations', payload: body as object, headers: { cookie } });

describe('create and read', () => {
  it('creates an organisation with derived identity and territory, and reads it back', async () => {
    const siret = nextSiret();
    const res = await post({
      name: 'Coopérative Les Jardins',
      acronym: 'CLJ',
      siret,
      legalCategory: '5458',
      nafCode: '0113Z',
      communeCode: '54395',
      postalCode: '54000',
      headcountBracket: '11',
      tags: ['maraîchage', 'bio'],
      description: '**Maraîchage** bio <script>alert(1)</script> [x](javascript:alert(1))',
    });
    expect(res.statusCode).toBe(201);
    const org = res.json();
    expect(org).toMatchObject({
      siren: siret.slice(0, 9),
      siret,
      essFamily: 'cooperative',
      nafCode: '01.13Z',
      nafSection: 'A',
      communeName: 'Nancy',
      departmentCode: '54',
      departmentName: 'Meurthe-et-Moselle',
      regionCode: '44',
      canEdit: true,
      source: 'manual',
    });
    expect(org.epciCode).toMatch(/^\d{9}$/);
    expect(org.descriptionHtml).toContain('<strong>Maraîchage</strong>');
    expect(org.descriptionHtml).not.toMatch(/<script|javascript:/i);

    const anonymous = await t.app.inject({ url: `/api/organizations/${org.id}` });
    expect(anonymous.statusCode).toBe(200);
    expect(anonymous.json().canEdit).toBe(false);
    expect(anonymous.json().name).toBe('Coopérative Les Jardins');

    const [audit] = await t.db.select().from(auditLog).where(eq(auditLog.entityId, org.id));
    expect(audit?.action).toBe('organization.create');
  });

  it('refuses bad input with 400 naming the field', async () => {
    const badSiret = await post({ name: 'X', siret: '73282932000075' });
    expect(badSiret.statusCode).toBe(400);
    expect(badSiret.json().error.fields.siret).toMatch(/clé de contrôle/);

    const commune = await post({ name: 'X', communeCode: '99999' });
    expect(commune.statusCode).toBe(400);
    expect(commune.json().error.fields.communeCode).toBeDefined();

    const naf = await post({ name: 'X', nafCode: '99.99Z' });
    expect(naf.json().error.fields.nafCode).toMatch(/inconnu/);

    const siret = nextSiret();
    const mismatch = await post({ name: 'X', siret, siren: withLuhnDigit('12345678') });
    expect(mismatch.statusCode).toBe(400);
    expect(mismatch.json().error.fields.siren).toMatch(/ne correspond pas/);

    const unknownField = await post({ name: 'X', color: 'red' });
    expect(unknownField.statusCode).toBe(400);
    expect(unknownField.json().error.fields.color).toBe('champ inconnu');

    const malformed = await t.app.inject({
      method: 'POST',
      url: '/api/organizations',
      payload: '{"name": ',
      headers: { cookie: admin.cookie, 'content-type': 'application/json' },
    });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().error.code).toBe('INVALID_INPUT');

    const huge = await post({ name: 'X', description: 'a'.repeat(1_100_000) });
    expect(huge.statusCode).toBe(413);
  });

  it('refuses a second organisation with the same SIRET, naming the first', async () => {
    const first = await buildOrganization(t.deps, { name: 'Mutuelle du Lac' });
    const res = await post({ name: 'Autre', siret: first.siret });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('CONFLICT');
    expect(res.json().error.message).toContain('Mutuelle du Lac');
    expect(res.json().error.message).toContain(first.id);
    expect(res.json().error.details).toEqual({ id: first.id, name: 'Mutuelle du Lac' });

    const other = await buildOrganization(t.deps);
    const patch = await t.app.inject({
      method: 'PATCH',
      url: `/api/organizations/${other.id}`,
      payload: { siret: first.siret },
      headers: { cookie: admin.cookie },
    });
    expect(patch.statusCode).toBe(409);
  });

  it('returns 404 for an unknown organisation', async () => {
    const res = await t.app.inject({ url: '/api/organizations/00000000-0000-4000-8000-000000000000' });
    expect(res.statusCode).toBe(404);
    expect((await t.app.inject({ url: '/api/organizations/nope' })).statusCode).toBe(404);
  });
});

describe('authorisation', () => {
  it('lets a coordinator create into their network and edit, but not others', async () => {
    const network = await testNetwork(t.deps);
    const coordinator = await testAccount(t.deps, { coordinatorOf: [network.id] });
    const stranger = await testAccount(t.deps);

    expect((await post({ name: 'Sans réseau' }, coordinator.cookie)).statusCode).toBe(403);
    expect((await post({ name: 'Anonyme' }, '')).statusCode).toBe(401);
    const created = await post({ name: 'Asso du réseau', networkId: network.id }, coordinator.cookie);
    expect(created.statusCode).toBe(201);
    expect(created.json().networks).toEqual([{ id: network.id, slug: network.slug, name: network.name }]);
    const id = created.json().id;

    const patch = (cookie: string, payload: object) =>
      t.app.inject({ method: 'PATCH', url: `/api/organizations/${id}`, payload, headers: { cookie } });
    const ok = await patch(coordinator.cookie, { description: 'Nouvelle description', acronym: null });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().description).toBe('Nouvelle description');
    expect((await patch(stranger.cookie, { name: 'Piraté' })).statusCode).toBe(403);
    expect((await patch(coordinator.cookie, { unknown: 1 })).statusCode).toBe(400);

    const audits = await t.db.select().from(auditLog).where(eq(auditLog.entityId, id));
    const update = audits.find((a) => a.action === 'organization.update');
    expect(update?.networkIds).toEqual([network.id]);
    expect(update?.before).toMatchObject({ description: null });
    expect(update?.after).toMatchObject({ description: 'Nouvelle description' });

    const editor = await testAccount(t.deps, { editorOf: [id] });
    expect((await patch(editor.cookie, { phone: '03 83 00 00 00' })).statusCode).toBe(200);
    const seen = await t.app.inject({ url: `/api/organizations/${id}`, headers: { cookie: editor.cookie } });
    expect(seen.json().canEdit).toBe(true);

    const del = (cookie: string) =>
      t.app.inject({ method: 'DELETE', url: `/api/organizations/${id}`, headers: { cookie } });
    expect((await del(coordinator.cookie)).statusCode).toBe(403);
    expect((await del(admin.cookie)).statusCode).toBe(204);
    expect((await t.app.inject({ url: `/api/organizations/${id}` })).statusCode).toBe(404);
    const links = await t.db
      .select()
      .from(networkOrganizations)
      .where(eq(networkOrganizations.organizationId, id));
    expect(links).toEqual([]);
  });
});

describe('organisation page', () => {
  it('serves server-rendered HTML with JSON-LD, OpenGraph and escaped content', async () => {
    const org = await buildOrganization(t.deps, {
      name: 'Les Amis </script><b>du</b> Bois',
      description: 'Une association & ses <img src=x onerror=alert(1)> amis',
      website: 'https://amis-du-bois.example.org',
    });
    const res = await t.app.inject({ url: `/annuaire/${org.id}` });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    const html = res.body;
    expect(html).toContain('<title>Les Amis &lt;/script&gt;&lt;b&gt;du&lt;/b&gt; Bois · Maillage</title>');
    expect(html).toContain('property="og:title"');
    expect(html).not.toContain('<b>du</b>');
    expect(html).not.toMatch(/onerror/);
    const json = html.match(/<script type="application\/ld\+json">(.*?)<\/script>/s)?.[1];
    const ld = JSON.parse(json!);
    expect(ld).toMatchObject({
      '@type': 'Organization',
      name: 'Les Amis </script><b>du</b> Bois',
      identifier: { propertyID: 'SIRET', value: org.siret },
      address: { postalCode: '54000', addressLocality: 'Nancy' },
      url: 'https://amis-du-bois.example.org',
    });
    expect(ld.description).toContain('Une association & ses');
    expect(html).toContain('Association');

    const missing = await t.app.inject({ url: '/annuaire/00000000-0000-4000-8000-000000000000' });
    expect(missing.statusCode).toBe(404);
    expect(missing.headers['content-type']).toMatch(/text\/html/);
    expect(missing.body).toContain('Organisation introuvable');
  });
});

describe('reference endpoints', () => {
  it('lists NAF sub-classes and identity codes', async () => {
    const naf = await t.app.inject({ url: '/api/reference/naf?q=8899' });
    expect(naf.json().items.map((i: { code: string }) => i.code)).toEqual(['88.99A', '88.99B']);
    const words = await t.app.inject({ url: '/api/reference/naf?q=action sociale hebergement' });
    expect(words.json().items.some((i: { code: string }) => i.code === '88.99B')).toBe(true);
    const identity = (await t.app.inject({ url: '/api/reference/identity' })).json();
    expect(identity.nafSections).toHaveLength(21);
    expect(identity.essFamilies.map((f: { code: string }) => f.code)).toContain('cooperative');
    expect(identity.headcountBrackets).toHaveLength(16);
    expect(identity.legalCategories).toContainEqual({ code: '9220', label: 'Association déclarée' });
  });
});
