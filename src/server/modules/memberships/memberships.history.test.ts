import { and, count, eq } from 'drizzle-orm';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../testing.ts';
import { auditLog } from '../audit/audit.tables.ts';
import { withLuhnDigit } from '../company-identity/siret.ts';
import { organizations } from '../organizations/organizations.tables.ts';
import { buildAccount, buildClub, buildOrganization, caller } from './memberships.fixtures.ts';
import { members, membershipDocuments, membershipPeriods } from './memberships.tables.ts';

// Importing 25 years of membership history from CSV: bad lines reported with their number, good ones kept, the
// dry run writes nothing, a second import adds nothing, Windows-1252 files read, imported years never numbered.

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp({ now: () => new Date('2026-03-10T09:00:00Z') });
});
afterAll(() => ctx?.close());

const siret = (seed: string) => withLuhnDigit(`${withLuhnDigit(seed)}0001`);

async function post(
  networkId: string,
  cookies: Record<string, string> | undefined,
  body: string | Buffer,
  dryRun: string,
) {
  return ctx.app.inject({
    method: 'POST',
    url: `/api/networks/${networkId}/memberships/history?dryRun=${dryRun}`,
    headers: { 'content-type': 'text/csv' },
    cookies,
    payload: body,
  });
}

const tally = async (networkId: string) => ({
  periods: (
    await ctx.db
      .select({ n: count() })
      .from(membershipPeriods)
      .where(eq(membershipPeriods.networkId, networkId))
  )[0].n,
  members: (await ctx.db.select({ n: count() }).from(members).where(eq(members.networkId, networkId)))[0].n,
  orgs: (await ctx.db.select({ n: count() }).from(organizations))[0].n,
  documents: (
    await ctx.db
      .select({ n: count() })
      .from(membershipDocuments)
      .where(eq(membershipDocuments.networkId, networkId))
  )[0].n,
});

