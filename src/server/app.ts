import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import fastifyCookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance } from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Actor, Deps } from './context.ts';
import { installErrorHandling } from './lib/http.ts';
import { renderShell, webDistDir } from './lib/web-shell.ts';
import { resolveSession, SESSION_COOKIE } from './modules/accounts/sessions.ts';
import { modules } from './modules/index.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in account, or null for an anonymous visitor (resolved from the session cookie). */
    actor: Actor | null;
  }
}

export type App = FastifyInstance;
export const APP_VERSION = '0.1.0';

/** Assembles the modules into one Fastify instance. */
export async function buildApp(deps: Deps, opts: { logger?: boolean } = {}): Promise<App> {
  const app = Fastify({
    logger: opts.logger ? { level: deps.config.logLevel } : false,
    bodyLimit: 1024 * 1024,
    genReqId: () => randomUUID(),
    trustProxy: deps.config.trustProxy ?? false,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandling(app);

  await app.register(fastifyCookie, { secret: deps.config.sessionSecret });
  await app.register(fastifySwagger, {
    openapi: {
      info: {
        title: 'Maillage API',
        description: "API publique et d'administration de Maillage (réseaux territoriaux de l'ESS).",
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

  app.get(
    '/healthz',
    {
      schema: {
        tags: ['system'],
        response: {
          200: z.object({
            status: z.literal('ok'),
            database: z.enum(['embedded', 'postgres']),
            version: z.string(),
          }),
        },
      },
    },
    async () => {
      await deps.db.execute('select 1');
      return { status: 'ok' as const, database: deps.dbKind, version: APP_VERSION };
    },
  );
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  for (const register of modules) await app.register(async (scope) => register(scope, deps));

  if (existsSync(webDistDir)) {
    await app.register(fastifyStatic, { root: webDistDir, wildcard: false, index: false });
  }
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
    return reply.type('text/html; charset=utf-8').send(renderShell({ title: 'Maillage' }));
  });
  return app;
}
