import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../testing.ts';
import { auditLog } from '../audit/audit.tables.ts';
import { listOutbox } from '../mail/mail.service.ts';
import { buildAccount, buildClub, buildMember, caller } from './networking.fixtures.ts';

// Schools and young people: who sees which offer (staff, the member, the public, another network), the school
// contacts' personal links (valid, tampered, revoked, another network's offer), an answer mailed to the offer's
// contact and logged in the relations log, and young people hosted counted per year and member, with the CSV.

let ctx: TestContext;
const now = new Date('2026-04-02T10:00:00Z');
beforeAll(async () => {
  ctx = await createTestApp({ now: () => now });
});
afterAll(() => ctx?.close());

type Cookies = Record<string, string>;
const offerBody = (memberId: string, extra: Record<string, unknown> = {}) => ({
  memberId,
  kind: 'internship',
  occupation: 'Menuisier agenceur',
  description: 'Découverte de l’atelier et des chantiers.',
  startsOn: '2026-05-11',
  endsOn: '2026-05-22',
  places: 2,
  level: 'lycee',
  contactName: 'Julie Démo',
  contactEmail: 'julie.demo@example.org',
  contactPhone: '03 25 00 00 99',
  ...extra,
});

async function schoolContact(networkId: string, cookies: Cookies, name: string, email: string | null) {
  const res = await caller(ctx)('POST', `/api/networks/${networkId}/relation-contacts`, cookies, {
    kind: 'school',
    name,
    role: 'Proviseure',
    organizationName: `Lycée de ${name}`,
    email,
    territoryCode: 'com:52269',
  });
  if (res.statusCode !== 201) throw new Error(res.body);
  return res.json().id as string;
}
const tokenIn = (text: string) => {
  const m = text.match(/\/jeunes\/lien\/([A-Za-z0-9_-]+)/);
  if (!m) throw new Error(`no link in ${text}`);
  return m[1];
};

async function setUp() {
  const call = caller(ctx);
  const club = await buildClub(ctx);
  const other = await buildClub(ctx);
  const bois = await buildMember(ctx, club, { name: 'Menuiserie du Plateau', communeCode: '52269' });
  const garage = await buildMember(ctx, club, { name: 'Garage de Langres', communeCode: '52269' });
  const elsewhere = await buildMember(ctx, other, { name: 'Ailleurs SARL', communeCode: '52121' });
  const url = `/api/networks/${club.network.id}/youth-offers`;
  const priv = await call('POST', url, bois.cookies, offerBody(bois.member.id));
  expect(priv.statusCode).toBe(201);
  const pub = await call(
    'POST',
    url,
    club.coordinator.cookies,
    offerBody(garage.member.id, {
      kind: 'observation',
      occupation: 'Mécanicien automobile',
      level: 'college',
      startsOn: null,
      endsOn: null,
      period: 'Semaine d’observation de juin',
      isPublic: true,
      contactEmail: 'atelier.demo@example.org',
    }),
  );
  expect(pub.statusCode).toBe(201);
  const otherOffer = await call(
    'POST',
    `/api/networks/${other.network.id}/youth-offers`,
    elsewhere.cookies,
    offerBody(elsewhere.member.id, { occupation: 'Boulanger' }),
  );
  expect(otherOffer.statusCode).toBe(201);
  return {
    club,
    other,
    bois,
    garage,
    elsewhere,
    url,
    priv: priv.json(),
    pub: pub.json(),
    otherOffer: otherOffer.json(),
  };
}