it('imports past years, reports each bad line with its number and keeps the good ones, once', async () => {
  const call = caller(ctx);
  const { network, coordinator, small, large } = await buildClub(ctx);
  const other = await buildClub(ctx);
  const known = await buildOrganization(ctx.db, { name: 'Menuiserie Vautrin', siret: siret('40000001') });
  const byName = await buildOrganization(ctx.db, { name: 'Garage du Centre' });
  // Already a member in Maillage since 2025 (its call for dues numbered as usual).
  const added = await call('POST', `/api/networks/${network.id}/memberships`, coordinator.cookies, {
    organizationId: known.id,
    planId: large.id,
    startsOn: '2025-01-01',
  });
  expect(added.statusCode).toBe(201);
  const newSiret = siret('40000002');
  const badKey = `${newSiret.slice(0, 13)}${(Number(newSiret[13]) + 1) % 10}`;
  const csv = [
    'SIRET;Nom;Année;Formule;Montant;Payé',
    `${known.siret};;2023;TPE (moins de 10 salariés);120,00;oui`,
    `${known.siret};;2024;;120;oui`,
    `${newSiret};Boulangerie Neuve;2024;PME et plus;"1 200,50 €";non`,
    ';Inconnue SARL;2022;;;',
    `${known.siret};;2030;;;`,
    `${known.siret};;2022;;douze euros;`,
    `${known.siret};;2021;Formule Or;;`,
    `${badKey};Clé Fausse;2022;;;`,
    `${known.siret};;2023;;;`,
    ';Garage du Centre;2019;;80;non',
    `${known.siret};;2025;;;oui`,
  ].join('\r\n');
  const before = await tally(network.id);

  const dry = await post(network.id, coordinator.cookies, csv, '1');
  expect(dry.statusCode).toBe(200);
  const report = dry.json();
  expect(report.errors.map((e: { line: number }) => e.line)).toEqual([5, 6, 7, 8, 9, 10]);
  const reasons = Object.fromEntries(
    report.errors.map((e: { line: number; reason: string }) => [e.line, e.reason]),
  );
  expect(reasons[5]).toMatch(/Inconnue SARL.*inconnue de l’annuaire.*SIRET/);
  expect(reasons[6]).toMatch(/année invalide « 2030 »/);
  expect(reasons[7]).toMatch(/montant invalide « douze euros »/);
  expect(reasons[8]).toMatch(/formule inconnue « Formule Or »/);
  expect(reasons[9]).toMatch(/clé de contrôle du SIRET invalide/);
  expect(reasons[10]).toMatch(/doublon de la ligne 2/);
  expect(report).toMatchObject({
    dryRun: true,
    total: 11,
    valid: 5,
    periodsCreated: 4,
    alreadyPresent: 1,
    membersCreated: 2,
    organizationsCreated: 1,
  });
  expect(await tally(network.id)).toEqual(before);

  const real = await post(network.id, coordinator.cookies, csv, '0');
  expect(real.statusCode).toBe(200);
  expect(real.json()).toMatchObject({
    dryRun: false,
    periodsCreated: 4,
    membersCreated: 2,
    organizationsCreated: 1,
  });
  const after = await tally(network.id);
  expect(after).toEqual({
    ...before,
    periods: before.periods + 4,
    members: before.members + 2,
    orgs: before.orgs + 1,
  });

  // The known member's history: 2023 and 2024 imported before its 2025 period, which becomes a renewal.
  const detail = (await call('GET', `/api/members/${added.json().id}`, coordinator.cookies)).json();
  expect(
    detail.periods.map((p: { startsOn: string; kind: string; imported: boolean }) => [
      p.startsOn,
      p.kind,
      p.imported,
    ]),
  ).toEqual([
    ['2025-01-01', 'renewal', false],
    ['2024-01-01', 'renewal', true],
    ['2023-01-01', 'join', true],
  ]);
  expect(detail.periods[2].amountCents).toBe(12_000);
  expect(detail.memberSince).toBe('2023-01-01');
  // The created organisation, its unpaid 2024 and the member found by name, lapsed since (statuses recomputed).
  const [created] = await ctx.db.select().from(organizations).where(eq(organizations.siret, newSiret));
  expect(created.name).toBe('Boulangerie Neuve');
  const statuses = await ctx.db
    .select({ org: members.organizationId, status: members.status })
    .from(members)
    .where(eq(members.networkId, network.id));
  expect(statuses.find((s) => s.org === created.id)?.status).toBe('lapsed');
  expect(statuses.find((s) => s.org === byName.id)?.status).toBe('lapsed');
  const newMember = (await ctx.db.select().from(members).where(eq(members.organizationId, created.id)))[0];
  const periods = await ctx.db
    .select()
    .from(membershipPeriods)
    .where(eq(membershipPeriods.memberId, newMember.id));
  expect(periods.map((p) => [p.state, p.amountCents, p.planId])).toEqual([['called', 120_050, large.id]]);
  // An imported year is never payable: no receipt for 2024.
  const pay = await call('POST', `/api/members/${newMember.id}/payments`, coordinator.cookies, {
    amountCents: 120_050,
    method: 'cheque',
    paidOn: '2026-03-10',
  });
  expect(pay.statusCode).toBe(400);
  expect(after.documents).toBe(before.documents);
  const audits = await ctx.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.action, 'membership.history-import'), eq(auditLog.entityId, network.id)));
  expect(audits).toHaveLength(1);

  // The same file again adds nothing.
  const again = (await post(network.id, coordinator.cookies, csv, '0')).json();
  expect(again).toMatchObject({
    periodsCreated: 0,
    alreadyPresent: 5,
    membersCreated: 0,
    organizationsCreated: 0,
  });
  expect(await tally(network.id)).toEqual(after);

  // Rights: another network's coordinator, a stranger, anonymous.
  expect((await post(network.id, other.coordinator.cookies, csv, '1')).statusCode).toBe(403);
  expect((await post(network.id, (await buildAccount(ctx.db)).cookies, csv, '1')).statusCode).toBe(403);
  expect((await post(network.id, undefined, csv, '1')).statusCode).toBe(401);
  // Without a year column, the file is refused as a whole, naming the column.
  const noYear = await post(network.id, coordinator.cookies, 'siret;nom\n1;2\n', '1');
  expect(noYear.statusCode).toBe(400);
  expect(noYear.json().error.message).toMatch(/année/);
  // The template has the French column names.
  const template = await call('GET', '/api/memberships/history-template.csv');
  expect(template.body.split('\r\n')[0]).toBe('\uFEFFsiret;siren;nom;année;formule;montant;payé');
  expect(small.id).toBeDefined();
});

it('reads a Windows-1252 file from French Excel, with commas or semicolons', async () => {
  const { network, coordinator } = await buildClub(ctx);
  await buildOrganization(ctx.db, { name: 'Boulangerie Régis & Fils' });
  const latin1 = iconv.encode(
    'Nom;Année;Payé\r\nBoulangerie Régis & Fils;2010;oui\r\nBoulangerie Régis & Fils;2011;non\r\n',
    'win1252',
  );
  const res = await post(network.id, coordinator.cookies, latin1, '0');
  expect(res.statusCode).toBe(200);
  expect(res.json()).toMatchObject({ errors: [], periodsCreated: 2, membersCreated: 1 });
  const utf8Commas = await post(
    network.id,
    coordinator.cookies,
    '\uFEFFname,year\nBoulangerie Régis & Fils,2012\n',
    '0',
  );
  expect(utf8Commas.json()).toMatchObject({ errors: [], periodsCreated: 1, membersCreated: 0 });
});
