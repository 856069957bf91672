import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadConfig } from '../../server/config.ts';
import { createPglite } from '../../server/db/client.ts';
import { lockDataDir } from '../../server/db/lock.ts';
import type { Command } from '../command.ts';

export const backupCommand: Command = {
  name: 'backup',
  usage: 'backup <file.tar.gz>',
  description: 'Write a backup of the embedded database (the whole data folder, compressed).',
  async run([file]) {
    if (!file) throw new Error('usage: maillage backup <file.tar.gz>');
    const config = loadConfig();
    if (config.databaseUrl) throw new Error('DATABASE_URL is set: back up PostgreSQL with pg_dump.');
    const release = lockDataDir(config.dataDir);
    try {
      const db = createPglite(join(config.dataDir, 'pgdata'));
      await db.waitReady;
      const dump = await db.dumpDataDir('gzip');
      await db.close();
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
    } finally {
      release();
    }
    return 0;
  },
};
