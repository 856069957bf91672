import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ownTempDir, sweepStaleTemp } from './lib/temp-files.ts';
import { startupCleanup } from './main.ts';
import { observatorySnapshots } from './modules/observatory/observatory.tables.ts';
import { createTestApp, type TestContext } from './testing.ts';

// What a server stopped during its first start, or an interrupted import, leaves behind is removed at the next start.

const base = mkdtempSync(join(tmpdir(), 'cleanup-test-'));
afterAll(() => rmSync(base, { recursive: true, force: true }));

/** The pid of a process that has ended. */
const deadPid = () => spawnSync(process.execPath, ['-e', '0']).pid as number;

describe('temporary files', () => {
  it('removes those of processes that are gone, keeps those of running ones and everything not ours', () => {
    const dead = deadPid();
    const make = (name: string, file = true) => {
      const path = join(base, name);
      mkdirSync(path);
      if (file) writeFileSync(join(path, 'StockEtablissement.csv'), 'x'.repeat(1000));
      return path;
    };
    const demoFiles = make(`maillage-demo-sirene-${dead}-Ab12Cd`);
    const duckdb = make(`maillage-duckdb-${dead}-Zz99`);
    const download = join(base, `maillage-sirene-${dead}-1764680000000-abc.csv.gz`);
    writeFileSync(download, 'partial');
    const oldLegacy = make('maillage-duckdb-Q1w2E3');
    const day = 25 * 3600;
    utimesSync(oldLegacy, Date.now() / 1000 - day, Date.now() / 1000 - day);
    const freshLegacy = make('maillage-duckdb-R4t5Y6');
    const running = make(`maillage-duckdb-${process.ppid}-Keep1`);
    const mine = ownTempDir('duckdb', base);
    const notOurs = make('someone-else-duckdb-1');

    const removed = sweepStaleTemp(base);
    expect(removed.sort()).toEqual([demoFiles, download, duckdb, oldLegacy].sort());
    for (const gone of [demoFiles, duckdb, download, oldLegacy]) expect(existsSync(gone)).toBe(false);
    for (const kept of [freshLegacy, running, mine, notOurs]) expect(existsSync(kept)).toBe(true);
  });

  it('a process removes its own temporary folders when it exits', () => {
    const script = `import('${new URL('./lib/temp-files.ts', import.meta.url).pathname}').then((m) => {
      const d = m.ownTempDir('demo-sirene', ${JSON.stringify(base)});
      require('node:fs').writeFileSync(d + '/f', 'x');
      console.log(d);
      process.exit(0);
    })`;
    const out = spawnSync(process.execPath, ['--import', 'tsx', '-e', script], { encoding: 'utf8' });
    const dir = out.stdout.trim();
    expect(dir).toContain('maillage-demo-sirene-');
    expect(existsSync(dir)).toBe(false);
  });
});

describe('unfinished imports', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t?.close());

  it("removes the 'loading' snapshots of stopped imports and keeps the ready ones", async () => {
    const row = (status: string, hoursAgo: number) => ({
      month: '2026-09',
      status,
      scope: 'region:44',
      settings: '{}',
      sourceLegalUnits: 'ul.csv',
      sourceEstablishments: 'et.csv',
      formatVersion: '3.11',
      createdAt: new Date(Date.now() - hoursAgo * 3600_000),
    });
    const [ready, stopped, recent] = await t.db
      .insert(observatorySnapshots)
      .values([row('ready', 48), row('loading', 13), row('loading', 0.1)])
      .returning({ id: observatorySnapshots.id });
    const { snapshots } = await startupCleanup(t.deps);
    const left = async (id: number) =>
      (await t.db.select().from(observatorySnapshots).where(eq(observatorySnapshots.id, id))).length;
    expect(await left(ready.id)).toBe(1);
    expect(await left(stopped.id)).toBe(0);
    // On PostgreSQL another process may be importing right now: a recent one stays; embedded, none can be.
    expect(await left(recent.id)).toBe(t.deps.dbKind === 'embedded' ? 0 : 1);
    expect(snapshots).toBe(t.deps.dbKind === 'embedded' ? 2 : 1);
  });
});