it('shows each offer only to whom it should, and refuses bad input naming the field', async () => {
  const call = caller(ctx);
  const { club, other, bois, garage, elsewhere, url, priv, pub } = await setUp();
  expect(priv).toMatchObject({
    organizationName: 'Menuiserie du Plateau',
    communeName: 'Langres',
    status: 'published',
  });
  expect(priv.contact).toMatchObject({ email: 'julie.demo@example.org' });

  const seen = async (cookies?: Cookies) => {
    const res = await call('GET', url, cookies);
    expect(res.statusCode).toBe(200);
    return res
      .json()
      .items.map((o: { occupation: string; contact: unknown }) => [o.occupation, o.contact !== null]);
  };
  expect((await seen(club.coordinator.cookies)).sort()).toEqual([
    ['Menuisier agenceur', true],
    ['Mécanicien automobile', true],
  ]);
  // The member sees its own offer with its contact, and the other member's public offer without its contact.
  expect((await seen(bois.cookies)).sort()).toEqual([
    ['Menuisier agenceur', true],
    ['Mécanicien automobile', false],
  ]);
  // Anyone, another network's coordinator or member: the public offer only, no contact person.
  for (const who of [
    undefined,
    other.coordinator.cookies,
    elsewhere.cookies,
    (await buildAccount(ctx.db)).cookies,
  ])
    expect(await seen(who)).toEqual([['Mécanicien automobile', false]]);
  const body = (await call('GET', url)).body;
  expect(body).not.toContain('atelier.demo@example.org');
  expect(body).not.toContain('03 25 00 00 99');
  expect((await call('GET', `/api/youth-offers/${priv.id}`)).statusCode).toBe(404);
  expect((await call('GET', `/api/youth-offers/${priv.id}`, other.coordinator.cookies)).statusCode).toBe(404);
  expect((await call('GET', `/api/youth-offers/${priv.id}`, garage.cookies)).statusCode).toBe(404);
  expect((await call('GET', `/api/youth-offers/${pub.id}`)).json().contact).toBeNull();

  // Writes: another network's coordinator and another member may not post or edit for the menuiserie.
  expect((await call('POST', url, other.coordinator.cookies, offerBody(bois.member.id))).statusCode).toBe(
    403,
  );
  expect((await call('POST', url, garage.cookies, offerBody(bois.member.id))).statusCode).toBe(403);
  const edit = { ...offerBody(bois.member.id), status: 'closed' } as Record<string, unknown>;
  delete edit.memberId;
  expect(
    (await call('PUT', `/api/youth-offers/${priv.id}`, other.coordinator.cookies, edit)).statusCode,
  ).toBe(404);

  // Bad input: a 400 naming the field, in French.
  const bad = async (extra: Record<string, unknown>, field: string) => {
    const res = await call('POST', url, bois.cookies, offerBody(bois.member.id, extra));
    expect(res.statusCode, JSON.stringify(extra)).toBe(400);
    expect(Object.keys(res.json().error.fields ?? {})).toContain(field);
  };
  await bad({ kind: 'cdi' }, 'kind');
  await bad({ level: 'maternelle' }, 'level');
  await bad({ places: 0 }, 'places');
  await bad({ startsOn: null, endsOn: null, period: null }, 'period');
  await bad({ startsOn: '2026-03-01', endsOn: '2026-03-10' }, 'endsOn');
  await bad({ endsOn: '2026-05-01' }, 'endsOn');
  await bad({ commune: '99999' }, 'commune');
  await bad({ contactEmail: 'pas-une-adresse' }, 'contactEmail');

  // Closed: off the public list, still there for its member and the staff.
  const closed = {
    ...offerBody(garage.member.id),
    kind: 'observation',
    status: 'closed',
    isPublic: true,
  } as Record<string, unknown>;
  delete closed.memberId;
  expect((await call('PUT', `/api/youth-offers/${pub.id}`, garage.cookies, closed)).statusCode).toBe(200);
  expect(await seen()).toEqual([]);
  expect((await seen(club.coordinator.cookies)).length).toBe(2);
});

