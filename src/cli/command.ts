import type { FastifyBaseLogger } from 'fastify';
import { type Config, loadConfig } from '../server/config.ts';
import type { Deps } from '../server/context.ts';
import type { Database } from '../server/db/client.ts';
import { openDeps } from '../server/main.ts';

export type Command = {
  /** e.g. "backup" or "import organizations" */
  name: string;
  usage: string;
  description: string;
  run(args: string[]): Promise<number | undefined>;
};

const cliLog = {
  info: (...a: unknown[]) => console.log(...a),
  warn: (...a: unknown[]) => console.warn(...a),
  error: (...a: unknown[]) => console.error(...a),
  debug() {},
  trace() {},
  fatal: (...a: unknown[]) => console.error(...a),
  child: () => cliLog,
  level: 'info',
} as unknown as FastifyBaseLogger;

/** Opens the configured database (locked, migrated) for one CLI command and closes it afterwards. */
export async function withDeps<T>(
  fn: (deps: Deps, database: Database, config: Config) => Promise<T>,
): Promise<T> {
  const config = loadConfig();
  const { deps, database } = await openDeps(config, cliLog);
  try {
    return await fn(deps, database, config);
  } finally {
    await database.close();
  }
}
