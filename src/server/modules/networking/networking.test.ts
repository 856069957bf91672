import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../testing.ts';
import { buildAccount, buildClub, buildMember, caller, postBody } from './networking.fixtures.ts';

// The exchange of offers and needs: who may post, who sees what (members only or public, expired ones for their
// author), French search ignoring accents, bad input named in French, suggestions ranked with their reason.

let ctx: TestContext;
let now = new Date('2026-04-02T10:00:00Z');
beforeAll(async () => {
  ctx = await createTestApp({ now: () => now });
});
afterAll(() => ctx?.close());

it('lets members and coordinators post, keeps members-only posts in the network, and refuses others', async () => {
  const call = caller(ctx);
  const club = await buildClub(ctx);
  const other = await buildClub(ctx);
  const bois = await buildMember(ctx, club, { name: 'Charpentes du Plateau', communeCode: '52269' });
  const garage = await buildMember(ctx, club, { name: 'Garage de Langres', communeCode: '52269' });
  const unpaid = await buildMember(ctx, club, { name: 'Pas encore à jour' }, { paid: false });
  const outsider = await buildAccount(ctx.db);
  const url = `/api/networks/${club.network.id}/exchange`;

  const mine = await call(
    'POST',
    url,
    bois.cookies,
    postBody(bois.member.id, { title: 'Charpentier disponible' }),
  );
  expect(mine.statusCode).toBe(201);
  expect(mine.json()).toMatchObject({
    organizationName: 'Charpentes du Plateau',
    mine: true,
    visibility: 'members',
  });
  // A public post by the coordinator on the garage's behalf.
  const pub = await call('POST', url, club.coordinator.cookies, {
    ...postBody(garage.member.id, { title: 'Révision de flotte', visibility: 'public', kind: 'offer' }),
  });
  expect(pub.statusCode).toBe(201);

  // Not a member, another member, a member not paid up, another network's coordinator: 403.
  expect((await call('POST', url, outsider.cookies, postBody(bois.member.id))).statusCode).toBe(403);
  expect((await call('POST', url, garage.cookies, postBody(bois.member.id))).statusCode).toBe(403);
  expect((await call('POST', url, unpaid.cookies, postBody(unpaid.member.id))).statusCode).toBe(403);
  expect((await call('POST', url, other.coordinator.cookies, postBody(bois.member.id))).statusCode).toBe(403);
  expect((await call('POST', url, undefined, postBody(bois.member.id))).statusCode).toBe(403);
  // The coordinator cannot post for a member who is not paid up.
  const notActive = await call('POST', url, club.coordinator.cookies, postBody(unpaid.member.id));
  expect(notActive.statusCode).toBe(400);
  expect(notActive.json().error.fields).toHaveProperty('memberId');

  const titles = async (cookies?: Record<string, string>) =>
    (await call('GET', url, cookies))
      .json()
      .items.map((p: { title: string }) => p.title)
      .sort();
  expect(await titles(garage.cookies)).toEqual(['Charpentier disponible', 'Révision de flotte']);
  expect(await titles(club.coordinator.cookies)).toEqual(['Charpentier disponible', 'Révision de flotte']);
  // Anonymous, a stranger, another network's coordinator: the public post only.
  expect(await titles()).toEqual(['Révision de flotte']);
  expect(await titles(outsider.cookies)).toEqual(['Révision de flotte']);
  expect(await titles(other.coordinator.cookies)).toEqual(['Révision de flotte']);
  const privateId = mine.json().id;
  expect((await call('GET', `/api/exchange-posts/${privateId}`)).statusCode).toBe(404);
  expect((await call('GET', `/api/exchange-posts/${privateId}`, other.coordinator.cookies)).statusCode).toBe(
    404,
  );
  expect((await call('GET', `/api/exchange-posts/${privateId}`, garage.cookies)).statusCode).toBe(200);
  expect((await call('GET', `/api/exchange-posts/${pub.json().id}`)).statusCode).toBe(200);
  const otherList = await call(
    'GET',
    `/api/networks/${club.network.id}/introductions`,
    other.coordinator.cookies,
  );
  expect(otherList.statusCode).toBe(403);

  // Expired: gone from the lists, still there for its author.
  const short = await call(
    'POST',
    url,
    bois.cookies,
    postBody(bois.member.id, { title: 'Offre courte', expiresOn: '2026-04-03' }),
  );
  expect(short.statusCode).toBe(201);
  now = new Date('2026-04-05T10:00:00Z');
  try {
    expect(await titles(garage.cookies)).not.toContain('Offre courte');
    const own = (await call('GET', url, bois.cookies)).json().items;
    expect(own.find((p: { title: string }) => p.title === 'Offre courte')).toMatchObject({ expired: true });
    expect((await call('GET', `/api/exchange-posts/${short.json().id}`, garage.cookies)).statusCode).toBe(
      404,
    );
    expect((await call('GET', `/api/exchange-posts/${short.json().id}`, bois.cookies)).statusCode).toBe(200);
  } finally {
    now = new Date('2026-04-02T10:00:00Z');
  }

  // Withdrawn by its author; another member cannot.
  expect(
    (
      await ctx.app.inject({
        method: 'DELETE',
        url: `/api/exchange-posts/${privateId}`,
        cookies: garage.cookies,
      })
    ).statusCode,
  ).toBe(403);
  expect(
    (
      await ctx.app.inject({
        method: 'DELETE',
        url: `/api/exchange-posts/${privateId}`,
        cookies: bois.cookies,
      })
    ).statusCode,
  ).toBe(204);
});

