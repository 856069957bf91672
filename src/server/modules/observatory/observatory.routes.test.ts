import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../context.ts';
import { createTestApp, type TestContext } from '../../testing.ts';
import { importOfficialFigures } from './official-figures.service.ts';
import { parseScope } from './scope.ts';
import { protectSnapshot } from './secrecy-plan.ts';
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
      systemActor,
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
    expect(svg.body).toContain('250 emplois dans l’ESS');
    expect(svg.body).toContain(
      'aria-label="Meurthe-et-Moselle : 250 emplois dans l’ESS, 1 emploi privé sur 4"',
    );
    expect(svg.body).toContain('1 emploi privé sur 4 (28,5 % des emplois privés)');
    expect(svg.body).toContain('fourchette : de 182 à 343 emplois');
    expect(svg.body).toContain('17 établissements employeurs');
    expect(svg.body).toContain('instantané 2026-10');
    expect(svg.body).not.toContain('DÉMONSTRATION');
  });

  it('imports official figures, keeping good rows and reporting bad ones', async () => {
    const result = await importOfficialFigures(
      t.deps,
      systemActor,
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

  it('shows a published figure of unknown year after the dated ones, as "année non précisée" in the exports', async () => {
    const result = await importOfficialFigures(
      t.deps,
      systemActor,
      'territory;year;jobs;source\ndep:54;;30 200;Presse régionale, article antérieur\n',
    );
    expect(result).toMatchObject({ imported: 1, errors: [] });
    const x = (await t.app.inject({ url: '/api/observatory/indicators?territory=dep:54' })).json();
    expect(x.official.map((o: { year: number | null; jobs: number }) => [o.year, o.jobs])).toEqual([
      [2025, 30500],
      [null, 30200],
    ]);
    const csv = await t.app.inject({ url: '/api/observatory/export.csv?territory=dep:54&table=official' });
    const lines = csv.body.split('\r\n');
    expect(lines[1]).toMatch(/^2025;all;30500;/);
    expect(lines[2]).toMatch(/^année non précisée;all;30200;/);
    const book = await t.app.inject({ url: '/api/observatory/export.xlsx?territory=dep:54' });
    const { unzipSync, strFromU8 } = await import('fflate');
    const parts = unzipSync(new Uint8Array(book.rawPayload));
    const sheets = Object.entries(parts).filter(([k]) => k.startsWith('xl/'));
    expect(sheets.some(([, v]) => strFromU8(v).includes('année non précisée'))).toBe(true);
  });
});

describe('statistical secrecy across tables, nested territories and snapshots', () => {
  let t: TestContext;
  let dir: string;
  const ids: Record<string, number> = {};
  const assoc = (commune: string, n: number) =>
    times(n, { category: '9220', naf: '88.10A', bracket: '02', commune });
  const coop = (commune: string, n: number) =>
    times(n, { category: '5458', naf: '43.21A', bracket: '02', commune });
  const firms = (commune: string, n: number) =>
    times(n, { category: '5710', naf: '47.11F', bracket: '02', essFlag: 'N', commune });
  // Grand Nancy: Nancy 10, Vandœuvre 4, Laxou 2 (primary in 2025-10, 5 in 2026-10), Villers 6 associations.
  // Metz Métropole: Metz 10 associations + 2 cooperatives, Montigny 4 + 5, Woippy 6 + 4.
  const units = (laxou: number) => [
    ...assoc('54395', 10),
    ...assoc('54547', 4),
    ...assoc('54304', laxou),
    ...assoc('54578', 6),
    ...firms('54395', 20),
    ...firms('54578', 2),
    ...firms('54357', 5),
    ...assoc('57463', 10),
    ...coop('57463', 2),
    ...assoc('57480', 4),
    ...coop('57480', 5),
    ...assoc('57751', 6),
    ...coop('57751', 4),
    ...firms('57463', 20),
  ];
  const run = async (month: string, list: FixtureUnit[]) => {
    const r = await importSireneStock(t.deps, {
      ...writeSireneFixture(dir, list),
      month,
      scope: parseScope({ region: '44' }),
    });
    ids[month] = r.snapshotId;
  };
  const get = async (territory: string, snapshot?: string) => {
    const res = await t.app.inject({
      url: `/api/observatory/indicators?territory=${territory}${snapshot ? `&snapshot=${snapshot}` : ''}`,
    });
    expect(res.statusCode).toBe(200);
    return res.json();
  };
  const byCode = (rows: { code: string }[]) => Object.fromEntries(rows.map((r) => [r.code, r]));
  const storedCells = async (snapshotId: number) =>
    (
      (await t.db.execute(
        sql`SELECT count(*)::int AS n FROM observatory_secret_cells WHERE snapshot_id = ${snapshotId}`,
      )) as unknown as { rows: { n: number }[] }
    ).rows[0].n;

  beforeAll(async () => {
    t = await createTestApp();
    dir = mkdtempSync(join(tmpdir(), 'maillage-obs-secrecy-'));
    await run('2025-10', units(2));
    await run('2026-10', units(5));
  });
  afterAll(async () => {
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('hides a second commune of an EPCI beside a primary one, on the EPCI page and on its own page', async () => {
    const epci = await get('epci:245400676', '2025-10');
    const subs = byCode(epci.subTerritories);
    expect(subs['com:54304']).toMatchObject({ establishments: null, secret: 'primary' });
    expect(subs['com:54547']).toMatchObject({ establishments: null, secret: 'secondary' });
    expect(subs['com:54395']).toMatchObject({ establishments: 10, secret: null });
    expect(epci.employerEstablishments).toBe(22);
    const vandoeuvre = await get('com:54547', '2025-10');
    expect(vandoeuvre).toMatchObject({ secret: 'secondary', employerEstablishments: null, jobs: null });
    expect(
      vandoeuvre.families.find((f: { code: string }) => f.code === 'association').establishments,
    ).toBeNull();
    expect((await get('com:54578', '2025-10')).employerEstablishments).toBe(6);
    // Without the primary cell, nothing around it is hidden.
    expect((await get('com:54547', '2026-10')).employerEstablishments).toBe(4);
  });

  it('protects a commune family cell against the EPCI family cell minus the other communes', async () => {
    type Line = { code: string; establishments: number | null; secret: string | null };
    const epci = byCode((await get('epci:200039865', '2025-10')).families) as Record<string, Line>;
    expect(epci.cooperative).toMatchObject({ establishments: 11, secret: null });
    const communes = [];
    for (const code of ['com:57463', 'com:57480', 'com:57751']) {
      const x = await get(code, '2025-10');
      expect(x.employerEstablishments).toBeGreaterThan(0);
      communes.push(byCode(x.families) as Record<string, Line>);
    }
    expect(communes[0].cooperative.secret).toBe('primary');
    // Metz's 2 cooperatives are not "11 minus the other communes": a second commune's cooperatives are hidden…
    const hidden = communes.filter((f) => f.cooperative.secret);
    expect(hidden.length).toBeGreaterThanOrEqual(2);
    expect(hidden.every((f) => f.cooperative.establishments === null)).toBe(true);
    // … and, in each commune, not its total minus its associations either.
    for (const f of communes) expect(Boolean(f.association.secret)).toBe(Boolean(f.cooperative.secret));
    expect(byCode((await get('dep:57', '2025-10')).families).cooperative).toMatchObject({
      establishments: 11,
    });
  });

  it('shows no share built on a hidden private total, and hides a second private total beside it', async () => {
    const villers = await get('com:54578', '2025-10');
    expect(villers.employerEstablishments).toBe(6);
    expect(villers.share).toMatchObject({
      establishments: null,
      jobs: null,
      allEstablishments: null,
      // ESS + other private would give the hidden private total by difference.
      privateEmployerEstablishments: null,
      privateJobs: null,
    });
    const maxeville = await get('com:54357', '2025-10');
    expect(maxeville.share.establishments).toBeNull();
    const nancy = (await get('com:54395', '2025-10')).share;
    expect(nancy.establishments).toBeCloseTo((10 / 30) * 100, 0);
    expect(nancy.privateEmployerEstablishments).toBe(30);
    const subs = byCode((await get('epci:245400676', '2026-10')).subTerritories) as unknown as Record<
      string,
      { establishments: number | null; privateJobsShare: number | null }
    >;
    expect(subs['com:54578']).toMatchObject({ establishments: 6, privateJobsShare: null });
    expect(subs['com:54395'].privateJobsShare).toBeGreaterThan(0);
  });

  it('shows in the evolution, for each snapshot, what that snapshot publishes (secondary secrecy included)', async () => {
    const x = await get('com:54547');
    expect(x.snapshot.month).toBe('2026-10');
    expect(x.evolution).toEqual([
      { month: '2025-10', employerEstablishments: null, jobs: null },
      expect.objectContaining({ month: '2026-10', employerEstablishments: 4 }),
    ]);
    const csv = await t.app.inject({
      url: '/api/observatory/export.csv?territory=com:54547&table=evolution',
    });
    expect(csv.body.split('\r\n')[1]).toBe('2025-10;;;;');
    const summary = await t.app.inject({
      url: '/api/observatory/export.csv?territory=com:54547&snapshot=2025-10&table=summary',
    });
    expect(summary.body.split('\r\n')[1]).toMatch(
      /^Vandœuvre-lès-Nancy;2025-10;;;;;;;non;secret \(induit\)$/,
    );
    const svg = await t.app.inject({
      url: '/api/observatory/figure.svg?territory=com:54547&snapshot=2025-10',
    });
    expect(svg.body).toContain('Chiffre couvert par le secret statistique');
  });

  it('plans a snapshot stored before secrecy plans existed the first time it is read', async () => {
    const id = ids['2025-10'];
    await t.db.execute(sql`DELETE FROM observatory_secret_cells WHERE snapshot_id = ${id}`);
    await t.db.execute(sql`UPDATE observatory_snapshots SET secrecy_planned_at = NULL WHERE id = ${id}`);
    expect(await storedCells(id)).toBe(0);
    expect(await get('com:54547', '2025-10')).toMatchObject({
      secret: 'secondary',
      employerEstablishments: null,
    });
    expect(await storedCells(id)).toBeGreaterThan(0);
  });

  it('stores the same plan for a snapshot still loading (the import: one COPY) as for a ready one', async () => {
    const id = ids['2025-10'];
    const cells = async () =>
      (
        (await t.db.execute(
          sql`SELECT territory_code, dimension, category, reason FROM observatory_secret_cells
            WHERE snapshot_id = ${id} ORDER BY 1, 2, 3`,
        )) as unknown as { rows: unknown[] }
      ).rows;
    const ready = await cells();
    await t.db.execute(sql`UPDATE observatory_snapshots SET status = 'loading' WHERE id = ${id}`);
    const summary = await protectSnapshot(t.db, id, 'region:44');
    await t.db.execute(sql`UPDATE observatory_snapshots SET status = 'ready' WHERE id = ${id}`);
    expect(await cells()).toEqual(ready);
    expect(summary.primary + summary.secondary).toBe(ready.length);
    expect(summary).toMatchObject({ unresolved: 0 });
    expect(summary.secondary).toBeGreaterThan(0);
  });

  it('removes the stored secrecy of a snapshot replaced by a new import of its month', async () => {
    const old = ids['2026-10'];
    expect(await storedCells(old)).toBeGreaterThan(0);
    await run('2026-10', units(5));
    expect(await storedCells(old)).toBe(0);
    expect(await storedCells(ids['2026-10'])).toBeGreaterThan(0);
  });
});
