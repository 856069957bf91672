import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { z } from 'zod';

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  MAILLAGE_DATA_DIR: z.string().min(1).default('./data'),
  PUBLIC_URL: z.string().url().optional(),
  SESSION_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'must start with smtp:// or smtps://')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  MAIL_FROM: z.string().default('Maillage <no-reply@maillage.localhost>'),
  /** Seconds between two passes of the mail worker (mails to try again, or left unsent by a stop). */
  MAIL_WORKER_INTERVAL: z.coerce.number().int().min(1).max(3600).default(30),
  /** Set when a reverse proxy sits in front: then X-Forwarded-For/Proto are believed (client IP, HTTPS). */
  TRUST_PROXY: z
    .enum(['true', 'false', '1', '0', ''])
    .default('false')
    .transform((v) => v === 'true' || v === '1'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Event registrations accepted per IP address per 10 minutes; 0 turns the limit off (benchmarks). */
  REGISTRATION_RATE_LIMIT: z.coerce.number().int().min(0).default(20),
});

export type Config = {
  port: number;
  host: string;
  databaseUrl?: string;
  dataDir: string;
  publicUrl: string;
  sessionSecret: string;
  smtpUrl?: string;
  mailFrom: string;
  /** Seconds between two passes of the mail worker (default 30). */
  mailWorkerInterval?: number;
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
  /** Believe X-Forwarded-* headers (only behind a reverse proxy). */
  trustProxy?: boolean;
  /** Event registrations per IP per 10 minutes (default 20); 0 = no limit. */
  registrationRateLimit?: number;
};

export class ConfigError extends Error {}

/** Parses the environment once at start; throws a readable ConfigError naming each bad setting. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid settings:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const dataDir = resolve(e.MAILLAGE_DATA_DIR);
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    dataDir,
    publicUrl: (e.PUBLIC_URL ?? `http://${e.HOST === '0.0.0.0' ? 'localhost' : e.HOST}:${e.PORT}`).replace(
      /\/$/,
      '',
    ),
    sessionSecret: e.SESSION_SECRET ?? readOrCreateSecret(dataDir),
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    mailWorkerInterval: e.MAIL_WORKER_INTERVAL,
    logLevel: e.LOG_LEVEL,
    trustProxy: e.TRUST_PROXY,
    registrationRateLimit: e.REGISTRATION_RATE_LIMIT,
  };
}

/** The session secret is generated once and kept in the data folder so that sessions survive restarts. */
function readOrCreateSecret(dataDir: string): string {
  const file = join(dataDir, 'session-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString('base64url');
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}
