import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../testing.ts';
import { importOfficialFigures } from './official-figures.service.ts';
import { parseScope } from './scope.ts';
import { importSireneStock } from './sirene-import.service.ts';
import { type FixtureUnit, writeSireneFixture } from './test-fixtures.ts';

const times = (n: number, u: FixtureUnit) => Array.from({ length: n }, () => u);

describe('observatory API', () => {
  let t: TestContext;
  let dir: string;
  beforeAll(async () => {
    t = await createTestApp();
    dir = mkdtempSync(join(tmpdir(), 'maillage-obs-api-'));
    // Nancy: 10 associations of 3–5 jobs, 4 cooperatives of 10–19, 1 foundation of 100–199 (a dominated, lone cell),
    // 2 mutuals in Toul; 20 firms and 3 public bodies; one earlier snapshot with fewer associations.
    const units = [
      ...times(10, { category: '9220', naf: '88.10A', bracket: '02' }),
      ...times(4, { category: '5458', naf: '43.21A', bracket: '11' }),
      { category: '9300', naf: '86.10Z', bracket: '22' },
      ...times(2, { category: '8210', naf: '65.12Z', bracket: '03', commune: '54528' }),
      ...times(20, { category: '5710', naf: '47.11F', bracket: '12', essFlag: 'N' }),
      ...times(3, { category: '7210', naf: '84.11Z', bracket: '21', essFlag: 'N' }),
    ];
    const run = (month: string, list: FixtureUnit[]) =>
      importSireneStock(t.deps, {
        ...writeSireneFixture(dir, list),
        month,
        scope: parseScope({ region: '44' }),
      });
    await run('2025-10', units.slice(3));
    await run('2026-10', units);
    await importOfficialFigures(
      t.deps,
      'territory;year;family;jobs;fte;payroll;establishments;source;source_url\n' +
        'dep:54;2025;;30 500;;780000000;2000;Presse régionale (Village 2025);\n' +
        'dep:99;2025;;1;;;;X;\n',
    );
  });
  afterAll(async () => {
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('gives the indicators of Meurthe-et-Moselle with bounds, shares, breakdowns under secrecy and official figures', async () => {
    const res = await t.app.inject({ url: '/api/observatory/indicators?territory=dep:54&snapshot=2026-10' });
    expect(res.statusCode).toBe(200);
    const x = res.json();
    expect(x.territory.name).toBe('Meurthe-et-Moselle');
    expect(x.employerEstablishments).toBe(17);
    expect(x.jobs.low).toBe(10 * 3 + 4 * 10 + 100 + 2 * 6);
    expect(x.jobs.high).toBe(10 * 5 + 4 * 19 + 199 + 2 * 9);
    expect(x.jobs.low).toBeLessThan(x.jobs.central);
    expect(x.share.establishments).toBeCloseTo((17 / 37) * 100, 0);
    const fam = Object.fromEntries(x.families.map((f: { code: string }) => [f.code, f]));
    expect(fam.association).toMatchObject({ establishments: 10, secret: null });
    expect(fam.foundation).toMatchObject({ establishments: null, secret: 'primary' });
    expect(fam.mutual).toMatchObject({ establishments: null, secret: 'primary' });
    expect(fam.ess_company).toMatchObject({ establishments: 0, secret: null });
    expect(x.sectors).toHaveLength(21);
    expect(x.sectors.find((s: { code: string }) => s.code === 'Q').label).toBe(
      'Santé humaine et action sociale',
    );
    expect(x.evolution.map((e: { month: string }) => e.month)).toEqual(['2025-10', '2026-10']);
    expect(x.evolution[0].employerEstablishments).toBe(14);
    expect(x.official).toEqual([
      expect.objectContaining({
        year: 2025,
        jobs: 30500,
        payroll: 780000000,
        source: 'Presse régionale (Village 2025)',
      }),
    ]);
  });

  it('hides a lone sensitive cell with a secondary one, so it cannot be recomputed', async () => {
    const x = (await t.app.inject({ url: '/api/observatory/indicators?territory=dep:54' })).json();
    const sizes = Object.fromEntries(
      x.sizes.map((s: { code: string; secret: string | null }) => [s.code, s.secret]),
    );
    expect(sizes).toMatchObject({ '50-249': 'primary', '10-49': 'secondary', '1-9': null });
    const q = x.sectors.filter((s: { secret: string | null }) => s.secret);
    expect(q.length).not.toBe(1);
  });

  it('ranks sub-territories and hides those under the frequency rule', async () => {
    const x = (await t.app.inject({ url: '/api/observatory/indicators?territory=region:44' })).json();
    const first = x.subTerritories[0];
    expect(first).toMatchObject({ code: 'dep:54', establishments: 17 });
    const commune = (await t.app.inject({ url: '/api/observatory/indicators?territory=com:54528' })).json();
    expect(commune.employerEstablishments).toBeNull();
    expect(commune.secret).toBe('primary');
  });

  it('answers 404 naming an unknown territory or listing the imported snapshots', async () => {
    const unknown = await t.app.inject({ url: '/api/observatory/indicators?territory=dep:999' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.message).toContain('dep:999');
    const missing = await t.app.inject({
      url: '/api/observatory/indicators?territory=dep:54&snapshot=2024-01',
    });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.message).toContain('2026-10, 2025-10');
    const outside = await t.app.inject({ url: '/api/observatory/indicators?territory=dep:75' });
    expect(outside.statusCode).toBe(404);
    const bad = await t.app.inject({ url: '/api/observatory/indicators?territory=dep:54&snapshot=oct' });
    expect(bad.statusCode).toBe(400);
    const list = (await t.app.inject({ url: '/api/observatory/snapshots' })).json();
    expect(list.items.map((s: { month: string }) => s.month)).toEqual(['2026-10', '2025-10']);
  });

  it('exports a table as CSV and the key figure as an embeddable SVG', async () => {
    const csv = await t.app.inject({ url: '/api/observatory/export.csv?territory=dep:54&table=families' });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body).toContain('association;Association;10;');
    expect(csv.body).toContain('secret statistique');
    const book = await t.app.inject({ url: '/api/observatory/export.xlsx?territory=dep:54' });
    expect(book.statusCode).toBe(200);
    expect(book.headers['content-type']).toContain('spreadsheetml');
    const { unzipSync, strFromU8 } = await import('fflate');
    const parts = unzipSync(new Uint8Array(book.rawPayload));
    expect(strFromU8(parts['xl/workbook.xml'])).toContain('name="Par famille"');
    expect(Object.keys(parts).filter((k) => k.startsWith('xl/worksheets/'))).toHaveLength(7);
    const svg = await t.app.inject({ url: '/api/observatory/figure.svg?territory=dep:54' });
    expect(svg.headers['content-type']).toContain('image/svg+xml');
    expect(svg.body).toContain("emplois dans l'ESS");
  });

  it('imports official figures, keeping good rows and reporting bad ones', async () => {
    const result = await importOfficialFigures(
      t.deps,
      'territory,year,family,jobs,fte,payroll,establishments,source,source_url\n' +
        'region:44,2015,,200000,,,17000,RTES / INSEE Analyses Grand Est 33,\n' +
        'region:44,20x5,,1,,,,S,\n' +
        'fr,2019,association,2000000,,,,6e Atlas de l’ESS,pas-une-url\n',
    );
    expect(result.imported).toBe(1);
    expect(result.errors).toEqual([
      { line: 3, field: 'year', reason: 'année invalide : 20x5' },
      { line: 4, field: 'source_url', reason: 'adresse invalide : pas-une-url' },
    ]);
  });
});
