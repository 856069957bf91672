// Benchmark: does the answer to "send me a sign-in link" / "reset my password" take longer for an address that has
// an account than for one that has none? (An attacker timing the answers would learn who has an account.)
//
//   npm run bench:enumeration            on embedded PGlite (or DATABASE_URL=postgres://… for PostgreSQL)
//
// For each route, 3 runs of 30 pairs: a known address, then an unknown one, alternating, each from its own
// forwarded address so that the rate limits do not interfere. After a known address's answer, the run waits until
// its mail is in the outbox (the work that follows the answer) before the next request, then 30 ms.
// Printed: the median answer time of each side and the median of the pairs' differences (a busy moment of the
// machine weighs on both answers of a pair alike and drops out). Target: a gap under 1 ms plus a tenth of the
// shared database work, on every run. The test suite checks the reason the gap is small without a clock
// (src/server/modules/accounts/enumeration.test.ts: nothing that depends on the address is read before the answer).

import { setTimeout as sleep } from 'node:timers/promises';
import { accounts } from '../src/server/modules/accounts/accounts.tables.ts';
import { listOutbox } from '../src/server/modules/mail/mail.service.ts';
import { createTestApp } from '../src/server/testing.ts';

const ROUNDS = 30;
const RUNS = 3;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const t = await createTestApp();
console.log(
  `enumeration timing on ${process.env.DATABASE_URL ? 'PostgreSQL' : 'embedded PGlite'}, ${new Date().toISOString()}`,
);
let failed = false;
for (const [url, kind] of [
  ['/api/auth/magic-link', 'auth.login-link'],
  ['/api/auth/password-reset', 'auth.password-reset'],
] as const) {
  for (let run = 0; run < RUNS; run++) {
    const known = Array.from({ length: ROUNDS }, (_, i) => `timing-${kind}-${run}-${i}@example.fr`);
    await t.db.insert(accounts).values(known.map((email, i) => ({ email, name: `Compte ${i}` })));
    const time = async (email: string, i: number, isKnown: boolean) => {
      const started = process.hrtime.bigint();
      const res = await t.app.inject({
        method: 'POST',
        url,
        payload: { email },
        headers: { 'x-forwarded-for': `203.0.113.${i % 250}` },
      });
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      if (res.statusCode !== 202) throw new Error(`${url} answered ${res.statusCode}: ${res.body}`);
      if (isKnown)
        for (let wait = 0; wait < 200; wait++) {
          if ((await listOutbox(t.db, { to: email })).some((m) => m.kind === kind)) break;
          await sleep(10);
        }
      await sleep(30);
      return ms;
    };
    const knownMs: number[] = [];
    const unknownMs: number[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      knownMs.push(await time(known[i], i, true));
      unknownMs.push(await time(`ghost-${kind}-${run}-${i}@example.fr`, i, false));
    }
    const gap = Math.abs(median(knownMs.map((k, i) => k - unknownMs[i])));
    const allowed = 1 + 0.1 * Math.min(median(knownMs), median(unknownMs));
    if (gap >= allowed) failed = true;
    console.log(
      `${url} run ${run + 1}: known ${median(knownMs).toFixed(2)} ms, unknown ${median(unknownMs).toFixed(2)} ms, gap ${gap.toFixed(2)} ms (target < ${allowed.toFixed(2)} ms)${gap >= allowed ? '  ← over' : ''}`,
    );
  }
}
await t.close();
console.log(failed ? 'target missed on at least one run' : 'target met on every run');
