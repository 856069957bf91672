import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../testing.ts';
import { isValidSiren, isValidSiret, luhnValid, withLuhnDigit } from '../company-identity/siret.ts';
import { parseScope } from './scope.ts';
import { planSecrecy, scopeNesting, snapshotMargins } from './secrecy-plan.ts';
import { importSireneStock } from './sirene-import.service.ts';
import { deleteSnapshotData } from './sirene-write.ts';
import { type FixtureUnit, sireneCsv, writeSireneFixture, zipOf } from './test-fixtures.ts';

const ess = (over: Partial<FixtureUnit> = {}): FixtureUnit => ({ category: '9220', essFlag: 'O', ...over });
const firm = (over: Partial<FixtureUnit> = {}): FixtureUnit => ({
  category: '5710',
  naf: '47.11F',
  essFlag: 'N',
  ...over,
});

describe('Sirene import', () => {
  let t: TestContext;
  let dir: string;
  const count = async (table: string) => {
    const r = await t.db.execute(sql.raw(`SELECT count(*)::int AS n FROM ${table}`));
    return (r as unknown as { rows: { n: number }[] }).rows[0].n;
  };
  const run = (files: { legalUnits: string; establishments: string }, over: Record<string, unknown> = {}) =>
    importSireneStock(t.deps, {
      ...files,
      month: '2026-10',
      scope: parseScope({ departments: ['54'] }),
      reportPath: join(dir, 'report.csv'),
      ...over,
    });

  beforeAll(async () => {
    t = await createTestApp();
    dir = mkdtempSync(join(tmpdir(), 'maillage-sirene-test-'));
  });
  afterAll(async () => {
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps the active establishments of the scope, maps arrondissements and former codes, reports bad rows by line', async () => {
    const files = writeSireneFixture(
      dir,
      [
        ess(),
        ess({ commune: '54395', bracket: '11' }),
        firm(),
        firm({ commune: '52241' }), // former code of Saint-Dizier (52448)
        firm({ commune: '75112' }), // Paris arrondissement: outside the scope
        firm({ commune: '57463' }), // Metz: outside the scope
        ess({ closed: true }),
        ess({ commune: '54999' }), // unknown commune
        ess({ diffusion: 'P', name: 'JEAN DUPONT' }),
        ess({ badSiret: true }),
      ],
      { extraEstablishmentLines: ['123456789,00012,12345678900012,O'] },
    );
    const result = await run(files, { scope: parseScope({ departments: ['54', '52'] }) });
    expect(result.establishmentsKept).toBe(5);
    const communes = await t.db.execute(sql`SELECT DISTINCT commune_code FROM observatory_establishments`);
    expect(JSON.stringify(communes)).toContain('52448');
    expect(result.rejected).toMatchObject({ malformed: 1, unknownCommune: 1, badSiret: 1 });
    const report = readFileSync(join(dir, 'report.csv'), 'utf8');
    expect(report).toMatch(/etablissements;9;commune inconnue \(54999\)/);
    expect(report).toMatch(/etablissements;11;SIRET invalide/);
    expect(report).toMatch(/etablissements;12;ligne mal formée/);
    // P units: their names are never stored.
    const names = await t.db.execute(
      sql`SELECT name FROM observatory_establishments UNION ALL SELECT name FROM observatory_legal_units`,
    );
    expect(JSON.stringify(names)).not.toContain('DUPONT');
    expect(JSON.stringify(names)).not.toContain('[ND]');
  });

  it('checks SIRET and SIREN keys as the directory does (La Poste included) and reports duplicated SIRETs', async () => {
    // Seeded pseudo-random identifiers, about half of them with a valid key, and La Poste's establishments (SIREN
    // 356000000: a digit sum divisible by 5 instead of the Luhn key).
    let state = 42;
    const digit = () => {
      state = (state * 1103515245 + 12345) % 2 ** 31;
      return String(state % 10);
    };
    const units: FixtureUnit[] = [];
    for (let i = 0; i < 300; i++) {
      const laPoste = i % 10 === 0;
      const siren = laPoste ? '356000000' : Array.from({ length: 9 }, digit).join('');
      const partial = siren + Array.from({ length: 4 }, digit).join('');
      const siret = i % 2 ? withLuhnDigit(partial) : partial + digit();
      if (!units.some((u) => u.siret === siret)) units.push(ess({ siren, siret }));
    }
    const files = writeSireneFixture(dir, units);
    const first = units.findIndex((u) => isValidSiret(u.siret!));
    const duplicate = readFileSync(files.establishments, 'utf8').split('\n')[first + 1];
    writeFileSync(files.establishments, `${readFileSync(files.establishments, 'utf8')}${duplicate}\n`);
    const result = await run(files, { month: '2026-08' });
    const siretsOk = units.filter((u) => isValidSiret(u.siret!));
    expect(siretsOk.length).toBeGreaterThan(100);
    expect(siretsOk.some((u) => u.siren === '356000000' && !luhnValid(u.siret!))).toBe(true);
    expect(result.establishmentsKept).toBe(siretsOk.length);
    expect(result.rejected.badSiret).toBe(units.length - siretsOk.length);
    expect(result.rejected.duplicate).toBe(1);
    // Every legal unit of an establishment in scope is read, whatever that establishment's own SIRET.
    const sirens = new Set(units.map((u) => u.siren!));
    const sirensOk = [...sirens].filter(isValidSiren);
    expect(result.legalUnitsKept).toBe(sirensOk.length);
    expect(result.rejected.badSiren).toBe(sirens.size - sirensOk.length);
    const report = readFileSync(join(dir, 'report.csv'), 'utf8');
    expect(report).toContain(
      `etablissements;${units.length + 2};SIRET en double;"${units[first].siret};54395"`,
    );
    await deleteSnapshotData(t.db, [result.snapshotId]);
  });

  it('imports the whole of France (the legal units file is then read whole by DuckDB, not cut down)', async () => {
    const files = writeSireneFixture(dir, [
      ess(),
      firm({ commune: '75112' }), // Paris arrondissement → Paris
      firm({ commune: '57463' }),
      ess({ commune: '13055', bracket: '12' }),
    ]);
    const result = await run(files, { month: '2026-05', scope: parseScope({}) });
    expect(result).toMatchObject({ scope: 'fr', establishmentsKept: 4, legalUnitsKept: 4 });
    expect(result.rejected).toMatchObject({ malformed: 0, badSiren: 0, unknownCommune: 0 });
    await deleteSnapshotData(t.db, [result.snapshotId]);
  });

  it('reports a malformed legal unit line at its line in the original file', async () => {
    const files = writeSireneFixture(dir, [ess(), firm(), ess()]);
    const ul = readFileSync(files.legalUnits, 'utf8');
    const siren = ul.split('\n')[2].split(',')[0];
    // Unwanted units first (never parsed), then a short line for a wanted one.
    const others = Array.from({ length: 50 }, (_, i) => `${String(900000000 + i)},O,AUTRE`).join('\n');
    writeFileSync(files.legalUnits, `${ul}${others}\n${siren},O\n`);
    const result = await run(files, { month: '2026-06' });
    expect(result.rejected.malformed).toBe(1);
    const report = readFileSync(join(dir, 'report.csv'), 'utf8');
    expect(report).toContain(`unites_legales;${ul.split('\n').length + 50};ligne mal formée`);
    await deleteSnapshotData(t.db, [result.snapshotId]);
  });

  it('stores the secrecy plan the database margins give (DuckDB computes them during the import)', async () => {
    const communes = ['54395', '54395', '54395', '54395', '54547', '54547', '54528', '54099'];
    const brackets = ['01', '02', '11', '12', '21', '02', '03', '31'];
    const units = communes.flatMap((commune, i) => [
      ess({ commune, bracket: brackets[i] }),
      ess({ commune, category: '5460', bracket: '02', naf: '01.11Z' }),
      firm({ commune, bracket: brackets[(i + 3) % 8] }),
      firm({ commune, category: '7220', bracket: '12' }),
    ]);
    const result = await run(writeSireneFixture(dir, units), { month: '2026-07' });
    const stored = await t.db.execute(sql`SELECT territory_code AS territory, dimension, category, reason
      FROM observatory_secret_cells WHERE snapshot_id = ${result.snapshotId}`);
    const rows = (stored as unknown as { rows: Record<string, string>[] }).rows;
    const { territories, nestings } = scopeNesting('dep:54');
    const expected = planSecrecy(
      await snapshotMargins(t.db, result.snapshotId),
      territories,
      nestings,
    ).hidden;
    const key = (h: Record<string, string>) => `${h.territory}|${h.dimension}|${h.category}|${h.reason}`;
    expect(rows.map(key).sort()).toEqual(expected.map(key).sort());
    expect(rows.some((r) => r.reason === 'secondary')).toBe(true);
    await deleteSnapshotData(t.db, [result.snapshotId]);
  });

  it('accepts the 3.9 headers and the official zip, and replaces the month', async () => {
    const csv = sireneCsv([ess(), ess(), ess(), firm()], '3.9');
    const legalUnits = join(dir, 'StockUniteLegale_utf8.zip');
    const establishments = join(dir, 'StockEtablissement_utf8.zip');
    writeFileSync(legalUnits, zipOf('StockUniteLegale_utf8.csv', Buffer.from(csv.legalUnits)));
    writeFileSync(establishments, zipOf('StockEtablissement_utf8.csv', Buffer.from(csv.establishments)));
    const result = await run({ legalUnits, establishments });
    expect(result).toMatchObject({ formatVersion: '3.9', establishmentsKept: 4, replacedSnapshot: true });
    expect(await count('observatory_snapshots')).toBe(1);
    expect(await count('observatory_establishments')).toBe(4);
  });

  it('refuses a wrong file before writing anything', async () => {
    const before = await count('observatory_establishments');
    const good = writeSireneFixture(dir, [ess()]);
    const zip = zipOf('StockEtablissement_utf8.csv', readFileSync(good.establishments));
    const truncated = join(dir, 'truncated.zip');
    writeFileSync(truncated, zip.subarray(0, zip.length - 40));
    const latin1 = join(dir, 'latin1.csv');
    writeFileSync(
      latin1,
      Buffer.from(readFileSync(good.establishments, 'utf8').replace('TEST', 'ÉCOLE'), 'latin1'),
    );
    const missing = join(dir, 'missing.csv');
    writeFileSync(
      missing,
      readFileSync(good.establishments, 'utf8').replace('codeCommuneEtablissement', 'commune'),
    );
    const notSirene = join(dir, 'other.csv');
    writeFileSync(notSirene, 'nom,prenom\nDupont,Jean\n');
    const cases: [string, { legalUnits: string; establishments: string }, RegExp][] = [
      ['truncated zip', { ...good, establishments: truncated }, /tronquée/],
      ['wrong encoding', { ...good, establishments: latin1 }, /UTF-8/],
      [
        'missing column',
        { ...good, establishments: missing },
        /colonnes manquantes : codeCommuneEtablissement/,
      ],
      ['not Sirene', { ...good, establishments: notSirene }, /pas un fichier Sirene/],
      ['files swapped', { legalUnits: good.establishments, establishments: good.legalUnits }, /celui des/],
    ];
    for (const [, files, message] of cases) await expect(run(files)).rejects.toThrow(message);
    expect(await count('observatory_establishments')).toBe(before);
  });

  it('leaves the previous month intact when a run fails or is killed before the swap', async () => {
    const files = writeSireneFixture(dir, [ess(), ess(), ess(), ess(), firm()]);
    await expect(
      run(files, {
        onProgress: (p: { phase: string }) => {
          if (p.phase === 'aggregate') throw new Error('failed');
        },
      }),
    ).rejects.toThrow('failed');
    const ready = await t.db.execute(sql`SELECT month FROM observatory_snapshots WHERE status = 'ready'`);
    expect((ready as unknown as { rows: unknown[] }).rows).toHaveLength(1);
    expect(await count('observatory_establishments')).toBe(4);
    // A killed run leaves a snapshot in 'loading' with its rows: invisible, and removed by the next run.
    await t.db.execute(sql`INSERT INTO observatory_snapshots (id, month, scope, settings, source_legal_units,
      source_establishments, format_version) VALUES (999, '2026-10', 'dep:54', '{}', 'x', 'y', '3.11')`);
    await t.db.execute(sql`INSERT INTO observatory_establishments (snapshot_id, siret, siren, commune_code,
      department_code, region_code, is_employer, is_head_office) VALUES (999, '1', '1', '54395', '54', '44', true, true)`);
    const api = await t.app.inject({ url: '/api/observatory/snapshots' });
    expect(api.json().items).toHaveLength(1);
    await run(files);
    expect(await count('observatory_snapshots')).toBe(1);
    expect(await count('observatory_establishments')).toBe(5);
  });

  it('downloads URLs with progress', async () => {
    const files = writeSireneFixture(dir, [ess(), firm()]);
    const server: Server = createServer((req, res) => {
      if (req.url === '/missing') {
        res.writeHead(404).end();
        return;
      }
      const body = readFileSync(req.url === '/ul' ? files.legalUnits : files.establishments);
      res.writeHead(200, { 'content-length': body.length });
      res.end(body);
    });
    await new Promise<void>((r) => server.listen(4571, '127.0.0.1', () => r()));
    const phases = new Set<string>();
    try {
      const result = await run(
        { legalUnits: 'http://127.0.0.1:4571/ul', establishments: 'http://127.0.0.1:4571/est' },
        { month: '2026-09', onProgress: (p: { phase: string }) => phases.add(p.phase) },
      );
      expect(result.establishmentsKept).toBe(2);
      expect(phases).toContain('download');
      await expect(run({ ...files, establishments: 'http://127.0.0.1:4571/missing' })).rejects.toThrow(
        /HTTP 404/,
      );
    } finally {
      server.close();
    }
  });

  it('reads the Parquet versions of the stock files', async () => {
    const files = writeSireneFixture(dir, [ess(), ess(), firm()]);
    const instance = await DuckDBInstance.create(':memory:');
    const c = await instance.connect();
    const out = { legalUnits: join(dir, 'ul.parquet'), establishments: join(dir, 'est.parquet') };
    for (const k of ['legalUnits', 'establishments'] as const)
      await c.run(
        `COPY (SELECT * FROM read_csv('${files[k]}', all_varchar = true)) TO '${out[k]}' (FORMAT parquet)`,
      );
    c.closeSync();
    instance.closeSync();
    const result = await run(out, { month: '2026-07' });
    expect(result).toMatchObject({ establishmentsKept: 3, legalUnitsKept: 3, formatVersion: '3.11' });
  });
});
