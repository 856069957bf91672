import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../testing.ts';
import { parseScope } from './scope.ts';
import { importSireneStock } from './sirene-import.service.ts';
import { type FixtureUnit, writeSireneFixture } from './test-fixtures.ts';

const times = (n: number, u: FixtureUnit) => Array.from({ length: n }, () => u);

describe('observatory department map API', () => {
  let t: TestContext;
  let dir: string;
  beforeAll(async () => {
    t = await createTestApp();
    dir = mkdtempSync(join(tmpdir(), 'maillage-obs-map-'));
    // Grand Est: Nancy has a sizeable ESS, Metz a smaller one, Épinal only 2 associations (under the frequency rule);
    // the other departments have no establishment at all. (Whether Metz is then hidden to protect Épinal is the
    // secrecy rules' business: the map only has to agree with each department's own dashboard.)
    const units = [
      ...times(10, { category: '9220', naf: '88.10A', bracket: '02' }),
      ...times(4, { category: '5458', naf: '43.21A', bracket: '11' }),
      ...times(20, { category: '5710', naf: '47.11F', bracket: '12', essFlag: 'N' }),
      ...times(5, { category: '9220', naf: '85.59A', bracket: '03', commune: '57463' }),
      ...times(10, { category: '5710', naf: '47.11F', bracket: '02', essFlag: 'N', commune: '57463' }),
      ...times(2, { category: '9220', naf: '88.10A', bracket: '02', commune: '88160' }),
    ];
    await importSireneStock(t.deps, {
      ...writeSireneFixture(dir, units),
      month: '2026-10',
      scope: parseScope({ region: '44' }),
    });
  });
  afterAll(async () => {
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const get = (query: string) => t.app.inject({ url: `/api/observatory/departments?${query}` });

  it("gives each department of the region what the department's own dashboard publishes", async () => {
    const res = await get('snapshot=2026-10&territory=region:44');
    expect(res.statusCode).toBe(200);
    const map = res.json();
    expect(map.snapshot).toEqual({ month: '2026-10', scope: 'region:44' });
    const codes = map.departments.map((d: { code: string }) => d.code);
    expect(codes).toEqual(
      ['08', '10', '51', '52', '54', '55', '57', '67', '68', '88'].map((c) => `dep:${c}`),
    );
    for (const d of map.departments) {
      const own = (
        await t.app.inject({ url: `/api/observatory/indicators?territory=${d.code}&snapshot=2026-10` })
      ).json();
      expect(d).toEqual({
        code: own.territory.code,
        name: own.territory.name,
        employerEstablishments: own.employerEstablishments,
        jobs: own.jobs,
        privateJobsShare: own.share.jobs?.central ?? null,
        secret: own.secret,
      });
    }
    const byCode = Object.fromEntries(map.departments.map((d: { code: string }) => [d.code, d]));
    expect(byCode['dep:54']).toMatchObject({
      name: 'Meurthe-et-Moselle',
      employerEstablishments: 14,
      secret: null,
    });
    expect(byCode['dep:54'].privateJobsShare).toBeGreaterThan(0);
    for (const d of map.departments.filter((x: { secret: string | null }) => x.secret))
      expect(d).toMatchObject({ employerEstablishments: null, jobs: null, privateJobsShare: null });
    expect(byCode['dep:88']).toMatchObject({
      employerEstablishments: null,
      jobs: null,
      privateJobsShare: null,
      secret: 'primary',
    });
    expect(byCode['dep:08']).toMatchObject({
      employerEstablishments: 0,
      privateJobsShare: null,
      secret: null,
    });
  });

  it('defaults to the latest snapshot and the whole of its scope, and narrows to one department', async () => {
    const all = (await get('')).json();
    expect(all.territory.code).toBe('fr');
    expect(all.snapshot.month).toBe('2026-10');
    expect(all.departments).toHaveLength(10);
    const one = (await get('territory=54')).json();
    expect(one.departments.map((d: { name: string }) => d.name)).toEqual(['Meurthe-et-Moselle']);
  });

  it('answers 404 naming an unknown territory, listing the imported snapshots, or saying what is outside the scope', async () => {
    const unknown = await get('territory=dep:999&snapshot=2026-10');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.message).toContain('dep:999');
    const missing = await get('territory=region:44&snapshot=2024-01');
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.message).toContain('2024-01');
    expect(missing.json().error.message).toContain('instantanés disponibles : 2026-10');
    const outside = await get('territory=region:11&snapshot=2026-10');
    expect(outside.statusCode).toBe(404);
    expect(outside.json().error.message).toContain('Île-de-France');
    const epci = await get('territory=com:54395');
    expect(epci.statusCode).toBe(400);
    expect((await get('snapshot=oct')).statusCode).toBe(400);
  });
});
