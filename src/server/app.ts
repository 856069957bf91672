import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join, sep } from 'node:path';
import { constants as zlibConstants } from 'node:zlib';
import fastifyCompress from '@fastify/compress';
import fastifyCookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import { sql } from 'drizzle-orm';
import Fastify, { type FastifyInstance } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { fastifyTrustProxy } from './config.ts';
import type { Actor, Deps } from './context.ts';
import { openChangeFeed } from './db/changes.ts';
import { installCrossSiteCheck } from './lib/cross-site.ts';
import { installErrorHandling } from './lib/http.ts';
import { installMetrics, installRequestLogContext, logRequest } from './lib/observability.ts';
import { refuseUnsafeText, validatorCompiler } from './lib/validation.ts';
import { renderShell, webDistDir } from './lib/web-shell.ts';
import { resolveSession, SESSION_COOKIE } from './modules/accounts/sessions.ts';
import { sharePublicCache } from './modules/events/events.cache.ts';
import { modules } from './modules/index.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in account, or null for an anonymous visitor (resolved from the session cookie). */
    actor: Actor | null;
  }
}

export type App = FastifyInstance;
const HEALTH_TIMEOUT_MS = 2000;

/** True when the database answers a trivial query within HEALTH_TIMEOUT_MS, else the error. */
async function databaseAnswers(db: Deps['db']): Promise<true | Error> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<Error>((resolve) => {
    timer = setTimeout(() => resolve(new Error('no answer in time')), HEALTH_TIMEOUT_MS);
  });
  try {
    return await Promise.race([db.execute(sql`select 1`).then(() => true as const), timeout]);
  } catch (err) {
    return err as Error;
  } finally {
    clearTimeout(timer);
  }
}
export const APP_VERSION = '0.1.0';

/** Assembles the modules into one Fastify instance. */
export async function buildApp(deps: Deps, opts: { logger?: boolean } = {}): Promise<App> {
  const app = Fastify({
    logger: opts.logger ? { level: deps.config.logLevel, serializers: { req: logRequest } } : false,
    bodyLimit: 1024 * 1024,
    genReqId: () => randomUUID(),
    trustProxy: fastifyTrustProxy(deps.config.trustProxy),
    // Signed tokens travel in paths (unsubscribe, preferences, personal links): an unsubscribe token for a long
    // address is ~150 characters, past find-my-way's default of 100 (which answers 414).
    routerOptions: { maxParamLength: 1000 },
  }).withTypeProvider<ZodTypeProvider>();
  installRequestLogContext(app);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandling(app);
  installCrossSiteCheck(app, deps.config.publicUrl);
  refuseUnsafeText(app);

  // Responses built per request (API, page shell) are compressed on the fly, at a quick brotli level; the web app's
  // files are compressed once at build (vite.config.ts) and sent as they are (see serveWebApp).
  await app.register(fastifyCompress, {
    threshold: 1024,
    globalDecompression: false,
    brotliOptions: { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 4 } },
  });
  await app.register(fastifyCookie, { secret: deps.config.sessionSecret });
  await app.register(fastifySwagger, {
    openapi: {
      info: {
        title: 'Maillage API',
        description: 'API publique et d’administration de Maillage (réseaux territoriaux de l’ESS).',
        version: APP_VERSION,
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs' });

  app.decorateRequest('actor', null);
  app.addHook('onRequest', async (request) => {
    const token = request.cookies[SESSION_COOKIE];
    request.actor = token ? await resolveSession(deps, token) : null;
  });

  const health = z.object({
    status: z.enum(['ok', 'unavailable']),
    database: z.enum(['embedded', 'postgres']),
    version: z.string(),
    message: z.string().optional(),
  });
  app.get(
    '/healthz',
    {
      schema: {
        tags: ['system'],
        summary:
          'Whether the server and its database answer: 200, or 503 when the database does not answer within ' +
          `${HEALTH_TIMEOUT_MS / 1000} s (a load balancer then sends the traffic elsewhere).`,
        response: { 200: health, 503: health },
      },
    },
    async (request, reply) => {
      const answers = await databaseAnswers(deps.db);
      if (answers === true) return { status: 'ok' as const, database: deps.dbKind, version: APP_VERSION };
      request.log.warn({ err: answers }, 'health check: the database does not answer');
      return reply.status(503).send({
        status: 'unavailable' as const,
        database: deps.dbKind,
        version: APP_VERSION,
        message: 'La base de données ne répond pas.',
      });
    },
  );
  installMetrics(app, deps);
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  for (const register of modules) await app.register(async (scope) => register(scope, deps));
  // Other server processes may share this PostgreSQL database: their writes clear our cached public answers.
  if (deps.dbKind === 'postgres' && deps.config.databaseUrl) {
    const feed = await openChangeFeed({ databaseUrl: deps.config.databaseUrl, db: deps.db, log: app.log });
    sharePublicCache(deps.db, feed);
    app.addHook('onClose', () => feed.close());
  }

  if (existsSync(webDistDir)) await serveWebApp(app);
  app.setNotFoundHandler((request, reply) => {
    if (request.url.startsWith('/api/') || request.method !== 'GET') {
      return reply.status(404).send({
        error: {
          code: 'NOT_FOUND',
          message: `Route inconnue : ${request.method} ${request.url.split('?')[0]}`,
        },
        requestId: request.id,
      });
    }
    // Any other GET is a page of the web app, routed in the browser.
    return reply
      .header('cache-control', SHELL_CACHE_CONTROL)
      .type('text/html; charset=utf-8')
      .send(renderShell({ title: 'Maillage' }));
  });
  return app;
}

/** The page shell names the current build's files: a browser asks again each time (it is small and compressed). */
export const SHELL_CACHE_CONTROL = 'no-cache';
const HASHED_ASSET_CACHE_CONTROL = 'public, max-age=31536000, immutable';

/**
 * The built web app: files under /assets/ carry a hash of their content in their name (vite), so a browser keeps
 * them for a year without asking (vite writes nothing else there); anything else (icons, the shell) is checked each time. The .br/.gz written at
 * build are sent to browsers that accept them.
 */
async function serveWebApp(app: App) {
  const assetsDir = join(webDistDir, 'assets', sep);
  await app.register(fastifyStatic, {
    root: webDistDir,
    wildcard: false,
    index: false,
    preCompressed: true,
    cacheControl: false,
    setHeaders: (reply, path) => {
      const hashed = path.startsWith(assetsDir);
      reply.header('cache-control', hashed ? HASHED_ASSET_CACHE_CONTROL : SHELL_CACHE_CONTROL);
    },
  });
}
