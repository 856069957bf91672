import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { systemActor } from '../../context.ts';
import { createTestApp, type TestContext } from '../../testing.ts';
import { auditLog } from '../audit/audit.tables.ts';
import { importRomeExcerpt } from '../gtec/rome.import.ts';
import { listOutbox } from '../mail/mail.service.ts';
import { buildClub, buildMember, caller } from './networking.fixtures.ts';

// Offers to young people edited and closed by their member (not by another member), their occupation chosen from
// the ROME referential (code and label stored, shown on the public page), and schools' answers rate-limited per
// address with a French sentence.

let ctx: TestContext;
const now = new Date('2026-04-02T10:00:00Z');
beforeAll(async () => {
  ctx = await createTestApp({ now: () => now });
  await importRomeExcerpt(ctx.deps, systemActor);
});
afterAll(() => ctx?.close());

const offer = (extra: Record<string, unknown> = {}) => ({
  kind: 'internship',
  romeCode: 'H2206',
  romeAppellation: '920064',
  description: 'Découverte de l’atelier et des chantiers.',
  startsOn: '2026-05-11',
  endsOn: '2026-05-22',
  places: 2,
  level: 'lycee',
  contactName: 'Julie Démo',
  contactEmail: 'julie.demo@example.org',
  isPublic: true,
  ...extra,
});

it('lets the member edit and close its offer chosen from the ROME referential, shown on the public page', async () => {
  const call = caller(ctx);
  const club = await buildClub(ctx);
  const bois = await buildMember(ctx, club, { name: 'Menuiserie du Plateau', communeCode: '52269' });
  const garage = await buildMember(ctx, club, { name: 'Garage de Langres', communeCode: '52269' });
  const url = `/api/networks/${club.network.id}/youth-offers`;

  // Bad ROME input is refused naming the field, in French.
  const unknown = await call('POST', url, bois.cookies, {
    memberId: bois.member.id,
    ...offer({ romeCode: 'Z9999' }),
  });
  expect(unknown.statusCode).toBe(400);
  expect(unknown.json().error.fields.romeCode).toBe('code ROME : une lettre et quatre chiffres (H2913)');
  const missing = await call('POST', url, bois.cookies, {
    memberId: bois.member.id,
    ...offer({ romeCode: 'N9999' }),
  });
  expect(missing.json().error.fields.romeCode).toContain('inconnu du référentiel');
  const wrongTitle = await call('POST', url, bois.cookies, {
    memberId: bois.member.id,
    ...offer({ romeAppellation: '920096' }), // a welder's title under the joiner's code
  });
  expect(wrongTitle.json().error.fields.romeAppellation).toContain('n’appartient pas au code ROME H2206');
  const none = await call('POST', url, bois.cookies, {
    memberId: bois.member.id,
    ...offer({ romeCode: null, romeAppellation: null }),
  });
  expect(none.json().error.fields.occupation).toContain('métier obligatoire');

  const created = await call('POST', url, bois.cookies, { memberId: bois.member.id, ...offer() });
  expect(created.statusCode).toBe(201);
  expect(created.json()).toMatchObject({
    occupation: 'Menuisier / Menuisière d’agencement',
    romeCode: 'H2206',
    romeLabel: expect.any(String),
  });
  const romeLabel = created.json().romeLabel as string;
  expect(romeLabel.length).toBeGreaterThan(3);
  const id = created.json().id as string;
  const put = (cookies: Record<string, string> | undefined, body: Record<string, unknown>) =>
    call('PUT', `/api/youth-offers/${id}`, cookies, body);

  // Another member may not edit it (404, nothing told); its member changes the title and places.
  expect((await put(garage.cookies, { ...offer({ places: 9 }), status: 'published' })).statusCode).toBe(404);
  expect((await put(undefined, { ...offer({ places: 9 }), status: 'published' })).statusCode).toBe(404);
  const edited = await put(bois.cookies, {
    ...offer({ romeAppellation: '920063', places: 3 }),
    status: 'published',
  });
  expect(edited.statusCode).toBe(200);
  const publicPage = (await call('GET', url)).json().items;
  expect(publicPage).toEqual([
    expect.objectContaining({
      occupation: 'Menuisier / Menuisière',
      romeCode: 'H2206',
      romeLabel,
      places: 3,
    }),
  ]);
  // The same code without a title chosen again keeps the title.
  await put(bois.cookies, { ...offer({ romeAppellation: null, places: 3 }), status: 'published' });
  expect((await call('GET', `/api/youth-offers/${id}`)).json().occupation).toBe('Menuisier / Menuisière');

  // Closed: off the public page, still the member's; reopened only while not over.
  expect(
    (await put(bois.cookies, { ...offer({ romeAppellation: null }), status: 'closed' })).statusCode,
  ).toBe(200);
  expect((await call('GET', url)).json().items).toEqual([]);
  expect((await call('GET', url, bois.cookies)).json().items[0]).toMatchObject({
    status: 'closed',
    mine: true,
  });
  const audits = await ctx.db.select().from(auditLog).where(eq(auditLog.entityId, id));
  expect(audits.map((a) => a.action).sort()).toEqual([
    'networking.youth-offer-create',
    'networking.youth-offer-update',
    'networking.youth-offer-update',
    'networking.youth-offer-update',
  ]);
});

it('limits the answers sent from one address, with a French sentence', async () => {
  const call = caller(ctx);
  const club = await buildClub(ctx);
  const bois = await buildMember(ctx, club, { name: 'Menuiserie des Lycées', communeCode: '52269' });
  const created = await call('POST', `/api/networks/${club.network.id}/youth-offers`, bois.cookies, {
    memberId: bois.member.id,
    ...offer({ places: 100 }),
  });
  const school = await call(
    'POST',
    `/api/networks/${club.network.id}/relation-contacts`,
    club.coordinator.cookies,
    {
      kind: 'school',
      name: 'Proviseure Limite',
      email: 'proviseure.limite@example.org',
    },
  );
  await call('POST', `/api/networks/${club.network.id}/youth-links`, club.coordinator.cookies, {
    contactId: school.json().id,
  });
  const [mail] = await listOutbox(ctx.db, { to: 'proviseure.limite@example.org' });
  const token = mail.text.match(/\/jeunes\/lien\/([A-Za-z0-9_-]+)/)?.[1];
  const answer = (ip: string) =>
    ctx.app.inject({
      method: 'POST',
      url: `/api/youth-school-links/${token}/answers`,
      headers: { 'x-forwarded-for': ip },
      payload: { offerId: created.json().id, youngPeople: 1, message: 'Un élève intéressé.' },
    });
  for (let i = 0; i < 10; i++) expect((await answer('203.0.113.7')).statusCode).toBe(201);
  const refused = await answer('203.0.113.7');
  expect(refused.statusCode).toBe(429);
  expect(refused.json().error.message).toBe(
    'Trop de réponses envoyées depuis cette adresse : réessayez dans quelques minutes.',
  );
  // Another address is not held back.
  expect((await answer('203.0.113.8')).statusCode).toBe(201);
});
