import { createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { centralJobs, headcountBrackets } from '../../company-identity/headcount.ts';
import { withLuhnDigit } from '../../company-identity/siret.ts';
import { loadReference } from '../../territories/territories.data.ts';
import { establishmentsHeader311, legalUnitsHeader311 } from '../sirene-format.ts';
import { demoUnitPlan, type UnitKind } from './demo-plan.ts';

// Writes demo Sirene stock files (format 3.11, the real headers) for Grand Est, calibrated on the published figures
// (shared docs/domain.md §2): ~17,000 ESS employer establishments and > 200,000 jobs in the region, families
// ≈ 77/16/3/4 %, Meurthe-et-Moselle ≈ 2,000 establishments and 30,500 jobs, the ESS ≈ 1 private job in 7, the other
// departments between ≈ 11 and 17 % (demo-plan.ts); plus non-ESS and public units for the denominators, non-employers
// and closed establishments. Every name says "DÉMO".

/** Deterministic pseudo-random numbers (mulberry32). */
export function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const brackets = headcountBrackets.filter((b) => b.high > 0);
const central = brackets.map((b) => centralJobs(b));

/** Draws `n` brackets whose central jobs add up to ≈ `jobs`: a skewed draw, then one-step moves until close. */
export function drawBrackets(
  n: number,
  jobs: number,
  rand: () => number,
  maxIndex = brackets.length - 3,
): number[] {
  const out = Array.from({ length: n }, () => Math.min(maxIndex, Math.floor(-Math.log(1 - rand()) * 1.6)));
  let total = out.reduce((s, i) => s + central[i], 0);
  for (let guard = 0; guard < n * 20 && Math.abs(total - jobs) > central[1]; guard++) {
    const k = Math.floor(rand() * n);
    const i = out[k];
    const j = total < jobs ? Math.min(maxIndex, i + 1) : Math.max(0, i - 1);
    total += central[j] - central[i];
    out[k] = j;
  }
  return out;
}

const csvCell = (v: string) => (/[",\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);

function writer(path: string, header: string[]) {
  const ws = createWriteStream(path);
  ws.write(`${header.join(',')}\n`);
  const index = new Map(header.map((h, i) => [h, i]));
  let buffer: string[] = [];
  return {
    async row(values: Record<string, string>) {
      const cells = new Array<string>(header.length).fill('');
      for (const [k, v] of Object.entries(values)) cells[index.get(k)!] = csvCell(v);
      buffer.push(cells.join(','));
      if (buffer.length >= 2000) {
        if (!ws.write(`${buffer.join('\n')}\n`)) await new Promise<void>((r) => ws.once('drain', () => r()));
        buffer = [];
      }
    },
    async close() {
      if (buffer.length) ws.write(`${buffer.join('\n')}\n`);
      await new Promise<void>((resolve, reject) => ws.end((e?: Error | null) => (e ? reject(e) : resolve())));
    },
  };
}

export type DemoFiles = {
  legalUnits: string;
  establishments: string;
  establishmentRows: number;
  legalUnitRows: number;
};

/**
 * Writes StockUniteLegale / StockEtablissement demo files into `dir`. `vintage` 0 is the latest month; 1 is a year
 * earlier (about 3 % fewer units, slightly fewer jobs), for the evolution charts.
 */
export async function writeDemoSireneFiles(
  dir: string,
  opts: { vintage?: 0 | 1; seed?: number } = {},
): Promise<DemoFiles> {
  const vintage = opts.vintage ?? 0;
  const rand = prng(opts.seed ?? 44);
  const ref = loadReference();
  const ul = writer(join(dir, `StockUniteLegale_demo_v${vintage}.csv`), legalUnitsHeader311);
  const est = writer(join(dir, `StockEtablissement_demo_v${vintage}.csv`), establishmentsHeader311);
  let sirenSeq = 81_000_000;
  let estRows = 0;
  let ulRows = 0;
  for (const dep of demoUnitPlan()) {
    const communes = (ref.children.get(`dep:${dep.department}`) ?? [])
      .flatMap((epci) => (epci.startsWith('epci:') ? (ref.children.get(epci) ?? []) : [epci]))
      .map((c) => ref.byCode.get(c)!)
      .filter((c) => c.level === 'commune' && c.parents.includes(`dep:${dep.department}`));
    const weights = communes.map((c) => Math.sqrt(c.population ?? 1) ** 1.6);
    const cumulative: number[] = [];
    for (const w of weights) cumulative.push((cumulative.at(-1) ?? 0) + w);
    const pickCommune = () => {
      const x = rand() * cumulative[cumulative.length - 1];
      let lo = 0;
      let hi = cumulative.length - 1;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (cumulative[mid] < x) lo = mid + 1;
        else hi = mid;
      }
      return communes[lo];
    };
    for (const group of dep.groups) {
      const idx = drawBrackets(group.count, group.jobs * (vintage === 1 ? 0.97 : 1), rand, group.maxBracket);
      for (let k = 0; k < group.count; k++) {
        const recent = rand() < 0.03;
        if (vintage === 1 && recent) continue;
        sirenSeq += 1 + Math.floor(rand() * 3);
        const siren = withLuhnDigit(String(sirenSeq));
        const kind: UnitKind = group.kinds[Math.floor(rand() * group.kinds.length)];
        const commune = pickCommune();
        const bracket = group.employer ? brackets[idx[k]].code : rand() < 0.5 ? 'NN' : '';
        const name = `DÉMO ${kind.label} ${commune.name.toUpperCase()} ${k + 1}`;
        const hidden = rand() < 0.02;
        await ul.row({
          siren,
          statutDiffusionUniteLegale: hidden ? 'P' : 'O',
          dateCreationUniteLegale: `${1950 + Math.floor(rand() * 74)}-01-01`,
          denominationUniteLegale: hidden ? '[ND]' : name,
          sigleUniteLegale: '',
          trancheEffectifsUniteLegale: bracket,
          anneeEffectifsUniteLegale: bracket ? '2023' : '',
          etatAdministratifUniteLegale: 'A',
          categorieJuridiqueUniteLegale: kind.category,
          activitePrincipaleUniteLegale: kind.naf,
          nomenclatureActivitePrincipaleUniteLegale: 'NAFRev2',
          nicSiegeUniteLegale: '00011',
          economieSocialeSolidaireUniteLegale: kind.essFlag,
          societeMissionUniteLegale: 'N',
          caractereEmployeurUniteLegale: group.employer ? 'O' : 'N',
          dateDebut: '2020-01-01',
        });
        ulRows++;
        const siret = withLuhnDigit(`${siren}0001`);
        const postcode = commune.postcodes?.[0] ?? '';
        const row = {
          siren,
          nic: siret.slice(9),
          siret,
          statutDiffusionEtablissement: hidden ? 'P' : 'O',
          dateCreationEtablissement: '2000-01-01',
          trancheEffectifsEtablissement: bracket,
          anneeEffectifsEtablissement: bracket ? '2023' : '',
          etablissementSiege: 'true',
          nombrePeriodesEtablissement: '1',
          numeroVoieEtablissement: hidden ? '' : String(1 + Math.floor(rand() * 80)),
          typeVoieEtablissement: hidden ? '' : 'RUE',
          libelleVoieEtablissement: hidden ? '[ND]' : 'DE LA DEMONSTRATION',
          codePostalEtablissement: postcode,
          libelleCommuneEtablissement: commune.name.toUpperCase(),
          codeCommuneEtablissement: commune.officialCode,
          etatAdministratifEtablissement: 'A',
          denominationUsuelleEtablissement: hidden ? '' : name,
          activitePrincipaleEtablissement: kind.naf,
          nomenclatureActivitePrincipaleEtablissement: 'NAFRev2',
          caractereEmployeurEtablissement: group.employer ? 'O' : 'N',
          dateDebut: '2020-01-01',
        };
        await est.row(row);
        estRows++;
        // Some units also have a closed establishment, which the import skips.
        if (rand() < 0.05) {
          const closed = withLuhnDigit(`${siren}0002`);
          await est.row({
            ...row,
            siret: closed,
            nic: closed.slice(9),
            etablissementSiege: 'false',
            etatAdministratifEtablissement: 'F',
            trancheEffectifsEtablissement: '',
            caractereEmployeurEtablissement: 'N',
          });
          estRows++;
        }
      }
    }
  }
  await ul.close();
  await est.close();
  return {
    legalUnits: join(dir, `StockUniteLegale_demo_v${vintage}.csv`),
    establishments: join(dir, `StockEtablissement_demo_v${vintage}.csv`),
    establishmentRows: estRows,
    legalUnitRows: ulRows,
  };
}
