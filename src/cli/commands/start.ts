import { parseArgs } from 'node:util';
import { loadConfig } from '../../server/config.ts';
import { startServer } from '../../server/main.ts';
import type { Command } from '../command.ts';
import { seedDemo } from '../demo/seed.ts';

export const startCommand: Command = {
  name: 'start',
  usage: 'start [--demo]',
  description: 'Start the server; with --demo, seed the demo data on first start (an empty database).',
  async run(args) {
    const { values } = parseArgs({ args, options: { demo: { type: 'boolean' }, dev: { type: 'boolean' } } });
    const config = loadConfig();
    const { stop, deps } = await startServer(config, {
      onReady: async (deps) => {
        if (values.demo) await seedDemo(deps);
      },
    });
    const where = config.databaseUrl ? 'PostgreSQL' : `embedded PostgreSQL in ${config.dataDir}`;
    console.log(`\nMaillage is running at ${config.publicUrl}  (database: ${where})`);
    if (values.demo) {
      const { demoSignIns } = await import('../demo/seed.ts');
      console.log('Demo sign-ins (demo data, not real organisations):');
      for (const s of demoSignIns) console.log(`  ${s.role.padEnd(34)} ${s.email.padEnd(36)} ${s.password}`);
    }
    if (deps.config.smtpUrl === undefined)
      console.log('Mail is kept in the outbox (no SMTP_URL): read it in Admin → Outbox.');
    const shutdown = async () => {
      await stop();
      process.exit(0);
    };
    process.once('SIGINT', shutdown);
    process.once('SIGTERM', shutdown);
    return new Promise<number>(() => {}); // runs until stopped
  },
};
