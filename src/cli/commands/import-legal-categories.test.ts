import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

// `maillage import legal-categories` in a real process on its own embedded database: the summary, the bad lines
// with their numbers and exit code 1, a dry run, then a re-import that replaces the labels.
const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'maillage-cli-legal-categories-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const cli = (...args: string[]) =>
  run(process.execPath, ['bin/maillage.js', 'import', 'legal-categories', ...args], {
    env: { ...process.env, MAILLAGE_DATA_DIR: join(dir, 'data'), DATABASE_URL: '' },
  }).catch((err: { code: number; stdout: string; stderr: string }) => err);

describe('maillage import legal-categories', () => {
  it('reports the bad lines, writes nothing in a dry run, then adds and replaces labels', async () => {
    const file = join(dir, 'cj.csv');
    writeFileSync(file, 'Code;Libellé\n5458;Coopérative d’essai\n12;Trop court\n9300;Fondation d’essai\n');
    const dry = await cli(file, '--dry-run');
    expect(dry.stdout).toContain('3 lines, 2 valid: 2 labels would be added, 0 would be replaced.');
    expect(dry.stdout).toContain('line 3: code « 12 »');
    expect((dry as { code?: number }).code).toBe(1);

    const first = await cli(file);
    expect(first.stdout).toContain('2 labels were added, 0 were replaced.');
    writeFileSync(file, 'Code;Libellé\n5458;Coopérative d’essai, nouveau libellé\n');
    const again = await cli(file);
    expect(again.stdout).toContain('1 line, 1 valid: 0 labels were added, 1 were replaced.');
    expect((again as { code?: number }).code ?? 0).toBe(0);
  }, 120_000);
});
