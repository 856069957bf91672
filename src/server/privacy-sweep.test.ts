import { afterAll, beforeAll, expect, it } from 'vitest';
import { privateFixtures, seedSweepNetwork } from './privacy-fixtures.testing.ts';
import { type PrivateData, type SweepNetwork, secretMaker, sweepRoutes } from './privacy-sweep.testing.ts';
import { createTestApp, type TestContext } from './testing.ts';

// Two networks with their private data; every documented route that takes an id or a network filter is called
// with network A's ids as network B's coordinator and anonymously: nothing of A's private data may come back, and
// no write may succeed. New routes are swept automatically; new modules add their private data to
// privacy-fixtures.testing.ts.

let t: TestContext;
const seeded: Record<string, { network: SweepNetwork; data: PrivateData }> = {};
beforeAll(async () => {
  t = await createTestApp();
  for (const label of ['A', 'B']) {
    const network = await seedSweepNetwork(t, label);
    const secret = secretMaker(label);
    const data: PrivateData = { ids: [], secrets: [] };
    for (const fixture of privateFixtures) {
      const d = await fixture.seed(t, network, secret);
      data.ids.push(...d.ids);
      data.secrets.push(...d.secrets);
    }
    seeded[label] = { network, data };
  }
}, 120_000);
afterAll(() => t?.close());

it("network B's coordinator and an anonymous visitor see none of network A's private data, and write nothing", async () => {
  const { data } = seeded.A;
  // The fixtures hold what they say: A's coordinator does see A's secrets somewhere (else the sweep proves nothing).
  const own = await sweepRoutes(t, {
    ids: data.ids,
    secrets: data.secrets,
    askers: [{ who: 'coordinator of A', cookie: seeded.A.network.coordinator }],
    readsOnly: true,
  });
  const seen = new Set(own.findings.flatMap((f) => f.leaked));
  expect([...data.secrets].filter((s) => !seen.has(s))).toEqual([]);

  const { findings, requests } = await sweepRoutes(t, {
    ids: data.ids,
    secrets: data.secrets,
    askers: [{ who: 'coordinator of B', cookie: seeded.B.network.coordinator }, { who: 'anonymous' }],
  });
  expect(requests).toBeGreaterThan(200);
  expect(findings).toEqual([]);
}, 300_000);
