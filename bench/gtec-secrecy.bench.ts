// npm run bench:gtec — the GTEC secrecy plan of one wave on this machine.
// 1. Generates a deterministic wave: 1,000 companies in 3 EPCIs, 100 occupations in 14 ROME domains, 10 age bands,
//    2 sexes. A company has 1–6 occupations (mostly in its own domain), a skewed size (median ≈ 10 employees, a few
//    hundred at most) and an ageing workforce; its headcount lands in (occupation, age band, sex) cells.
// 2. Publishes three linked tables with all their margins and subtotals: occupation × age × sex (with ROME domains),
//    EPCI × domain × age × sex, EPCI × occupation.
// 3. Times buildWave (aggregates and relations), then planSecrecy: primary and secondary suppression and the attacker
//    (min and max of every hidden cell, and the insiders of every primary cell) with HiGHS; prints cells, hidden cells,
//    LPs solved and proved without an LP, blocks.
// 4. Runs the same at smaller and larger sizes (companies and occupations scaled together) for the attacker's curve,
//    each in a fresh child process (BENCH_SIZES=0.1,0.25,0.5,1 by default; BENCH_SIZE runs one).
// 5. Plans the next year's wave (same companies, a year older, some in and out) against the first one's mask.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { buildWave } from '../src/server/modules/gtec/secrecy/model.ts';
import { planSecrecy } from '../src/server/modules/gtec/secrecy/plan.ts';
import { generate } from './gtec-secrecy.generate.ts';

const self = fileURLToPath(import.meta.url);
async function runSize(scale: number) {
  const companies = Math.round(1000 * scale);
  const occupations = Math.round(100 * scale);
  const { schema, rows } = generate(companies, occupations);
  const t0 = performance.now();
  const wave = buildWave(schema, rows);
  const t1 = performance.now();
  const plan = await planSecrecy(wave);
  const t2 = performance.now();
  const s = plan.stats;
  const result: Record<string, number | string> = {
    scale,
    companies,
    occupations,
    contributions: rows.length,
    cells: s.cells,
    relations: s.relations,
    hidden: s.hidden,
    primary: s.primary,
    secondary: s.secondary,
    protection: s.protection,
    unprotected: s.unprotected,
    blocks: s.blocks,
    largestBlock: s.largestBlock,
    lps: s.lps,
    proved: s.proved,
    rounds: s.rounds,
    aggregateSeconds: round((t1 - t0) / 1000),
    suppressionSeconds: round(s.seconds.suppression),
    attackSeconds: round(s.seconds.attack),
    totalSeconds: round((t2 - t0) / 1000),
  };
  if (scale === 1 && process.env.BENCH_NEXT !== '0') {
    const next = generate(companies, occupations, 52, 1);
    const n0 = performance.now();
    const wave2 = buildWave(next.schema, next.rows);
    const plan2 = await planSecrecy(wave2, {}, { wave, hidden: plan.hidden.map((h) => h.cell.key) });
    result.nextWaveSeconds = round((performance.now() - n0) / 1000);
    result.nextWaveHidden = plan2.stats.hidden;
    result.nextWaveDifference = plan2.stats.waveDifference;
    result.nextWaveStillHidden = plan2.stats.stillHidden;
    result.nextWaveUnprotected = plan2.stats.unprotected;
  }
  return result;
}
const round = (x: number) => Math.round(x * 1000) / 1000;

if (process.env.BENCH_SIZE) {
  console.log(JSON.stringify(await runSize(Number(process.env.BENCH_SIZE))));
} else {
  const sizes = (process.env.BENCH_SIZES ?? '0.1,0.25,0.5,1').split(',').map(Number);
  console.log(
    `GTEC secrecy plan, ${process.version}, one process per size (companies and occupations × scale)`,
  );
  for (const scale of sizes) {
    const out = execFileSync(process.execPath, ['bin/run-ts.js', self], {
      env: { ...process.env, BENCH_SIZE: String(scale) },
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const r = JSON.parse(out.trim().split('\n').at(-1)!);
    console.log(JSON.stringify(r));
    if (scale === 1)
      console.log(
        `  full size: ${r.totalSeconds} s for aggregates + plan + attacker (target < 10 s): ${r.totalSeconds < 10 ? 'met' : 'MISSED'}`,
      );
  }
}
