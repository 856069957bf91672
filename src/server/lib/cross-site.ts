import type { FastifyInstance, FastifyRequest } from 'fastify';

// Cross-site request forgery: the session cookie is SameSite=Lax, which still lets a plain HTML form on another
// site post (text/plain, urlencoded) with it in some browsers and setups. Every state-changing request is also
// checked here, server-side, the way Go's net/http CrossOriginProtection does it: browsers say where a request
// comes from (Sec-Fetch-Site, else Origin); a request that says nothing is not from a browser page and passes.

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * `'allow'` lets cross-site requests reach this route (webhooks called by other services, which
     * authenticate otherwise, e.g. by a signature). Leave unset everywhere else.
     */
    crossSite?: 'allow';
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Why a request is refused as cross-site, or null when it may go on. */
export function crossSiteProblem(
  request: Pick<FastifyRequest, 'method' | 'headers' | 'host'>,
  trustedOrigins: ReadonlySet<string>,
): string | null {
  if (SAFE_METHODS.has(request.method)) return null;
  const origin = typeof request.headers.origin === 'string' ? request.headers.origin : undefined;
  if (origin && trustedOrigins.has(origin)) return null;
  const fetchSite = request.headers['sec-fetch-site'];
  if (typeof fetchSite === 'string') {
    if (fetchSite === 'same-origin' || fetchSite === 'none') return null;
    return `Sec-Fetch-Site: ${fetchSite}`;
  }
  if (!origin) return null; // not a browser page: API clients, the command line, curl
  let host: string | undefined;
  try {
    host = new URL(origin).host;
  } catch {
    return `Origin: ${origin}`;
  }
  return host === request.host ? null : `Origin: ${origin}`;
}

/**
 * Refuses cross-site POST, PUT, PATCH and DELETE with a 403 saying so. Same-origin requests, the public URL's
 * origin (`publicUrl`) and clients that send neither Origin nor Sec-Fetch-Site go through; a route opts out with
 * `config: { crossSite: 'allow' }`.
 */
export function installCrossSiteCheck(app: FastifyInstance, publicUrl: string) {
  const trusted = new Set([new URL(publicUrl).origin]);
  app.addHook('onRequest', async (request, reply) => {
    if (request.routeOptions.config?.crossSite === 'allow') return;
    const problem = crossSiteProblem(request, trusted);
    if (!problem) return;
    return reply
      .status(403)
      .type('application/json; charset=utf-8')
      .send({
        error: {
          code: 'FORBIDDEN',
          message: `Requête refusée : elle vient d’un autre site (${problem}). Ouvrez Maillage à son adresse et recommencez.`,
        },
        requestId: request.id,
      });
  });
}
