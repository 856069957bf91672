import type { Command } from '../command.ts';
import { withDeps } from '../command.ts';

export const migrateCommand: Command = {
  name: 'migrate',
  usage: 'migrate',
  description: 'Apply the database migrations (also done at every start).',
  async run() {
    await withDeps(async (deps) => console.log(`Database migrated (${deps.dbKind}).`));
    return 0;
  },
};