it('refuses bad input with a 400 naming the field in French', async () => {
  const call = caller(ctx);
  const club = await buildClub(ctx);
  const m = await buildMember(ctx, club, { name: 'Menuiserie Vaillant' });
  const url = `/api/networks/${club.network.id}/exchange`;
  const past = await call('POST', url, m.cookies, postBody(m.member.id, { expiresOn: '2026-04-01' }));
  expect(past.statusCode).toBe(400);
  expect(past.json().error.fields.expiresOn).toMatch(/passée/);
  const cat = await call('POST', url, m.cookies, postBody(m.member.id, { category: 'bricolage' }));
  expect(cat.statusCode).toBe(400);
  expect(cat.json().error.fields.category).toMatch(/catégorie inconnue/);
  const place = await call('POST', url, m.cookies, postBody(m.member.id, { territory: 'region:44' }));
  expect(place.statusCode).toBe(400);
  expect(place.json().error.fields).toHaveProperty('territory');
  const ok = await call(
    'POST',
    url,
    m.cookies,
    postBody(m.member.id, { territory: '52269', nafSection: 'F' }),
  );
  expect(ok.json()).toMatchObject({
    territoryCode: 'com:52269',
    territoryName: 'Langres',
    sectorLabel: 'Construction',
  });
});

it('searches in French with stems and accents ignored', async () => {
  const call = caller(ctx);
  const club = await buildClub(ctx);
  const m = await buildMember(ctx, club, { name: 'Bois et Toits' });
  const url = `/api/networks/${club.network.id}/exchange`;
  for (const [title, body] of [
    ['Charpentier pour hangar', 'Nous cherchons un charpentier.'],
    ['Pose de charpente', 'Charpente traditionnelle en chêne.'],
    ['Métallerie et serrurerie', 'Portails et garde-corps.'],
    ['Comptabilité', 'Tenue des comptes de TPE.'],
  ])
    expect((await call('POST', url, m.cookies, postBody(m.member.id, { title, body }))).statusCode).toBe(201);
  const search = async (q: string) =>
    (await call('GET', `${url}?q=${encodeURIComponent(q)}`, m.cookies))
      .json()
      .items.map((p: { title: string }) => p.title)
      .sort();
  expect(await search('charpente')).toEqual(['Charpentier pour hangar', 'Pose de charpente']);
  expect(await search('charpentier')).toEqual(['Charpentier pour hangar', 'Pose de charpente']);
  expect(await search('metallerie')).toEqual(['Métallerie et serrurerie']);
  expect(await search('CHÊNE')).toEqual(['Pose de charpente']);
  expect(await search('comptable')).toEqual(['Comptabilité']);
  expect(await search('plomberie')).toEqual([]);
  // Filters.
  const needs = await call('GET', `${url}?kind=need`, m.cookies);
  expect(needs.json().items).toEqual([]);
});