it('opens the season’s offers through a school’s link, takes its answer, mails the member and logs it', async () => {
  const call = caller(ctx);
  const { club, other, url, priv, pub, otherOffer } = await setUp();
  const coord = club.coordinator.cookies;
  const lycee = await schoolContact(club.network.id, coord, 'Claire Démo', 'claire.demo@example.org');
  const noMail = await schoolContact(club.network.id, coord, 'Sans Adresse', null);
  const otherSchool = await schoolContact(
    other.network.id,
    other.coordinator.cookies,
    'Autre Démo',
    'autre.demo@example.org',
  );
  const links = `/api/networks/${club.network.id}/youth-links`;

  // Only the network's coordinators send links, only to a school of their own log that has an address.
  expect((await call('POST', links, other.coordinator.cookies, { contactId: lycee })).statusCode).toBe(403);
  const foreign = await call('POST', links, coord, { contactId: otherSchool });
  expect(foreign.statusCode).toBe(400);
  expect(foreign.json().error.fields).toHaveProperty('contactId');
  expect((await call('POST', links, coord, { contactId: noMail })).json().error.fields).toHaveProperty(
    'contactId',
  );
  const sent = await call('POST', links, coord, { contactId: lycee });
  expect(sent.statusCode).toBe(201);
  const [mail] = await listOutbox(ctx.db, { to: 'claire.demo@example.org' });
  expect(mail.kind).toBe('networking.youth-link');
  const token = tokenIn(mail.text);

  const view = await call('GET', `/api/youth-school-links/${token}`);
  expect(view.statusCode).toBe(200);
  expect(view.json()).toMatchObject({ season: '2025-2026', contactName: 'Claire Démo' });
  expect(
    view
      .json()
      .offers.map((o: { occupation: string }) => o.occupation)
      .sort(),
  ).toEqual(['Menuisier agenceur', 'Mécanicien automobile']);
  expect(view.json().offers[0].contact).not.toBeNull();

  // Tampered: a clear sentence, nothing of the network.
  const tampered = `${token.slice(0, -3)}${token.endsWith('AAA') ? 'BBB' : 'AAA'}`;
  const bad = await call('GET', `/api/youth-school-links/${tampered}`);
  expect(bad.statusCode).toBe(404);
  expect(bad.json().error.message).toContain('Ce lien n’est pas valide');
  expect(
    (
      await call('POST', `/api/youth-school-links/${tampered}/answers`, undefined, {
        offerId: priv.id,
        youngPeople: 1,
        message: 'Bonjour',
      })
    ).statusCode,
  ).toBe(404);

  // Another network's offer is refused, naming the field; too many young people too.
  const answers = `/api/youth-school-links/${token}/answers`;
  const cross = await call('POST', answers, undefined, {
    offerId: otherOffer.id,
    youngPeople: 1,
    message: 'Bonjour',
  });
  expect(cross.statusCode).toBe(400);
  expect(cross.json().error.fields).toHaveProperty('offerId');
  const many = await call('POST', answers, undefined, {
    offerId: priv.id,
    youngPeople: 5,
    message: 'Bonjour',
  });
  expect(many.json().error.fields).toHaveProperty('youngPeople');

  const ok = await call('POST', answers, undefined, {
    offerId: priv.id,
    youngPeople: 2,
    message: 'Deux élèves de première en bac pro menuiserie.',
  });
  expect(ok.statusCode).toBe(201);
  const [toMember] = await listOutbox(ctx.db, { to: 'julie.demo@example.org' });
  expect(toMember.kind).toBe('networking.youth-answer');
  expect(toMember.text).toContain('Lycée de Claire Démo');
  expect(toMember.text).toContain('Deux élèves de première');
  expect(toMember.text).toContain('claire.demo@example.org');
  // The relations log has it, as an interaction with that school.
  const timeline = await call('GET', `/api/relation-contacts/${lycee}/timeline`, coord);
  expect(timeline.json().items).toHaveLength(1);
  expect(timeline.json().items[0].summary).toContain('Menuisier agenceur');
  expect(timeline.json().items[0].summary).toContain('2 jeunes');
  expect((await call('GET', `/api/youth-school-links/${token}`)).json().answers).toHaveLength(1);
  const audits = await ctx.db.select().from(auditLog).where(eq(auditLog.action, 'networking.youth-answer'));
  expect(audits.length).toBe(1);

  // A contact no longer filed as a school loses its link; filed back, it has it again.
  const relabel = (kind: string) => call('PATCH', `/api/relation-contacts/${lycee}`, coord, { kind });
  expect((await relabel('partner')).statusCode).toBe(200);
  expect((await call('GET', `/api/youth-school-links/${token}`)).statusCode).toBe(404);
  expect((await relabel('school')).statusCode).toBe(200);
  expect((await call('GET', `/api/youth-school-links/${token}`)).statusCode).toBe(200);

  // A closed offer is not answerable; a revoked link opens on its sentence.
  const closed = { ...offerBody(pub.memberId), kind: 'observation', status: 'closed' } as Record<
    string,
    unknown
  >;
  delete closed.memberId;
  expect((await call('PUT', `/api/youth-offers/${pub.id}`, coord, closed)).statusCode).toBe(200);
  expect(
    (await call('POST', answers, undefined, { offerId: pub.id, youngPeople: 1, message: 'x' })).statusCode,
  ).toBe(400);
  expect(
    (
      await ctx.app.inject({
        method: 'DELETE',
        url: `/api/youth-links/${sent.json().id}`,
        cookies: other.coordinator.cookies,
      })
    ).statusCode,
  ).toBe(404);
  expect(
    (await ctx.app.inject({ method: 'DELETE', url: `/api/youth-links/${sent.json().id}`, cookies: coord }))
      .statusCode,
  ).toBe(204);
  const revoked = await call('GET', `/api/youth-school-links/${token}`);
  expect(revoked.statusCode).toBe(404);
  expect(revoked.json().error.message).toContain('retiré');
  expect((await call('GET', links, coord)).json().items[0].revokedAt).not.toBeNull();
  expect((await call('GET', links, other.coordinator.cookies)).statusCode).toBe(403);
  expect(url).toBeTruthy();
});

