import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, expect, it } from 'vitest';
import { loadConfig } from '../../server/config.ts';
import {
  signCheckinToken,
  verifyCheckinToken,
} from '../../server/modules/registrations/registrations.tokens.ts';

// `maillage backup` then `maillage restore` on another machine (another data folder, another secret), in real
// processes: a ticket mailed before the backup still scans after the restore.
const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'maillage-cli-backup-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const { SESSION_SECRET: _unused, ...env } = process.env;
const cli = (dataDir: string, ...args: string[]) =>
  run(process.execPath, ['bin/maillage.js', ...args], {
    env: { ...env, MAILLAGE_DATA_DIR: dataDir, DATABASE_URL: '' },
  });
const secretOf = (dataDir: string) => loadConfig({ MAILLAGE_DATA_DIR: dataDir }).sessionSecret;

it('carries the session secret, so that tickets mailed before the backup verify after a restore', async () => {
  const before = join(dir, 'before');
  const after = join(dir, 'after');
  await cli(before, 'migrate');
  expect(secretOf(after)).not.toBe(secretOf(before));
  const registrationId = '7c6c1a9e-0d43-4b6f-9a55-3b8f2f1d2e10';
  const ticket = signCheckinToken(secretOf(before), registrationId);
  expect(verifyCheckinToken(secretOf(after), ticket)).toBeNull();

  const archive = join(dir, 'backup.tar.gz');
  await cli(before, 'backup', archive);
  const { stdout } = await cli(after, 'restore', archive);
  expect(stdout).toContain('session secret restored');
  expect(verifyCheckinToken(secretOf(after), ticket)).toBe(registrationId);
  // The secret is not left lying in the database folder, and the replaced one is kept aside.
  expect(() => readFileSync(join(after, 'pgdata', 'maillage-session-secret'))).toThrow();
  expect(() => readFileSync(join(before, 'pgdata', 'maillage-session-secret'))).toThrow();
}, 240_000);
