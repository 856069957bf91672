import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../context.ts';
import { systemActor } from '../../context.ts';
import { createTestApp, type TestContext } from '../../testing.ts';
import { auditLog } from '../audit/audit.tables.ts';
import { buildClub, caller } from '../networking/networking.fixtures.ts';
import { officialLine, registerFile } from './relations.fixtures.ts';
import { importElectedOfficials } from './relations.import.ts';
import { headerKey, parseRegisterRow, registerLayout } from './relations.register.ts';
import { relationContacts, relationMandates } from './relations.tables.ts';

// The import of the Répertoire national des élus: tolerant of the header's spelling, good lines kept and bad ones
// reported with their number, a file that is not the register refused before anything is written, and a newer file
// replacing a mandate while the log keeps the person and their interactions.

const langres: [string, string] = ['52269', 'Langres'];
const chaumont: [string, string] = ['52121', 'Chaumont'];
const nancy: [string, string] = ['54395', 'Nancy'];

describe('reading the register', () => {
  it('finds the columns whatever their case, accents or apostrophe', () => {
    expect(headerKey('\uFEFFNOM DE L’ÉLU')).toBe('nom de l elu');
    const layout = registerLayout([
      'CODE DE LA COMMUNE',
      "nom de l'elu",
      'Prénom de l’élu',
      'code sexe',
      'DATE DE NAISSANCE',
      'Date de début du mandat',
    ]);
    expect(layout).toMatchObject({ mandate: 'municipal' });
    expect(registerLayout(['siren', 'denominationUniteLegale'])).toMatchObject({
      error: expect.stringMatching(/n’est pas un fichier du Répertoire national des élus.*Nom de l’élu/),
    });
  });
  it('refuses a bad line with its reason', () => {
    const layout = registerLayout([
      'Code de la commune',
      "Nom de l'élu",
      "Prénom de l'élu",
      'Code sexe',
      'Date de naissance',
      'Date de début du mandat',
    ]);
    if ('error' in layout) throw new Error(layout.error);
    expect(parseRegisterRow(layout, ['52269', 'DUPONT', 'Anne', 'X', '01/01/1970', '28/06/2020'])).toEqual({
      error: 'Code sexe « X » : F ou M attendu',
    });
    expect(
      parseRegisterRow(layout, ['52269', 'DUPONT', 'Anne', 'F', '31/02/1970', '28/06/2020']),
    ).toMatchObject({
      error: expect.stringContaining('Date de naissance'),
    });
    expect(
      parseRegisterRow(layout, ['99999', 'DUPONT', 'Anne', 'F', '01/01/1970', '28/06/2020']),
    ).toMatchObject({
      error: 'Code de la commune « 99999 » inconnu du référentiel des territoires',
    });
  });
});

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp({ now: () => new Date('2026-04-02T10:00:00Z') });
});
afterAll(() => ctx?.close());

