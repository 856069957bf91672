import cluster from 'node:cluster';
import { parseArgs } from 'node:util';
import { loadConfig } from '../../server/config.ts';
import { startServer } from '../../server/main.ts';
import type { Command } from '../command.ts';
import { seedDemo } from '../demo/seed.ts';
import { type Banner, printBanner, runPrimary, type WorkerReady } from './start.cluster.ts';

export const startCommand: Command = {
  name: 'start',
  usage: 'start [--demo] [--workers N]',
  description:
    'Start the server; with --demo, seed the demo data on first start (an empty database); with --workers N, ' +
    'N processes on one port (PostgreSQL only).',
  async run(args) {
    const { values } = parseArgs({
      args,
      options: { demo: { type: 'boolean' }, dev: { type: 'boolean' }, workers: { type: 'string' } },
    });
    const workers = values.workers === undefined ? 1 : Number(values.workers);
    if (!Number.isInteger(workers) || workers < 1 || workers > 64) {
      console.error('--workers: a whole number of processes, from 1 to 64.');
      return 2;
    }
    const config = loadConfig();
    if (workers > 1 && !config.databaseUrl) {
      console.error(
        '--workers needs PostgreSQL (set DATABASE_URL): the embedded database belongs to one process. ' +
          'Start without --workers, or move to PostgreSQL (see "Deployment" in the README).',
      );
      return 2;
    }
    if (workers > 1 && cluster.isPrimary) return runPrimary(workers);

    // Handled from the very start, so that a stop during the first start (the demo being seeded) still ends
    // through process.exit, whose 'exit' event removes our temporary files (see lib/temp-files.ts). SIGTERM (a
    // service manager, a container stop) or Ctrl-C: stop taking requests, finish those in flight, then close the
    // database.
    let stop: (() => Promise<void>) | undefined;
    let stopping = false;
    const shutdown = async () => {
      if (stopping) return;
      stopping = true;
      await stop?.().catch(() => {});
      process.exit(0);
    };
    process.on('SIGINT', shutdown);
    process.on('SIGTERM', shutdown);
    const started = await startServer(config, {
      onReady: async (deps) => {
        if (values.demo) await seedDemo(deps);
      },
    });
    stop = started.stop;
    const { deps } = started;
    const { demoSignIns } = await import('../demo/seed.ts');
    const banner: Banner = {
      publicUrl: config.publicUrl,
      database: config.databaseUrl ? 'PostgreSQL' : `embedded PostgreSQL in ${config.dataDir}`,
      demoSignIns: values.demo ? demoSignIns : [],
      outbox: deps.config.smtpUrl === undefined,
    };
    // A worker of `--workers N` tells the primary, which prints the banner once for all.
    if (cluster.isWorker) process.send?.({ ready: banner } satisfies WorkerReady);
    else printBanner(banner, 1);
    return new Promise<number>(() => {}); // runs until stopped
  },
};
