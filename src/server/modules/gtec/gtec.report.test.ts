import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../testing.ts';
import { buildAccount, type Cookies } from '../memberships/memberships.fixtures.ts';
import { buildSurveyClub, caller, linkTokenFor, waveBody } from './gtec.fixtures.ts';
import type { AgeBand, GtecData, HeadcountLine } from './gtec.questionnaires.ts';
import { DIMENSIONS, type Measure, reportModels } from './gtec.report.model.ts';
import { reportInputs } from './gtec.report.plan.ts';
import { gtecReportPlans } from './gtec.tables.ts';
import { Attacker, loadHighs, relationRows } from './secrecy/attacker.ts';
import { defaultRules, primaryRule } from './secrecy/rules.ts';

// The report of a small hand-computed wave: six companies, three in Langres (A, B, C: forging), three in Chaumont
// (D, E, F: bakery). Every figure the report publishes is checked against the sums below; the cells of one or two
// companies are secret; and an attacker given exactly what the route returns cannot narrow a secret cell to
// within ±10 % (nor can its own companies, subtracting themselves).

let now = new Date('2026-03-10T09:00:00Z');
let t: TestContext;
let call: ReturnType<typeof caller>;
let s: Awaited<ReturnType<typeof buildSurveyClub>>;
let waveId: string;
const tokens: string[] = [];
const LANGRES = { communeCode: '52269' }; // CC du Grand Langres
const CHAUMONT = { communeCode: '52121' }; // CA de Chaumont

const hc = (rome: string, ageBand: AgeBand, sex: 'F' | 'M', count: number): HeadcountLine => ({
  rome,
  ageBand,
  sex,
  contract: 'cdi',
  count,
});
const rec = (rome: string, count: number, hardToFill: boolean) => ({
  rome,
  count,
  hardToFill,
  seasonal: false,
});
const answers: GtecData[] = [
  // A
  {
    headcount: [hc('H2913', '55-59', 'M', 4)],
    retirements: [{ rome: 'H2913', within5: 1, within10: 4 }],
    recruitment: [rec('H2913', 2, true)],
    skills: [{ rome: 'H2913', gap: 'Soudure TIG sur inox, secret de A', training: '' }],
    capacity: { internships: 1, apprenticeships: 1 },
  },
  // B
  {
    headcount: [hc('H2913', '55-59', 'M', 3), hc('H2913', '30-34', 'F', 2)],
    retirements: [{ rome: 'H2913', within5: 0, within10: 3 }],
    recruitment: [rec('H2913', 1, false)],
    skills: [{ rome: 'H2913', gap: 'Soudure', training: '' }],
    capacity: { internships: 0, apprenticeships: 1 },
  },
  // C
  {
    headcount: [hc('H2913', '55-59', 'M', 5)],
    retirements: [{ rome: 'H2913', within5: 2, within10: 5 }],
    recruitment: [rec('H2913', 3, true)],
    skills: [{ rome: 'H2913', gap: 'Programmation', training: '' }],
    capacity: { internships: 2, apprenticeships: 0 },
  },
  // D
  {
    headcount: [hc('D1102', '30-34', 'F', 3), hc('D1102', '20-24', 'M', 2)],
    recruitment: [rec('D1102', 1, true)],
    capacity: { internships: 1, apprenticeships: 0 },
  },
  // E
  {
    headcount: [hc('D1102', '30-34', 'F', 4), hc('D1102', '20-24', 'M', 1)],
    recruitment: [rec('D1102', 2, false)],
    capacity: { internships: 0, apprenticeships: 2 },
  },
  // F
  {
    headcount: [hc('D1102', '40-44', 'M', 2)],
    recruitment: [rec('D1102', 1, false)],
    capacity: { internships: 0, apprenticeships: 0 },
  },
];

const report = (cookies: Cookies = s.club.coordinator.cookies) =>
  call('GET', `/api/gtec/waves/${waveId}/report`, cookies);

beforeAll(async () => {
  t = await createTestApp({ now: () => now });
  call = caller(t);
  s = await buildSurveyClub(
    t,
    ['A', 'B', 'C', 'D', 'E', 'F'].map((n, i) => ({
      name: `Entreprise ${n} (test)`,
      ...(i < 3 ? LANGRES : CHAUMONT),
    })),
  );
  const res = await call(
    'POST',
    `/api/networks/${s.club.network.id}/gtec/waves`,
    s.club.coordinator.cookies,
    waveBody(),
  );
  waveId = res.json().id;
  for (const [i, m] of s.members.entries()) {
    const { token } = await linkTokenFor(t, m.contact.email);
    tokens.push(token);
    const q = `?token=${encodeURIComponent(token)}`;
    const draft = await call('PATCH', `/api/gtec/waves/${waveId}/response${q}`, undefined, answers[i]);
    expect(draft.statusCode, draft.body).toBe(200);
    const sent = await call('POST', `/api/gtec/waves/${waveId}/response/submit${q}`);
    expect(sent.statusCode, sent.body).toBe(200);
  }
}, 120_000);
afterAll(async () => t?.close());

