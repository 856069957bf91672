import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { join, resolve } from 'node:path';
import { z } from 'zod';

export const DEFAULT_MAP_TILES_URL = 'https://tile.openstreetmap.org/{z}/{x}/{y}.png';
export const DEFAULT_MAP_TILES_ATTRIBUTION = '© contributeurs OpenStreetMap';
export const DEFAULT_GEOCODER_URL = 'https://api-adresse.data.gouv.fr';

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
  /** Minutes between two scheduled renewal runs (calls for dues, reminders, lapses); 0 turns the schedule off. */
  RENEWAL_RUN_INTERVAL: z.coerce.number().int().min(0).max(1440).default(60),
  /**
   * Which peers are reverse proxies whose X-Forwarded-For/Proto are believed: `false` (none), `true` or a number
   * (that many hops in front of the server: `true` is 1), or proxy addresses and CIDRs separated by commas.
   */
  TRUST_PROXY: z.string().default('false').transform(parseTrustProxy),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Event registrations accepted per IP address per 10 minutes; 0 turns the limit off (benchmarks). */
  REGISTRATION_RATE_LIMIT: z.coerce.number().int().min(0).default(20),
  /** Schools' answers to offers to young people (through their link) per IP address per 10 minutes; 0 = no limit. */
  YOUTH_ANSWER_RATE_LIMIT: z.coerce.number().int().min(0).default(10),
  /** Bearer token for GET /metrics; without it, /metrics answers only on the machine itself. */
  METRICS_TOKEN: z
    .string()
    .min(16, 'must be at least 16 characters')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  /** Map tiles (Leaflet URL template); OpenStreetMap's own servers by default, which ask heavy users to run their own. */
  MAP_TILES_URL: z
    .string()
    .regex(/^https?:\/\/.*\{z\}.*\{x\}.*\{y\}/, 'must be an http(s) URL template with {z}, {x} and {y}')
    .default(DEFAULT_MAP_TILES_URL),
  MAP_TILES_ATTRIBUTION: z.string().min(1).default(DEFAULT_MAP_TILES_ATTRIBUTION),
  /** HelloAsso's API (memberships paid there) and its token endpoint's base, when not the API's host. */
  HELLOASSO_API_URL: z.string().url().default('https://api.helloasso.com/v5'),
  HELLOASSO_AUTH_URL: z
    .string()
    .url()
    .optional()
    .or(z.literal('').transform(() => undefined)),
  /** The national address base's geocoder (its /search/ endpoint), asked by the server for the event form. */
  GEOCODER_URL: z
    .string()
    .regex(/^https?:\/\/[^/]/, 'must be an http(s) URL')
    .default(DEFAULT_GEOCODER_URL)
    .transform((u) => u.replace(/\/+$/, '')),
  /** Newsletters: mails per second per issue unless the network or the issue says otherwise. */
  NEWSLETTER_RATE: z.coerce.number().int().min(1).max(5000).default(50),
  /** Envelope sender of newsletters, VERP-tagged per recipient (bounces+<id>@domain); else the From address. */
  NEWSLETTER_BOUNCE_ADDRESS: z
    .string()
    .email()
    .optional()
    .or(z.literal('').transform(() => undefined)),
  /** Bearer token of POST /api/newsletter-bounces; without it the webhook refuses every call. */
  NEWSLETTER_BOUNCE_TOKEN: z
    .string()
    .min(16, 'must be at least 16 characters')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  /** Soft bounces of one address after which it is suppressed. */
  NEWSLETTER_SOFT_BOUNCE_LIMIT: z.coerce.number().int().min(1).max(100).default(3),
});

/** What Fastify's `trustProxy` takes: false, a number of hops, or the proxies' addresses and CIDRs. */
export type TrustProxy = false | number | string[];