it('imports good lines, reports bad ones, refuses another file before writing, and replaces mandates keeping the log', async () => {
  const call = caller(ctx);
  const club = await buildClub(ctx);
  const network = club.network.slug;
  const first = registerFile([
    officialLine({ commune: langres, last: 'MAIREDÉMO', first: 'Hélène', fn: 'Maire' }),
    officialLine({ commune: langres, last: 'ADJOINTDÉMO', first: 'Paul', sex: 'M', fn: '1er adjoint' }),
    officialLine({ commune: chaumont, last: 'CONSEILDÉMO', first: 'Léa' }),
    officialLine({ commune: ['99999', 'Nulle part'], last: 'PERDU', first: 'Jean', sex: 'M' }),
    officialLine({ commune: langres, last: 'SANSDATE', first: 'Zoé', born: '1968-13-01' }),
  ]);
  const dry = await importElectedOfficials(ctx.deps, systemActor, { source: first, network, dryRun: true });
  expect(dry).toMatchObject({ lines: 5, kept: 3, bad: 2, dryRun: true });
  expect(
    await ctx.db.select().from(relationContacts).where(eq(relationContacts.networkId, club.network.id)),
  ).toEqual([]);

  const report = await importElectedOfficials(ctx.deps, systemActor, { source: first, network });
  expect(report).toMatchObject({ mandate: 'municipal', lines: 5, kept: 3, bad: 2, created: 3, ended: 0 });
  expect(report.errors).toEqual([
    { line: 5, reason: 'Code de la commune « 99999 » inconnu du référentiel des territoires' },
    { line: 6, reason: 'Date de naissance « 1968-13-01 » invalide (JJ/MM/AAAA)' },
  ]);

  // Officials read as people of their commune, with their function in words.
  const list = await call(
    'GET',
    `/api/networks/${club.network.id}/relation-contacts?q=helene`,
    club.coordinator.cookies,
  );
  const [mayor] = list.json().items;
  expect(mayor).toMatchObject({
    name: 'Hélène MAIREDÉMO',
    role: 'Maire',
    territoryName: 'Langres',
    mandateEnded: false,
  });
  const lea = (
    await call('GET', `/api/networks/${club.network.id}/relation-contacts?q=lea`, club.coordinator.cookies)
  ).json().items[0];
  expect(lea).toMatchObject({ role: 'Conseillère municipale', territoryName: 'Chaumont' });

  // Staff edit an imported official's notes and directory-side fields; the register's own fields are refused,
  // each named, and the refusal writes nothing.
  const contactUrl = `/api/relation-contacts/${mayor.id}`;
  const refused = await call('PATCH', contactUrl, club.coordinator.cookies, {
    role: 'Maire honoraire',
    territoryCode: 'com:52121',
    notes: 'Pas enregistré',
  });
  expect(refused.statusCode).toBe(400);
  expect(refused.json().error.fields).toEqual({
    role: expect.stringContaining('fonction : champ du Répertoire national des élus'),
    territoryCode: expect.stringContaining('territoire : champ du Répertoire national des élus'),
  });
  const edited = await call('PATCH', contactUrl, club.coordinator.cookies, {
    role: 'Maire',
    territoryCode: 'com:52269',
    organizationName: 'Mairie de Langres',
    notes: 'Préfère être appelée le matin.',
  });
  expect(edited.statusCode).toBe(200);
  expect(edited.json()).toMatchObject({
    role: 'Maire',
    organizationName: 'Mairie de Langres',
    notes: 'Préfère être appelée le matin.',
    source: 'register',
  });
  const updates = await ctx.db.select().from(auditLog).where(eq(auditLog.entityId, mayor.id));
  expect(updates.map((a) => a.action)).toEqual(['relations.contact-update']);

  // A meeting with the mayor, then a newer file where she is no longer listed and Paul is mayor.
  const met = await call(
    'POST',
    `/api/networks/${club.network.id}/relation-interactions`,
    club.coordinator.cookies,
    {
      kind: 'meeting',
      on: '2026-03-20',
      summary: 'Zone d’activités.',
      contactIds: [mayor.id],
    },
  );
  expect(met.statusCode).toBe(201);
  const newer = registerFile([
    officialLine({
      commune: langres,
      last: 'ADJOINTDÉMO',
      first: 'Paul',
      sex: 'M',
      fn: 'Maire',
      fnStarted: '01/03/2026',
    }),
    officialLine({ commune: chaumont, last: 'CONSEILDÉMO', first: 'Léa' }),
    officialLine({ commune: langres, last: 'NOUVELLEDÉMO', first: 'Inès' }),
  ]);
  const again = await importElectedOfficials(ctx.deps, systemActor, { source: newer, network });
  expect(again).toMatchObject({ kept: 3, bad: 0, created: 1, ended: 1 });
  const contact = await call('GET', `/api/relation-contacts/${mayor.id}`, club.coordinator.cookies);
  expect(contact.json().mandates).toEqual([
    {
      label: 'Maire',
      territoryName: 'Langres',
      startedOn: '2020-06-28',
      endedOn: '2026-04-02',
      current: false,
    },
  ]);
  const timeline = await call('GET', `/api/relation-contacts/${mayor.id}/timeline`, club.coordinator.cookies);
  expect(timeline.json().items.map((i: { summary: string }) => i.summary)).toEqual(['Zone d’activités.']);
  const paul = (
    await call('GET', `/api/networks/${club.network.id}/relation-contacts?q=paul`, club.coordinator.cookies)
  ).json().items[0];
  expect(paul).toMatchObject({ role: 'Maire' });
  const rows = await ctx.db
    .select()
    .from(relationMandates)
    .where(eq(relationMandates.networkId, club.network.id));
  expect(rows).toHaveLength(4);

  // Not the register (a Sirene file): refused on its header, nothing written; and a file outside the territory.
  const before = (
    await ctx.db.select().from(relationContacts).where(eq(relationContacts.networkId, club.network.id))
  ).length;
  const sirene = registerFile(['123456789;Une entreprise'], ['siren', 'denominationUniteLegale']);
  await expect(
    importElectedOfficials(ctx.deps, systemActor, { source: sirene, network }),
  ).rejects.toMatchObject({
    code: 'INVALID_INPUT',
    message: expect.stringContaining('n’est pas un fichier du Répertoire national des élus'),
  });
  // The club covers Grand Est: an official of Nancy is kept, one of Dijon (Burgundy) skipped; a dry run writes nothing.
  const outside = await importElectedOfficials(ctx.deps, systemActor, {
    source: registerFile([
      officialLine({ commune: nancy, last: 'NANCÉDÉMO', first: 'Yves', sex: 'M' }),
      officialLine({ commune: ['21231', 'Dijon'], last: 'DIJONDÉMO', first: 'Marc', sex: 'M' }),
    ]),
    network,
    dryRun: true,
  });
  expect(outside).toMatchObject({ kept: 1, outside: 1, bad: 0 });
  expect(
    (await ctx.db.select().from(relationContacts).where(eq(relationContacts.networkId, club.network.id)))
      .length,
  ).toBe(before);
  const audits = await ctx.db.select().from(auditLog).where(eq(auditLog.action, 'relations.register-import'));
  expect(audits.filter((a) => a.entityId === club.network.id)).toHaveLength(2);

  // Only the network's staff import into it.
  const other = await buildClub(ctx);
  await expect(
    importElectedOfficials(ctx.deps, actorOf(other.coordinator.account), { source: newer, network }),
  ).rejects.toMatchObject({
    code: 'FORBIDDEN',
  });
});

const actorOf = (a: { id: string; email: string; name: string }): Actor => ({
  accountId: a.id,
  email: a.email,
  name: a.name,
  isPlatformAdmin: false,
});
