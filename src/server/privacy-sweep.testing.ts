import { randomBytes } from 'node:crypto';
import type { TestContext } from './testing.ts';

// The cross-network sweep: network A's private data (drafts, registrants, members, audit entries…) must never
// reach network B's coordinator nor an anonymous visitor, through any route. Routes are read from the OpenAPI
// document, so a new route is swept without anyone listing it; each module describes its private data once with a
// `PrivateFixture` (listed in privacy-fixtures.testing.ts). See docs/ARCHITECTURE.md.

/** A network of the sweep: its id and slug, and its coordinator's session cookie. */
export type SweepNetwork = { id: string; slug: string; coordinator: string; label: string };

/** What a module seeded for one network: ids (and slugs) to try in every route, text that must not leak. */
export type PrivateData = { ids: string[]; secrets: string[] };

export type PrivateFixture = {
  module: string;
  /** Seeds the module's private data for `network`, through its services where it can (so that audit follows). */
  seed(ctx: TestContext, network: SweepNetwork, secret: (what: string) => string): Promise<PrivateData>;
};

export type SweptRoute = { method: string; path: string; pathParams: string[]; queryParams: string[] };

/** Routes of the OpenAPI document, with their path and query parameters. */
export async function documentedRoutes(ctx: TestContext): Promise<SweptRoute[]> {
  const doc = (await ctx.app.inject({ url: '/api/openapi.json' })).json() as {
    paths: Record<string, Record<string, { parameters?: { in: string; name: string }[] }>>;
  };
  const routes: SweptRoute[] = [];
  for (const [path, ops] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(ops)) {
      const params = op.parameters ?? [];
      routes.push({
        method: method.toUpperCase(),
        path,
        pathParams: params.filter((p) => p.in === 'path').map((p) => p.name),
        queryParams: params.filter((p) => p.in === 'query').map((p) => p.name),
      });
    }
  }
  return routes;
}

/** Query parameters that name an entity or a network: the sweep fills them with the other network's ids. */
export const isIdFilter = (name: string) =>
  /Id$/.test(name) || ['campaign', 'organizer', 'network', 'event', 'snapshot'].includes(name);

/** Every URL to try for a route with `ids` (each path parameter, then each id filter, given each id in turn). */
export function urlsFor(route: SweptRoute, ids: string[]): string[] {
  const filters = route.queryParams.filter(isIdFilter);
  if (route.pathParams.length === 0 && filters.length === 0) return [];
  const urls: string[] = [];
  for (const id of ids) {
    const path = route.path.replace(/\{[^}]+\}/g, encodeURIComponent(id));
    if (route.pathParams.length) urls.push(path);
    for (const f of filters) urls.push(`${path}?${f}=${encodeURIComponent(id)}`);
  }
  return urls;
}

export const secretMaker = (label: string) => {
  const tag = randomBytes(4).toString('hex');
  return (what: string) => `PRIVE-${label}-${what}-${tag}`;
};

export type Finding = { who: string; method: string; url: string; status: number; leaked: string[] };

/**
 * Calls every documented route that takes an id or a network filter, with A's ids, as each of `askers`; reads
 * must not show any of A's secrets, writes must be refused (4xx) and show none either. Returns what went wrong.
 */
export async function sweepRoutes(
  ctx: TestContext,
  opts: { ids: string[]; secrets: string[]; askers: { who: string; cookie?: string }[]; readsOnly?: boolean },
): Promise<{ findings: Finding[]; requests: number }> {
  const findings: Finding[] = [];
  let requests = 0;
  const routes = (await documentedRoutes(ctx)).filter((r) => !r.path.startsWith('/api/docs'));
  for (const route of routes) {
    const write = route.method !== 'GET' && route.method !== 'HEAD';
    if (write && opts.readsOnly) continue;
    for (const url of urlsFor(route, opts.ids)) {
      for (const asker of opts.askers) {
        const res = await ctx.app.inject({
          method: route.method as 'GET',
          url,
          headers: asker.cookie ? { cookie: asker.cookie } : {},
          ...(write ? { payload: {} } : {}),
        });
        requests++;
        const leaked = opts.secrets.filter((s) => res.body.includes(s));
        const accepted = write && res.statusCode < 400;
        if (leaked.length || accepted || res.statusCode >= 500) {
          findings.push({ who: asker.who, method: route.method, url, status: res.statusCode, leaked });
        }
      }
    }
  }
  return { findings, requests };
}