it('counts young people hosted per year and per member, for the staff, with a French Excel CSV', async () => {
  const call = caller(ctx);
  const { club, other, bois, garage, priv, pub } = await setUp();
  const second = await call(
    'POST',
    `/api/networks/${club.network.id}/youth-offers`,
    bois.cookies,
    offerBody(bois.member.id, { kind: 'apprenticeship', occupation: 'Ébéniste' }),
  );
  const put = (id: string, cookies: Cookies, body: object) =>
    call('PUT', `/api/youth-offers/${id}/hosted`, cookies, body);
  expect((await put(priv.id, bois.cookies, { year: 2025, count: 2 })).statusCode).toBe(200);
  expect((await put(second.json().id, bois.cookies, { year: 2025, count: 1 })).statusCode).toBe(200);
  expect((await put(pub.id, club.coordinator.cookies, { year: 2025, count: 4 })).statusCode).toBe(200);
  // Corrected, not added.
  expect((await put(pub.id, garage.cookies, { year: 2025, count: 3 })).json()).toMatchObject({ count: 3 });
  expect((await put(pub.id, garage.cookies, { year: 2026, count: 1 })).statusCode).toBe(200);
  // Another member, another network's coordinator: the offer is not theirs.
  expect((await put(priv.id, garage.cookies, { year: 2025, count: 9 })).statusCode).toBe(404);
  expect((await put(priv.id, other.coordinator.cookies, { year: 2025, count: 9 })).statusCode).toBe(404);
  const future = await put(priv.id, bois.cookies, { year: 2027, count: 1 });
  expect(future.statusCode).toBe(400);
  expect(future.json().error.fields).toHaveProperty('year');
  expect((await put(priv.id, bois.cookies, { year: 2025, count: -1 })).json().error.fields).toHaveProperty(
    'count',
  );

  const counts = await call('GET', `/api/networks/${club.network.id}/youth-hosted`, club.coordinator.cookies);
  expect(counts.json().years).toEqual([
    {
      year: 2026,
      total: 1,
      members: [expect.objectContaining({ organizationName: 'Garage de Langres', count: 1 })],
    },
    {
      year: 2025,
      total: 6,
      members: [
        expect.objectContaining({ organizationName: 'Garage de Langres', count: 3, offers: 1 }),
        expect.objectContaining({ organizationName: 'Menuiserie du Plateau', count: 3, offers: 2 }),
      ],
    },
  ]);
  for (const who of [undefined, other.coordinator.cookies, bois.cookies]) {
    expect(
      (await call('GET', `/api/networks/${club.network.id}/youth-hosted`, who)).statusCode,
    ).toBeGreaterThanOrEqual(401);
    expect(
      (await call('GET', `/api/networks/${club.network.id}/youth-hosted.csv`, who)).statusCode,
    ).toBeGreaterThanOrEqual(401);
  }
  const csv = await call(
    'GET',
    `/api/networks/${club.network.id}/youth-hosted.csv`,
    club.coordinator.cookies,
  );
  expect(csv.headers['content-type']).toContain('text/csv');
  expect(csv.body.startsWith('\uFEFFAnnée;Adhérent;Jeunes accueillis;Offres\r\n')).toBe(true);
  expect(csv.body).toContain('2025;Menuiserie du Plateau;3;2\r\n');
});
