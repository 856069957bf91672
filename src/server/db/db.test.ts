import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { scratchDatabase } from '../testing.ts';
import { openDatabase } from './client.ts';

// The embedded database on disk: the data-folder lock and backup/restore through the real CLI.
const run = promisify(execFile);
const cli = (dataDir: string, ...args: string[]) =>
  run(process.execPath, ['bin/maillage.js', ...args], {
    env: { ...process.env, MAILLAGE_DATA_DIR: dataDir, DATABASE_URL: '' },
  });

const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'maillage-db-'));
  dirs.push(d);
  return d;
};
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe.skipIf(Boolean(process.env.DATABASE_URL))('embedded database on disk', () => {
  it('refuses a second process on the same data folder, naming the folder', async () => {
    const dir = tempDir();
    const first = await openDatabase({ dataDir: dir });
    try {
      const err = await cli(dir, 'migrate').then(
        () => null,
        (e: { code: number; stderr: string }) => e,
      );
      expect(err?.code).toBe(1);
      expect(err?.stderr).toContain(dir);
      expect(err?.stderr).toMatch(/already used by another Maillage process/);
    } finally {
      await first.close();
    }
    // Once the first process has closed, the folder is free again.
    await expect(cli(dir, 'migrate')).resolves.toBeTruthy();
  }, 90_000);

  it('restores a backup with every row it held', async () => {
    const dir = tempDir();
    const file = join(dir, 'backup.tar.gz');
    const count = async () => {
      const db = await openDatabase({ dataDir: dir });
      try {
        const rows = await db.db.execute(sql`select count(*)::int as n from networks`);
        return (rows as unknown as { rows: { n: number }[] }).rows[0].n;
      } finally {
        await db.close();
      }
    };
    const insert = async (slugs: string[]) => {
      const db = await openDatabase({ dataDir: dir });
      for (const slug of slugs) {
        await db.db.execute(sql`insert into networks (slug, name, kind) values (${slug}, ${slug}, 'club')`);
      }
      await db.close();
    };
    await insert(['a', 'b', 'c']);
    await cli(dir, 'backup', file);
    await insert(['d', 'e']);
    expect(await count()).toBe(5);
    const restored = await cli(dir, 'restore', file);
    expect(restored.stdout).toMatch(/Restored/);
    expect(await count()).toBe(3);
  }, 90_000);
});

describe.runIf(Boolean(process.env.DATABASE_URL))('PostgreSQL server', () => {
  it('survives the server closing an idle pooled connection, and opens another', async () => {
    const scratch = await scratchDatabase();
    const { db, close } = await openDatabase({ databaseUrl: scratch.url, dataDir: tmpdir() });
    const pid = async () =>
      ((await db.execute(sql`SELECT pg_backend_pid() AS pid`)) as unknown as { rows: { pid: number }[] })
        .rows[0].pid;
    const first = await pid();
    // Another session ends ours while it sits idle in the pool: without the pool's error listener, the process dies.
    const { db: other, close: closeOther } = await openDatabase({
      databaseUrl: scratch.url,
      dataDir: tmpdir(),
    });
    await other.execute(sql`SELECT pg_terminate_backend(${first})`);
    await closeOther();
    await new Promise((r) => setTimeout(r, 200));
    expect(await pid()).not.toBe(first);
    await close();
    await scratch.drop();
  });
});
