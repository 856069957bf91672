// The deterministic GTEC wave of bench/gtec-secrecy.bench.ts (see there): companies, occupations in ROME domains,
// 3 EPCIs, 10 age bands, 2 sexes, and the three published tables.
import type { Contribution, Schema } from '../src/server/modules/gtec/secrecy/model.ts';

const AGES = ['<20', '20-24', '25-29', '30-34', '35-39', '40-44', '45-49', '50-54', '55-59', '60+'];
// Ageing industry: more weight on the older bands.
const AGE_WEIGHTS = [2, 6, 8, 9, 10, 11, 12, 13, 12, 7];
const DOMAINS = 'ABCDFGHIKLMNJE'.split('');
const EPCIS = ['epci:200068120', 'epci:245200597', 'epci:200070852'];

function prng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const pickWeighted = (rnd: () => number, weights: number[]) => {
  let r = rnd() * weights.reduce((a, b) => a + b, 0);
  for (let i = 0; i < weights.length; i++) {
    r -= weights[i];
    if (r < 0) return i;
  }
  return weights.length - 1;
};

export function generate(companies: number, occupations: number, seed = 52, year = 0) {
  const domains = Math.min(DOMAINS.length, occupations);
  const occ = Array.from({ length: occupations }, (_, k) => {
    const domain = DOMAINS[k % domains];
    return { code: `${domain}${String(1100 + k).padStart(4, '0')}`, domain, women: prng(k + 7)() };
  });
  const schema: Schema = {
    dimensions: [
      { name: 'territory', levels: ['epci'] },
      {
        name: 'occupation',
        levels: ['domain', 'occupation'],
        parent: Object.fromEntries(occ.map((o) => [o.code, o.domain])),
      },
      { name: 'age', levels: ['band'] },
      { name: 'sex', levels: ['sex'] },
    ],
    tables: [
      { name: 'occupations by age and sex', by: { occupation: 'occupation', age: 'band', sex: 'sex' } },
      { name: 'territory pyramid', by: { territory: 'epci', occupation: 'domain', age: 'band', sex: 'sex' } },
      { name: 'territory occupations', by: { territory: 'epci', occupation: 'occupation' } },
    ],
  };
  const rows: Contribution[] = [];
  for (let c = 0; c < companies; c++) {
    const rnd = prng(seed * 100_003 + c);
    const leaves = year > 0 && prng(seed + c * 31 + year)() < 0.05; // 5 % did not answer this year
    if (leaves) continue;
    const company = `company-${c}`;
    const territory = EPCIS[pickWeighted(rnd, [5, 3, 2])];
    const size = Math.max(1, Math.round(Math.exp(rnd() * 2.3 + rnd() * 2.3) / 1.5));
    const domain = Math.floor(rnd() * domains);
    const mine = occ.filter((_, k) => k % domains === domain);
    const jobs = Array.from({ length: 1 + Math.floor(rnd() ** 2 * 6) }, (_, k) =>
      k === 0 || rnd() < 0.7 ? mine[Math.floor(rnd() * mine.length)] : occ[Math.floor(rnd() * occ.length)],
    );
    const weights = jobs.map((_, k) => (k === 0 ? 4 : 1));
    const cells = new Map<string, Contribution>();
    const moves = prng(seed + c * 17 + year * 1_000_003);
    for (let e = 0; e < size; e++) {
      const o = jobs[pickWeighted(rnd, weights)];
      let band = pickWeighted(rnd, AGE_WEIGHTS);
      const sex = rnd() < o.women ? 'F' : 'H';
      if (year > 0 && moves() < 0.2) band = Math.min(AGES.length - 1, band + 1); // a year older
      const at = { territory, occupation: o.code, age: AGES[band], sex };
      const key = `${o.code}|${band}|${sex}`;
      const cell = cells.get(key);
      if (cell) cell.amount++;
      else cells.set(key, { company, at, amount: 1 });
    }
    rows.push(...cells.values());
  }
  return { schema, rows };
}
