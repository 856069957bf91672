import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadConfig } from '../../server/config.ts';
import { createPglite } from '../../server/db/client.ts';
import { lockDataDir } from '../../server/db/lock.ts';
import type { Command } from '../command.ts';

// The session secret signs the QR codes of mailed tickets (and the cookies): a backup without it would restore
// tickets that no longer scan. It travels inside the archive, as a file of the database folder that PostgreSQL
// ignores, and restore puts it back where the server reads it (MAILLAGE_DATA_DIR/session-secret).
const SECRET_IN_ARCHIVE = 'maillage-session-secret';

/** Puts the secret of a restored archive in place; says what it did (or what to do when SESSION_SECRET is set). */
function restoreSecret(dataDir: string, pgdata: string, envSecret: string | undefined): string {
  const carried = join(pgdata, SECRET_IN_ARCHIVE);
  if (!existsSync(carried))
    return 'this backup holds no session secret (made before it did): the current one stays';
  const secret = readFileSync(carried, 'utf8').trim();
  rmSync(carried);
  if (envSecret !== undefined) {
    if (envSecret === secret) return 'session secret: SESSION_SECRET already holds the backup’s';
    writeFileSync(join(dataDir, 'session-secret.from-backup'), `${secret}\n`, { mode: 0o600 });
    return 'warning: SESSION_SECRET differs from the backup’s secret; tickets mailed before the backup will not scan until SESSION_SECRET is set to the value restored in session-secret.from-backup';
  }
  const file = join(dataDir, 'session-secret');
  if (existsSync(file) && readFileSync(file, 'utf8').trim() !== secret) {
    renameSync(file, `${file}.before-restore-${new Date().toISOString().replace(/[:.]/g, '-')}`);
  }
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  return 'session secret restored (tickets and sessions from before the backup stay valid)';
}

export const backupCommand: Command = {
  name: 'backup',
  usage: 'backup <file.tar.gz>',
  description:
    'Write a backup of the embedded database (the whole database folder, compressed) with the session secret that signs tickets.',
  async run([file]) {
    if (!file) throw new Error('usage: maillage backup <file.tar.gz>');
    const config = loadConfig();
    if (config.databaseUrl) throw new Error('DATABASE_URL is set: back up PostgreSQL with pg_dump.');
    const release = lockDataDir(config.dataDir);
    try {
      const pgdata = join(config.dataDir, 'pgdata');
      const db = createPglite(pgdata);
      await db.waitReady;
      const carried = join(pgdata, SECRET_IN_ARCHIVE);
      writeFileSync(carried, `${config.sessionSecret}\n`, { mode: 0o600 });
      let dump: Blob;
      try {
        dump = await db.dumpDataDir('gzip');
      } finally {
        rmSync(carried, { force: true });
        await db.close();
      }
      writeFileSync(resolve(file), Buffer.from(await dump.arrayBuffer()));
      console.log(`Backup written to ${resolve(file)}`);
    } finally {
      release();
    }
    return 0;
  },
};

export const restoreCommand: Command = {
  name: 'restore',
  usage: 'restore <file.tar.gz>',
  description:
    'Replace the embedded database with a backup (the current one is kept aside as pgdata.before-restore-<date>).',
  async run([file]) {
    if (!file) throw new Error('usage: maillage restore <file.tar.gz>');
    const config = loadConfig();
    if (config.databaseUrl) throw new Error('DATABASE_URL is set: restore PostgreSQL with pg_restore.');
    if (!existsSync(file)) throw new Error(`No such file: ${file}`);
    const release = lockDataDir(config.dataDir);
    try {
      const target = join(config.dataDir, 'pgdata');
      const aside = `${target}.before-restore-${new Date().toISOString().replace(/[:.]/g, '-')}`;
      if (existsSync(target)) renameSync(target, aside);
      try {
        const db = createPglite(target, new Blob([readFileSync(file)]));
        await db.waitReady;
        await db.query('select 1');
        await db.close();
      } catch (err) {
        if (existsSync(aside)) renameSync(aside, target);
        throw err;
      }
      console.log(
        `Restored ${file} into ${target}${existsSync(aside) ? ` (previous data kept in ${aside})` : ''}`,
      );
      console.log(restoreSecret(config.dataDir, target, process.env.SESSION_SECRET || undefined));
    } finally {
      release();
    }
    return 0;
  },
};