it('suggests offers and members for a need, ranked, with the reason in French', async () => {
  const call = caller(ctx);
  const club = await buildClub(ctx);
  const other = await buildClub(ctx);
  // Langres (52269) and Chaumont (52121) are about 35 km apart.
  const asker = await buildMember(ctx, club, {
    name: 'Boulangerie Martin',
    communeCode: '52269',
    nafSection: 'C',
  });
  const near = await buildMember(ctx, club, {
    name: 'Charpentes Langroises',
    communeCode: '52269',
    nafSection: 'F',
  });
  const far = await buildMember(ctx, club, {
    name: 'Toitures de Chaumont',
    communeCode: '52121',
    nafSection: 'F',
  });
  const unrelated = await buildMember(ctx, club, {
    name: 'Cabinet comptable',
    communeCode: '52269',
    nafSection: 'M',
  });
  const elsewhere = await buildMember(ctx, other, {
    name: 'Charpente lointaine',
    communeCode: '52269',
    nafSection: 'F',
  });
  const url = `/api/networks/${club.network.id}/exchange`;
  const post = async (who: typeof asker, body: Record<string, unknown>, cookies = who.cookies, net = url) => {
    const res = await call('POST', net, cookies, postBody(who.member.id, body));
    expect(res.statusCode).toBe(201);
    return res.json();
  };
  const need = await post(asker, {
    kind: 'need',
    title: 'Charpente bois pour notre fournil',
    body: 'Nous cherchons un charpentier pour une extension en bois.',
    category: 'subcontracting',
    nafSection: 'F',
  });
  const nearOffer = await post(near, {
    title: 'Charpente et ossature bois',
    body: 'Charpentier, bois local.',
    nafSection: 'F',
  });
  await post(far, { title: 'Couverture et charpente', body: 'Toitures, zinguerie.', nafSection: 'F' });
  await post(unrelated, { title: 'Tenue de comptabilité', body: 'Bilans et liasses.' });
  await post(
    elsewhere,
    { title: 'Charpente bois', body: 'Charpentier.' },
    elsewhere.cookies,
    `/api/networks/${other.network.id}/exchange`,
  );

  const res = await call('GET', `/api/exchange-posts/${need.id}/suggestions`, asker.cookies);
  expect(res.statusCode).toBe(200);
  const items = res.json().items as {
    type: string;
    organizationName: string;
    reason: string;
    postId: string | null;
  }[];
  expect(items[0]).toMatchObject({
    type: 'offer',
    postId: nearOffer.id,
    organizationName: 'Charpentes Langroises',
  });
  expect(items[0].reason).toBe(
    'même secteur : Construction ; même commune ; mots en commun : charpente, bois, charpentier',
  );
  const farOffer = items.find((i) => i.type === 'offer' && i.organizationName === 'Toitures de Chaumont');
  expect(farOffer?.reason).toMatch(/^même secteur : Construction ; 3\d km ; mots en commun : charpente/);
  expect(items.indexOf(farOffer!)).toBeGreaterThan(0);
  const names = items.map((i) => i.organizationName);
  expect(names).not.toContain('Cabinet comptable');
  expect(names).not.toContain('Charpente lointaine');
  expect(names).not.toContain('Boulangerie Martin');
  // Member organisations too (same sector), after the offers that also share words.
  expect(items.some((i) => i.type === 'member' && i.organizationName === 'Toitures de Chaumont')).toBe(true);

  // Only the member who posted it (and the coordinators) see the suggestions.
  expect((await call('GET', `/api/exchange-posts/${need.id}/suggestions`, near.cookies)).statusCode).toBe(
    403,
  );
  expect(
    (await call('GET', `/api/exchange-posts/${need.id}/suggestions`, club.coordinator.cookies)).statusCode,
  ).toBe(200);
  expect(
    (await call('GET', `/api/exchange-posts/${need.id}/suggestions`, other.coordinator.cookies)).statusCode,
  ).toBe(404);
});