type Cell = { value: number | null; reason: string | null };
type Report = {
  provisional: boolean;
  respondents: number;
  computedAt: string;
  pyramid: { band: string; female: Cell; male: Cell; total: Cell }[];
  headcount: Cell;
  ageShares: {
    scope: string;
    code: string;
    total: Cell;
    over50: Cell;
    over55: Cell;
    share55: number | null;
  }[];
  retirements: { code: string; inFive: Cell; inTen: Cell }[];
  recruitment: { code: string; count: Cell; hardToFill: Cell; hardShare: number | null }[];
  skills: { code: string; companies: Cell }[];
  capacity: { scope: string; code: string; internships: Cell; apprenticeships: Cell }[];
};
const SECRET = { value: null, reason: 'secret statistique' };

/** The cells of the headcount and hard-to-fill measures a reader of the route knows, by key, with their value. */
function knownCells(r: Report): Record<'headcount' | 'hardToFill', Map<string, number>> {
  const head = new Map<string, number>();
  const put = (m: Map<string, number>, key: string, c: Cell | number | null) => {
    const v = typeof c === 'number' || c === null ? c : c.value;
    if (v !== null) m.set(key, v);
  };
  for (const p of r.pyramid) {
    put(head, `${p.band}|F|*|*`, p.female);
    put(head, `${p.band}|M|*|*`, p.male);
    put(head, `${p.band}|*|*|*`, p.total);
  }
  put(head, '*|*|*|*', r.headcount);
  for (const a of r.ageShares) {
    const key = (g: string) =>
      a.scope === 'network' ? `${g}|*|*|*` : a.scope === 'epci' ? `${g}|*|${a.code}|*` : `${g}|*|*|${a.code}`;
    put(head, key('*'), a.total);
    put(head, key('G55+'), a.over55);
    if (a.over50.value !== null && a.over55.value !== null)
      put(head, key('G50-54'), a.over50.value - a.over55.value);
    if (a.over50.value !== null && a.total.value !== null)
      put(head, key('G<50'), a.total.value - a.over50.value);
  }
  const hard = new Map<string, number>();
  for (const row of r.recruitment) put(hard, row.code, row.hardToFill);
  return { headcount: head, hardToFill: hard };
}