const proxyKeywords = new Set(['loopback', 'linklocal', 'uniquelocal']);
const isAddressOrCidr = (s: string) => {
  if (proxyKeywords.has(s)) return true;
  const [address, bits, extra] = s.split('/');
  const version = isIP(address);
  if (!version || extra !== undefined) return false;
  if (bits === undefined) return true;
  return /^\d{1,3}$/.test(bits) && Number(bits) <= (version === 4 ? 32 : 128);
};

/** TRUST_PROXY: `false`/`0`/empty, `true` (= 1 hop), a hop count, or a comma-separated list of addresses or CIDRs. */
export function parseTrustProxy(raw: string, ctx?: z.RefinementCtx): TrustProxy {
  const value = raw.trim().toLowerCase();
  if (value === '' || value === 'false' || value === '0') return false;
  if (value === 'true') return 1;
  if (/^\d+$/.test(value)) return Math.min(Number(value), 100);
  const list = value
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean);
  const bad = list.filter((p) => !isAddressOrCidr(p));
  if (bad.length === 0 && list.length > 0) return list;
  ctx?.addIssue({
    code: 'custom',
    message: `false, true, a number of hops, or proxy addresses/CIDRs separated by commas (not: ${bad.join(', ') || raw})`,
  });
  return false;
}

/**
 * The setting as Fastify takes it. A hop count becomes a function trusting that many hops from the server: this
 * Fastify reads a bare number as "trust nobody", and `true` as "trust everybody", which believes any header.
 */
export function fastifyTrustProxy(
  trust: TrustProxy | undefined,
): false | string[] | ((address: string, hop: number) => boolean) {
  if (!trust) return false;
  if (typeof trust === 'number') return (_address, hop) => hop < trust;
  return trust;
}

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
  /** Minutes between two scheduled renewal runs (default 60); 0 = no schedule. */
  renewalRunInterval?: number;
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
  /** Which peers are proxies whose X-Forwarded-* headers are believed (see TRUST_PROXY). */
  trustProxy?: TrustProxy;
  /** Event registrations per IP per 10 minutes (default 20); 0 = no limit. */
  registrationRateLimit?: number;
  /** Schools' answers through their link per IP per 10 minutes (default 10); 0 = no limit. */
  youthAnswerRateLimit?: number;
  /** Bearer token for GET /metrics (else loopback only). */
  metricsToken?: string;
  /** Map tile URL template and its credit line (defaults: OpenStreetMap). */
  mapTiles?: { url: string; attribution: string };
  /** HelloAsso's API v5 and the base of its token endpoint (default: the API's host). */
  helloAsso?: { apiUrl: string; authUrl?: string };
  /** Address geocoder base URL (default: the national address base, api-adresse.data.gouv.fr). */
  geocoderUrl?: string;
  /** Newsletters' sending: default rate, bounce address and webhook token, soft bounces before suppression. */
  newsletters?: NewsletterConfig;
};

export type NewsletterConfig = {
  ratePerSecond: number;
  bounceAddress?: string;
  bounceToken?: string;
  softBounceLimit: number;
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
    renewalRunInterval: e.RENEWAL_RUN_INTERVAL,
    logLevel: e.LOG_LEVEL,
    trustProxy: e.TRUST_PROXY,
    registrationRateLimit: e.REGISTRATION_RATE_LIMIT,
    youthAnswerRateLimit: e.YOUTH_ANSWER_RATE_LIMIT,
    metricsToken: e.METRICS_TOKEN,
    mapTiles: { url: e.MAP_TILES_URL, attribution: e.MAP_TILES_ATTRIBUTION },
    helloAsso: { apiUrl: e.HELLOASSO_API_URL, authUrl: e.HELLOASSO_AUTH_URL },
    geocoderUrl: e.GEOCODER_URL,
    newsletters: {
      ratePerSecond: e.NEWSLETTER_RATE,
      bounceAddress: e.NEWSLETTER_BOUNCE_ADDRESS,
      bounceToken: e.NEWSLETTER_BOUNCE_TOKEN,
      softBounceLimit: e.NEWSLETTER_SOFT_BOUNCE_LIMIT,
    },
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
