import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { centralJobs, findHeadcountBracket } from '../../company-identity/headcount.ts';
import { classifyLegalUnit, isPublicUnit } from '../classification.ts';
import { writeDemoSireneFiles } from './sirene-demo.ts';

// The demo Sirene files keep the calibration the README and the dashboards rely on (shared docs/domain.md §2), and
// their departments differ: the ESS share of private jobs is not the same everywhere.

type Tally = { ess: number; essJobs: number; privateJobs: number; families: Record<string, number> };
const dir = mkdtempSync(join(tmpdir(), 'maillage-demo-test-'));
const byDep = new Map<string, Tally>();

/** Reads a demo CSV (no quoted commas in the columns used here) into rows keyed by header. */
function rows(path: string) {
  const [head, ...lines] = readFileSync(path, 'utf8').trimEnd().split('\n');
  const cols = head.split(',');
  const at = (name: string) => cols.indexOf(name);
  return { lines: lines.map((l) => l.split(',')), at };
}

beforeAll(async () => {
  const files = await writeDemoSireneFiles(dir);
  const ul = rows(files.legalUnits);
  const units = new Map(
    ul.lines.map((r) => [
      r[ul.at('siren')],
      {
        legalCategory: r[ul.at('categorieJuridiqueUniteLegale')],
        nafCode: r[ul.at('activitePrincipaleUniteLegale')],
        essFlag: r[ul.at('economieSocialeSolidaireUniteLegale')],
      },
    ]),
  );
  const est = rows(files.establishments);
  for (const r of est.lines) {
    if (r[est.at('etatAdministratifEtablissement')] !== 'A') continue;
    if (r[est.at('caractereEmployeurEtablissement')] !== 'O') continue;
    const unit = units.get(r[est.at('siren')])!;
    const dep = r[est.at('codeCommuneEtablissement')].slice(0, 2);
    const bracket = findHeadcountBracket(r[est.at('trancheEffectifsEtablissement')]);
    const jobs = bracket ? centralJobs(bracket) : 0;
    const tally = byDep.get(dep) ?? { ess: 0, essJobs: 0, privateJobs: 0, families: {} };
    byDep.set(dep, tally);
    const family = classifyLegalUnit(unit);
    if (!isPublicUnit(unit.legalCategory)) tally.privateJobs += jobs;
    if (family === 'non_ess') continue;
    tally.ess++;
    tally.essJobs += jobs;
    tally.families[family] = (tally.families[family] ?? 0) + 1;
  }
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const share = (t: Tally) => (100 * t.essJobs) / t.privateJobs;

describe('demo Sirene files of Grand Est', () => {
  it('keep the regional calibration: ~17,000 ESS employer establishments, > 200,000 jobs, families 77/16/3/4 %', () => {
    const all = [...byDep.values()];
    const ess = all.reduce((s, t) => s + t.ess, 0);
    const jobs = all.reduce((s, t) => s + t.essJobs, 0);
    const privateJobs = all.reduce((s, t) => s + t.privateJobs, 0);
    expect(byDep.size).toBe(10);
    expect(ess).toBeGreaterThan(16_500);
    expect(ess).toBeLessThan(17_500);
    expect(jobs).toBeGreaterThan(200_000);
    expect(jobs).toBeLessThan(215_000);
    expect(Math.round(privateJobs / jobs)).toBe(7);
    const family = (f: string) => all.reduce((s, t) => s + (t.families[f] ?? 0), 0) / ess;
    expect(family('association')).toBeCloseTo(0.77, 1);
    expect(family('cooperative')).toBeCloseTo(0.16, 1);
    expect(family('mutual')).toBeCloseTo(0.03, 1);
    expect(family('foundation')).toBeCloseTo(0.04, 1);
  });

  it('keep Meurthe-et-Moselle at ~2,000 employer establishments, ~30,500 jobs, one private job in seven', () => {
    const m = byDep.get('54')!;
    expect(m.ess).toBeGreaterThan(1_900);
    expect(m.ess).toBeLessThan(2_150);
    expect(Math.abs(m.essJobs - 30_500)).toBeLessThan(1_000);
    expect(Math.round(100 / share(m))).toBe(7);
  });

  it('give the departments different ESS shares of private jobs, higher in rural Meuse than in Moselle', () => {
    const shares = Object.fromEntries([...byDep].map(([d, t]) => [d, share(t)]));
    for (const s of Object.values(shares)) {
      expect(s).toBeGreaterThan(10);
      expect(s).toBeLessThan(18);
    }
    expect(Math.max(...Object.values(shares)) - Math.min(...Object.values(shares))).toBeGreaterThan(4);
    expect(new Set(Object.values(shares).map((s) => s.toFixed(1))).size).toBe(10);
    expect(shares['55']).toBeGreaterThan(shares['57'] + 3);
    // Family mixes differ too: Marne's cooperatives weigh more than Moselle's.
    const coop = (d: string) => (byDep.get(d)!.families.cooperative ?? 0) / byDep.get(d)!.ess;
    expect(coop('51')).toBeGreaterThan(coop('57') * 1.4);
  });
});