describe('the report of a closed wave', () => {
  it('publishes the sums of the answers and hides the cells of one or two companies', async () => {
    now = new Date('2026-05-02T09:00:00Z');
    const res = await report();
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json() as Report;
    expect(r).toMatchObject({ provisional: false, respondents: 6 });
    const band = (b: string) => r.pyramid.find((p) => p.band === b)!;
    // 20–24 men: D 2 + E 1, two companies; 40–44 men: F alone.
    expect(band('20-24').male).toEqual(SECRET);
    expect(band('20-24').total).toEqual(SECRET);
    expect(band('40-44').male).toEqual(SECRET);
    // 30–34 women: B 2 + D 3 + E 4 = 9; no one aged 50–54 (an empty cell, published 0); 26 people in all.
    // (55–59 men, A 4 + B 3 + C 5 = 12, are hidden too: the secondary suppression around the two secret cells.)
    expect(band('30-34').female).toEqual({ value: 9, reason: null });
    expect(band('50-54').male).toEqual({ value: 0, reason: null });
    expect(r.headcount).toEqual({ value: 26, reason: null });
    // Per EPCI: Chaumont (D 5 + E 5 + F 2 = 12, all under 50) published; Langres's under-50s are B's alone.
    const chaumont = r.ageShares.find((a) => a.code === '200068658')!;
    expect(chaumont).toMatchObject({ total: { value: 12 }, over55: { value: 0 }, share55: 0 });
    expect(r.ageShares.find((a) => a.code === '200072999')!.over55).toEqual(SECRET);

    // Recruitment: forging 2 + 1 + 3 = 6, bakery 1 + 2 + 1 = 4, 10 in all; hard to fill: A 2 + C 3 (two
    // companies: secret), D 1 (alone: secret), 6 in all (three companies: 60 %).
    const need = (code: string) => r.recruitment.find((x) => x.code === code)!;
    expect(need('*')).toMatchObject({ count: { value: 10 }, hardToFill: { value: 6 }, hardShare: 60 });
    expect(need('H2913')).toMatchObject({ count: { value: 6 }, hardToFill: SECRET, hardShare: null });
    expect(need('D1102')).toMatchObject({ count: { value: 4 }, hardToFill: SECRET });
    // Retirements within 10 years: 4 + 3 + 5 = 12; within 5: A 1 + C 2, two companies, secret, and so its domain
    // and total, equal to it.
    const retire = (code: string) => r.retirements.find((x) => x.code === code)!;
    expect(retire('H2913')).toEqual(
      expect.objectContaining({ inFive: SECRET, inTen: { value: 12, reason: null } }),
    );
    expect(retire('*').inFive).toEqual(SECRET);
    // Companies citing a skill gap in forging: A, B, C (their words are never published).
    expect(r.skills.find((x) => x.code === 'H2913')!.companies).toEqual({ value: 3, reason: null });
    expect(res.body).not.toContain('Soudure');
    // Capacity: internships 1 + 2 (Langres, two companies) + 1 (Chaumont, alone) = 4; apprentices 1 + 1 + 2 = 4.
    const network = r.capacity.find((c) => c.scope === 'network')!;
    expect(network).toMatchObject({ internships: { value: 4 }, apprenticeships: { value: 4 } });
    for (const c of r.capacity.filter((x) => x.scope === 'epci')) {
      expect(c.internships).toEqual(SECRET);
      expect(c.apprenticeships).toEqual(SECRET);
    }
  });

  it('leaves an attacker who reads the route unable to narrow any secret cell to ±10 %', async () => {
    const r = (await report()).json() as Report;
    const models = reportModels(await reportInputs(t.db, waveId));
    const highs = await loadHighs();
    for (const [measure, known] of Object.entries(knownCells(r)) as [Measure, Map<string, number>][]) {
      const wave = models[measure];
      const hidden = new Uint8Array(wave.cells.length);
      const need = new Float64Array(wave.cells.length).fill(-1);
      const targets = new Map<number, number[]>();
      let sensitive = 0;
      wave.cells.forEach((c, i) => {
        if (known.has(c.key)) {
          // What the route gives is the cell's true sum, and never a cell a rule hides.
          expect(known.get(c.key), `${measure} ${c.key}`).toBe(c.value);
          expect(primaryRule(c, defaultRules), `${measure} ${c.key}`).toBeNull();
          return;
        }
        hidden[i] = 1;
        if (!primaryRule(c, defaultRules)) return;
        sensitive++;
        need[i] = defaultRules.protection * c.value;
        targets.set(i, c.contributors.length === 2 ? [0, 1] : [0]);
      });
      expect(sensitive, measure).toBeGreaterThan(0);
      const attacker = new Attacker(
        highs,
        wave,
        relationRows(wave),
        targets,
        300,
        need,
        defaultRules.protection,
      );
      attacker.run(hidden);
      for (const [i] of targets) {
        const v = wave.cells[i].value;
        const key = `${measure} ${wave.cells[i].key}`;
        expect(attacker.min.get(i)!, key).toBeLessThanOrEqual(v - need[i] + 1e-9);
        expect(attacker.max.get(i)!, key).toBeGreaterThanOrEqual(v + need[i] - 1e-9);
        for (const ins of attacker.insiders.get(i) ?? []) {
          const others = defaultRules.protection * (v - wave.cells[i].contributors[ins.rank].amount);
          expect(ins.min, `${key} insider ${ins.rank}`).toBeLessThanOrEqual(v - others + 1e-9);
          expect(ins.max, `${key} insider ${ins.rank}`).toBeGreaterThanOrEqual(v + others - 1e-9);
        }
      }
    }
    expect(DIMENSIONS.headcount).toEqual(['age', 'sex', 'epci', 'size']);
  });

  it('stores the plan once and reuses it', async () => {
    const first = (await report()).json() as Report;
    const again = (await report()).json() as Report;
    expect(again.computedAt).toBe(first.computedAt);
    const [row] = await t.db.select().from(gtecReportPlans).where(eq(gtecReportPlans.waveId, waveId));
    expect(row).toMatchObject({ final: true, respondents: 6 });
  });

  it('exports the report as CSV and XLSX, a secret cell written “secret statistique”', async () => {
    const csv = await call('GET', `/api/gtec/waves/${waveId}/report.csv`, s.club.coordinator.cookies);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-disposition']).toContain('rapport-gtec-2026.csv');
    expect(csv.body).toContain('pyramide des âges;20 à 24 ans;hommes;;secret statistique');
    expect(csv.body).toContain('pyramide des âges;30 à 34 ans;femmes;9;');
    expect(csv.body).toContain('besoins de recrutement à 12 mois;Ensemble;recrutements;10;');
    const xlsx = await call('GET', `/api/gtec/waves/${waveId}/report.xlsx`, s.club.coordinator.cookies);
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
  });
});

