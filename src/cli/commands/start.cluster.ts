import cluster, { type Worker } from 'node:cluster';
import { serveClusterMetrics } from '../../server/lib/observability.ts';

// `maillage start --workers N`: the primary process forks N workers (node's cluster: they share the port, the
// primary hands connections round-robin), prints the banner once they all listen, starts a new worker when one
// dies, and on SIGTERM/SIGINT stops them all, each finishing its requests in flight. Each worker is a whole
// server on the shared PostgreSQL database: migrations and the demo seed run once under advisory locks, the
// caches and the rate limits are shared through the database.

export type Banner = {
  publicUrl: string;
  database: string;
  demoSignIns: { role: string; email: string; password: string }[];
  /** No SMTP: mail is kept in the outbox. */
  outbox: boolean;
};
export type WorkerReady = { ready: Banner };

/** The human lines printed once the server listens (the logs themselves are JSON lines). */
export function printBanner(b: Banner, processes: number) {
  const where = processes > 1 ? `, ${processes} processes` : '';
  console.log(`\nMaillage is running at ${b.publicUrl}  (database: ${b.database}${where})`);
  if (b.demoSignIns.length > 0) {
    console.log('Demo sign-ins (demo data, not real organisations):');
    for (const s of b.demoSignIns) console.log(`  ${s.role.padEnd(34)} ${s.email.padEnd(36)} ${s.password}`);
  }
  if (b.outbox) console.log('Mail is kept in the outbox (no SMTP_URL): read it in Admin → Outbox.');
}

/** Runs the primary of `--workers N`; resolves with the exit code once every worker has stopped. */
export function runPrimary(count: number): Promise<number> {
  return new Promise((resolve) => {
    let stopping = false;
    let exitCode = 0;
    let ready = 0;
    const live = new Set<Worker>();
    const fork = () => {
      const worker = cluster.fork();
      live.add(worker);
      serveClusterMetrics(worker);
      let announced = false;
      worker.on('message', (m: Partial<WorkerReady>) => {
        if (!m.ready || announced) return;
        announced = true;
        if (++ready === count) printBanner(m.ready, count);
      });
      worker.on('exit', (code, signal) => {
        live.delete(worker);
        if (stopping) {
          if (live.size === 0) resolve(exitCode);
          return;
        }
        if (!announced) {
          // It could not even start (bad settings, database unreachable): starting it again would loop.
          console.error(`A worker stopped while starting (${signal ?? `exit code ${code}`}): stopping.`);
          stop(1);
          return;
        }
        console.error(
          `Worker ${worker.process.pid} stopped (${signal ?? `exit code ${code}`}): starting another.`,
        );
        fork();
      });
    };
    const stop = (code: number) => {
      if (stopping) return;
      stopping = true;
      exitCode = code;
      if (live.size === 0) resolve(exitCode);
      for (const w of live) w.process.kill('SIGTERM');
    };
    const onSignal = () => stop(0);
    process.on('SIGTERM', onSignal);
    process.on('SIGINT', onSignal);
    for (let i = 0; i < count; i++) fork();
  }).then((code) => {
    process.exit(code as number);
  }) as Promise<number>;
}
