import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { demoAccounts } from '../../../cli/demo/directory.ts';
import { seedDemo } from '../../../cli/demo/seed.ts';
import { createTestApp, type TestContext } from '../../testing.ts';
import { networks } from '../accounts/accounts.tables.ts';
import { type GtecData, gtecData, gtecSubmitErrors } from './gtec.questionnaires.ts';
import { gtecAnswers } from './gtec.tables.ts';

// The demo surveys: the club's GTEC wave of this year open with about 60 answers, last year's closed with its
// answers, every answer valid under the questionnaire's rules, an ageing workforce in industry, labelled demo.

let t: TestContext;
beforeAll(async () => {
  t = await createTestApp();
  await seedDemo(t.deps);
}, 180_000);
afterAll(() => t?.close());

it('seeds this year’s and last year’s GTEC waves of the club, answered, labelled demo', async () => {
  const [club] = await t.db.select().from(networks).where(eq(networks.slug, 'club-sud-haute-marne-demo'));
  const signIn = await t.app.inject({
    method: 'POST',
    url: '/api/auth/sign-in',
    payload: { email: demoAccounts.clubCoordinator.email, password: demoAccounts.clubCoordinator.password },
  });
  const cookie = String(signIn.headers['set-cookie']).split(';')[0];
  const list = (
    await t.app.inject({ url: `/api/networks/${club.id}/gtec/waves`, headers: { cookie } })
  ).json();
  const year = new Date().getUTCFullYear();
  expect(
    list.items.map((w: { title: string; status: string; answered: number; isDemo: boolean }) => [
      w.title,
      w.status,
      w.answered,
      w.isDemo,
    ]),
  ).toEqual([
    [`GTEC ${year} (démo)`, 'open', 60, true],
    [`GTEC ${year - 1} (démo)`, 'closed', 55, true],
  ]);
  expect(list.items[0].recipients).toBeGreaterThan(60);

  const answers = await t.db.select().from(gtecAnswers);
  expect(answers.every((a) => a.isDemo)).toBe(true);
  let industry50 = 0;
  let industryAll = 0;
  for (const a of answers) {
    const data = gtecData.parse(a.data) as GtecData;
    if (a.status === 'submitted') expect(gtecSubmitErrors(data)).toEqual({});
    for (const l of data.headcount ?? [])
      if (l.rome.startsWith('H29')) {
        industryAll += l.count;
        if (['50-54', '55-59', '60-64', '65+'].includes(l.ageBand)) industry50 += l.count;
      }
  }
  // An ageing workforce in metallurgy and forging: more than 4 in 10 are 50 or over.
  expect(industryAll).toBeGreaterThan(100);
  expect(industry50 / industryAll).toBeGreaterThan(0.4);
});

it('gives last year’s closed wave a report with published and secret cells (planned in about a second)', async () => {
  const [club] = await t.db.select().from(networks).where(eq(networks.slug, 'club-sud-haute-marne-demo'));
  const signIn = await t.app.inject({
    method: 'POST',
    url: '/api/auth/sign-in',
    payload: { email: demoAccounts.clubCoordinator.email, password: demoAccounts.clubCoordinator.password },
  });
  const cookie = String(signIn.headers['set-cookie']).split(';')[0];
  const list = (
    await t.app.inject({ url: `/api/networks/${club.id}/gtec/waves`, headers: { cookie } })
  ).json();
  const closed = list.items.find((w: { status: string }) => w.status === 'closed');
  const started = performance.now();
  const res = await t.app.inject({ url: `/api/gtec/waves/${closed.id}/report`, headers: { cookie } });
  console.log(`demo report planned in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  expect(res.statusCode, res.body).toBe(200);
  const r = res.json();
  expect(r).toMatchObject({ provisional: false, respondents: 55, withheld: [] });
  const cells = r.pyramid.flatMap((p: { female: unknown; male: unknown }) => [p.female, p.male]) as {
    value: number | null;
  }[];
  expect(cells.filter((c) => c.value !== null && c.value > 0).length).toBeGreaterThan(5);
  // The pyramid of 55 companies is published whole; the smaller EPCIs and occupations are not.
  const ageShares = r.ageShares as { scope: string; share55: number | null }[];
  expect(ageShares.some((a) => a.scope === 'epci' && a.share55 === null)).toBe(true);
  expect(ageShares.some((a) => a.scope === 'epci' && a.share55 !== null)).toBe(true);
  expect(r.headcount.value).toBeGreaterThan(500);
  const recruitment = r.recruitment as { level: string; count: { value: number | null } }[];
  expect(recruitment.some((x) => x.level === 'occupation' && x.count.value === null)).toBe(true);
  expect(recruitment.some((x) => x.level === 'occupation' && (x.count.value ?? 0) > 0)).toBe(true);
  // This year's open wave: a provisional report for the staff, planned against last year's.
  const open = list.items.find((w: { status: string }) => w.status === 'open');
  const t0 = performance.now();
  const provisional = await t.app.inject({ url: `/api/gtec/waves/${open.id}/report`, headers: { cookie } });
  console.log(`open wave's provisional report planned in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  expect(provisional.json()).toMatchObject({ provisional: true, respondents: 60, withheld: [] });
}, 120_000);
