import { unzipSync } from 'fflate';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../testing.ts';
import { buildAccount, buildClub, buildOrganization, caller } from './memberships.fixtures.ts';
import { members, membershipPayments, membershipPeriods } from './memberships.tables.ts';

// The members' dashboard on a small history counted by hand (today 10 March 2026), its exports, and who may read it.

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp({ now: () => new Date('2026-03-10T09:00:00Z') });
});
afterAll(() => ctx?.close());

type P = { year?: number; from?: string; to?: string; paid?: boolean; state?: string; imported?: boolean };

/** A member with periods (calendar years unless dates are given), 100 € each, paid ones with their payment. */
async function history(networkId: string, planId: string, org: Record<string, unknown>, periods: P[]) {
  const o = await buildOrganization(ctx.db, org);
  const [m] = await ctx.db
    .insert(members)
    .values({ networkId, organizationId: o.id, status: 'active', statusSince: '2026-01-01' })
    .returning();
  for (const p of periods) {
    const state = p.state ?? (p.paid === false ? 'called' : 'paid');
    const [row] = await ctx.db
      .insert(membershipPeriods)
      .values({
        memberId: m.id,
        networkId,
        planId,
        startsOn: p.from ?? `${p.year}-01-01`,
        endsOn: p.to ?? `${p.year}-12-31`,
        kind: 'join',
        amountHtCents: 10_000,
        amountCents: 10_000,
        state,
        imported: p.imported ?? false,
      })
      .returning();
    if (state === 'paid' && !p.imported)
      await ctx.db.insert(membershipPayments).values({
        networkId,
        memberId: m.id,
        periodId: row.id,
        amountCents: 10_000,
        method: 'transfer',
        paidOn: row.startsOn,
      });
  }
}

it('counts members, joins, re-joins, lapses and both renewal rates per year as defined', async () => {
  const call = caller(ctx);
  const { network, coordinator, small, large } = await buildClub(ctx);
  const other = await buildClub(ctx);
  const y = (...years: number[]) => years.map((year) => ({ year }));
  const nancy = { epciCode: '245400676' };
  await history(network.id, small.id, { headcountBracket: '01', nafSection: 'F', ...nancy }, [
    ...y(2020, 2021, 2022, 2023, 2024, 2025),
    { year: 2026, paid: false },
  ]); // A
  await history(network.id, small.id, {}, y(2020, 2021, 2024, 2025)); // B: re-joins in 2024
  await history(network.id, small.id, {}, y(2020)); // C
  await history(network.id, small.id, {}, y(2021, 2022)); // D
  await history(network.id, small.id, {}, y(2021)); // E
  await history(network.id, small.id, {}, [{ year: 2021, imported: true }, ...y(2022, 2023)]); // J
  await history(network.id, small.id, { headcountBracket: '12' }, y(2025, 2026)); // F
  await history(network.id, large.id, { headcountBracket: null }, y(2026)); // G
  // H: a rolling year from February 2025, not renewed: still a member in 2026, lapsed in 2026.
  await history(network.id, large.id, { headcountBracket: '01' }, [{ from: '2025-02-01', to: '2026-01-31' }]);
  // A cancelled period (credit note) counts nowhere.
  await history(network.id, small.id, {}, [{ year: 2023, state: 'cancelled' }]);

  const res = await call('GET', `/api/networks/${network.id}/memberships/dashboard`, coordinator.cookies);
  expect(res.statusCode).toBe(200);
  const d = res.json();
  const table = d.years.map((r: Record<string, number>) => [
    r.year,
    r.members,
    r.joins,
    r.rejoins,
    r.lapses,
    r.renewalRate,
    r.firstYearRenewalRate,
  ]);
  expect(table).toEqual([
    [2020, 3, 3, 0, 1, null, null],
    [2021, 5, 3, 0, 2, 66.7, 66.7],
    [2022, 3, 0, 0, 1, 60, 66.7],
    [2023, 2, 0, 0, 1, 66.7, null],
    [2024, 2, 0, 1, 0, 50, null],
    [2025, 4, 2, 0, 1, 100, null],
    [2026, 4, 1, 0, 1, 75, 100],
  ]);
  // Dues by the year a period starts: 2021 has J's imported year (paid, no payment recorded); 2026: A unpaid.
  const money = Object.fromEntries(
    d.years.map((r: Record<string, number>) => [r.year, [r.calledCents, r.paidCents]]),
  );
  expect(money[2021]).toEqual([50_000, 50_000]);
  expect(money[2025]).toEqual([40_000, 40_000]);
  expect(money[2026]).toEqual([30_000, 20_000]);

  // This year's breakdowns: A, F (small plan), G, H (large); sizes, sectors and EPCI by name, never codes.
  const rows = (k: string) =>
    d.breakdowns[k].map((r: Record<string, unknown>) => [r.label, r.members, r.newMembers]);
  expect(rows('plan')).toEqual([
    ['PME et plus', 2, 1],
    ['TPE (moins de 10 salariés)', 2, 0],
  ]);
  expect(rows('size')).toEqual([
    ['1 à 9 salariés', 2, 0],
    ['10 à 49 salariés', 1, 0],
    ['Effectif non renseigné', 1, 1],
  ]);
  expect(rows('sector')).toEqual([
    ['Activité non renseignée', 3, 1],
    ['Construction', 1, 0],
  ]);
  expect(rows('epci')).toEqual([
    ['EPCI non renseigné', 3, 1],
    ['Métropole du Grand Nancy', 1, 0],
  ]);
  expect(d.breakdowns.plan[1].calledCents).toBe(20_000);
  expect(d.breakdowns.plan[1].paidCents).toBe(10_000);

  // Exports: French Excel CSV and an XLSX workbook with the same figures.
  const csv = await call('GET', `/api/networks/${network.id}/memberships/dashboard.csv`, coordinator.cookies);
  expect(csv.statusCode).toBe(200);
  expect(csv.body.startsWith('\uFEFFAnnée;Adhérents;Adhésions;Ré-adhésions;Départs;')).toBe(true);
  expect(csv.body).toContain('\r\n2021;5;3;0;2;66,7;66,7;500;500\r\n');
  expect(csv.body).toContain('\r\nMétropole du Grand Nancy;1;0;100;0\r\n');
  const xlsx = await call(
    'GET',
    `/api/networks/${network.id}/memberships/dashboard.xlsx`,
    coordinator.cookies,
  );
  expect(xlsx.statusCode).toBe(200);
  const sheet = new TextDecoder().decode(unzipSync(xlsx.rawPayload)['xl/worksheets/sheet1.xml']);
  expect(sheet).toContain('Taux de renouvellement 1re année (%)');
  expect(sheet).toContain('<v>66.7</v>');

  // Rights: another network's coordinator, a signed-in stranger and an anonymous visitor read nothing.
  for (const path of ['dashboard', 'dashboard.csv', 'dashboard.xlsx']) {
    const url = `/api/networks/${network.id}/memberships/${path}`;
    expect((await call('GET', url, other.coordinator.cookies)).statusCode).toBe(403);
    expect((await call('GET', url, (await buildAccount(ctx.db)).cookies)).statusCode).toBe(403);
    expect((await call('GET', url)).statusCode).toBe(401);
  }
  // An empty network: no years, no error.
  const empty = await call(
    'GET',
    `/api/networks/${other.network.id}/memberships/dashboard`,
    other.coordinator.cookies,
  );
  expect(empty.json().years).toEqual([]);
});