describe('who reads the report', () => {
  it('refuses another network’s coordinator, a member and an anonymous visitor; the admin reads the protected figures only', async () => {
    const other = await buildSurveyClub(t, []);
    expect((await report(other.club.coordinator.cookies)).statusCode).toBe(404);
    expect(
      (await call('GET', `/api/gtec/waves/${waveId}/report.csv`, other.club.coordinator.cookies)).statusCode,
    ).toBe(404);
    expect((await report(s.members[0].cookies)).statusCode).toBe(404);
    expect((await call('GET', `/api/gtec/waves/${waveId}/report`)).statusCode).toBe(404);
    expect((await call('GET', `/api/gtec/waves/${waveId}/report.xlsx`)).statusCode).toBe(404);
    const admin = await buildAccount(t.db, { admin: true });
    const seen = await report(admin.cookies);
    expect(seen.statusCode).toBe(200);
    expect(seen.json().pyramid.find((p: { band: string }) => p.band === '20-24').male).toEqual(SECRET);
    expect(seen.body).not.toContain('secret de A');
  });

  it('gives a member company its figures beside the network’s, through its link or signed in', async () => {
    const q = `?token=${encodeURIComponent(tokens[3])}`;
    const res = await call('GET', `/api/gtec/waves/${waveId}/benchmark${q}`);
    expect(res.statusCode, res.body).toBe(200);
    const b = res.json();
    expect(b.organizationName).toBe('Entreprise D (test)');
    // D: 3 women aged 30–34 and 2 men aged 20–24; the network's 30–34 women are 9, its 20–24 men secret.
    expect(b.mine).toMatchObject({ headcount: 5, share50: 0, internships: 1 });
    expect(b.mine.pyramid.find((p: { band: string }) => p.band === '20-24').male).toBe(2);
    const net = b.network.pyramid.find((p: { band: string }) => p.band === '30-34');
    expect(net.female).toEqual({ value: 9, reason: null });
    expect(b.network.pyramid.find((p: { band: string }) => p.band === '20-24').male).toEqual(SECRET);
    expect(b.network.recruitment.find((x: { code: string }) => x.code === 'D1102').count.value).toBe(4);
    expect(res.body).not.toContain('Entreprise E');
    const signedIn = await call('GET', `/api/gtec/waves/${waveId}/benchmark`, s.members[3].cookies);
    expect(signedIn.json().mine.headcount).toBe(5);
    expect((await call('GET', `/api/gtec/waves/${waveId}/benchmark`)).statusCode).toBe(401);
    expect(
      (await call('GET', `/api/gtec/waves/${waveId}/benchmark`, s.club.coordinator.cookies)).statusCode,
    ).toBe(403);
  });
});

describe('before the close, and the next wave', () => {
  it('gives the coordinators a provisional report, recomputed as answers come, the companies nothing yet', async () => {
    const res = await call(
      'POST',
      `/api/networks/${s.club.network.id}/gtec/waves`,
      s.club.coordinator.cookies,
      {
        ...waveBody({ title: 'GTEC 2027', opensOn: '2026-05-01', closesOn: '2026-06-30' }),
      },
    );
    const open = res.json().id;
    const get = () => call('GET', `/api/gtec/waves/${open}/report`, s.club.coordinator.cookies);
    const first = (await get()).json();
    expect(first).toMatchObject({ provisional: true, respondents: 0, headcount: { value: 0 } });
    // The same six answers, except that C has taken on one woman aged 30–34.
    const next = answers.map((a, i) =>
      i === 2 ? { ...a, headcount: [...(a.headcount ?? []), hc('H2913', '30-34', 'F', 1)] } : a,
    );
    let q = '';
    for (const [i, m] of s.members.entries()) {
      const { token } = await linkTokenFor(t, m.contact.email);
      q = `?token=${encodeURIComponent(token)}`;
      await call('PATCH', `/api/gtec/waves/${open}/response${q}`, undefined, next[i]);
      await call('POST', `/api/gtec/waves/${open}/response/submit${q}`);
    }
    now = new Date('2026-05-03T09:00:00Z');
    const second = (await get()).json() as Report;
    expect(second).toMatchObject({ provisional: true, respondents: 6, headcount: SECRET });
    expect(second.computedAt).not.toBe(first.computedAt);
    // 30–34 women: 10 (B, C, D, E), but 9 last year: the difference would be C's newcomer alone.
    expect(second.pyramid.find((p) => p.band === '30-34')!.female).toEqual(SECRET);
    const [row] = await t.db.select().from(gtecReportPlans).where(eq(gtecReportPlans.waveId, open));
    expect((row.stats.headcount as { waveDifference: number }).waveDifference).toBeGreaterThan(0);
    const early = await call('GET', `/api/gtec/waves/${open}/benchmark${q}`);
    expect(early.statusCode).toBe(409);
    expect(early.json().error.message).toBe(
      'Les chiffres du réseau sont publiés à la clôture de l’enquête, le 30 juin 2026',
    );
  });
});
