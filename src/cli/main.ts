// One error map for every zod message, in the terminal too (French, as the web app's).
import '../server/lib/messages.ts';
import { ConfigError } from '../server/config.ts';
import { DataDirLockedError } from '../server/db/lock.ts';
import type { Command } from './command.ts';
import { createAdminCommand } from './commands/accounts.ts';
import { backupCommand, restoreCommand } from './commands/backup.ts';
import { exportOrganizationsCommand } from './commands/export-organizations.ts';
import { importElusCommand } from './commands/import-elus.ts';
import { importLegalCategoriesCommand } from './commands/import-legal-categories.ts';
import { importOrganizationsCommand } from './commands/import-organizations.ts';
import { importRomeCommand } from './commands/import-rome.ts';
import {
  demoSireneFilesCommand,
  importOfficialFiguresCommand,
  importSireneCommand,
} from './commands/import-sirene.ts';
import { migrateCommand } from './commands/migrate.ts';
import { startCommand } from './commands/start.ts';

// `npx maillage <command>`: the same services as the web app, from a terminal.
const commands: Command[] = [
  startCommand,
  migrateCommand,
  backupCommand,
  restoreCommand,
  importOrganizationsCommand,
  importLegalCategoriesCommand,
  exportOrganizationsCommand,
  createAdminCommand,
  importSireneCommand,
  importOfficialFiguresCommand,
  demoSireneFilesCommand,
  importElusCommand,
  importRomeCommand,
];

function help() {
  console.log('Usage: maillage <command> [options]\n');
  for (const c of commands) console.log(`  ${c.usage.padEnd(48)} ${c.description}`);
}

async function main(argv: string[]) {
  if (argv.length === 0 || argv[0] === '--help' || argv[0] === 'help') {
    help();
    return 0;
  }
  // Longest name first, so that "import sirene" wins over a plain "import".
  const command = [...commands]
    .sort((a, b) => b.name.length - a.name.length)
    .find((c) => argv.slice(0, c.name.split(' ').length).join(' ') === c.name);
  if (!command) {
    console.error(`Unknown command: ${argv.join(' ')}\n`);
    help();
    return 2;
  }
  return (await command.run(argv.slice(command.name.split(' ').length))) ?? 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code !== undefined) process.exitCode = code;
  },
  (err) => {
    if (err instanceof ConfigError || err instanceof DataDirLockedError) console.error(err.message);
    else console.error(err instanceof Error ? (err.stack ?? err.message) : err);
    process.exit(1);
  },
);
