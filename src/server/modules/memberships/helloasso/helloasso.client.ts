import { createHash } from 'node:crypto';
import createClient from 'openapi-fetch';
import { AppError, invalidInput } from '../../../lib/errors.ts';
import type { components, paths } from './helloasso.api.d.ts';

// HelloAsso's API v5, typed from its published OpenAPI document (vendor/helloasso, `npm run generate:helloasso`):
// an OAuth2 client-credentials token, cached until shortly before it expires and asked again once on a 401; short
// timeouts; every failure becomes a French sentence for the coordinator (never a 500).

export type HelloAssoOrder = components['schemas']['HelloAsso.Api.V5.Models.Statistics.Order'];
export type HelloAssoCredentials = { clientId: string; clientSecret: string };
export type HelloAssoEndpoints = { apiUrl: string; authUrl?: string };

export const DEFAULT_HELLOASSO_API_URL = 'https://api.helloasso.com/v5';
const TIMEOUT_MS = 10_000;
const PAGE_SIZE = 100;
const MAX_PAGES = 500;
/** A token is asked again this long before HelloAsso says it expires. */
const EXPIRY_MARGIN_MS = 60_000;

const tokens = new Map<string, { token: string; expiresAt: number }>();
const tokenKey = (authUrl: string, c: HelloAssoCredentials) =>
  createHash('sha256').update(`${authUrl}\n${c.clientId}\n${c.clientSecret}`).digest('hex');

/** The token endpoint: `HELLOASSO_AUTH_URL`, else the API's host (`https://api.helloasso.com/oauth2/token`). */
export function tokenUrl(endpoints: HelloAssoEndpoints): string {
  if (endpoints.authUrl) return `${endpoints.authUrl.replace(/\/$/, '')}/oauth2/token`;
  const api = new URL(endpoints.apiUrl);
  const base = api.pathname.replace(/\/v5\/?$/, '').replace(/\/$/, '');
  return `${api.origin}${base}/oauth2/token`;
}

const unreachable = (cause: unknown) =>
  new AppError(
    'CONFLICT',
    'HelloAsso ne répond pas pour le moment : réessayez dans quelques minutes.',
    undefined,
    { cause: cause instanceof Error ? cause.name : 'unknown' },
  );

const timed = (): typeof fetch => (input, init) =>
  fetch(input, { ...init, signal: AbortSignal.timeout(TIMEOUT_MS), redirect: 'error' });

async function fetchToken(endpoints: HelloAssoEndpoints, c: HelloAssoCredentials, now: number) {
  let res: Response;
  try {
    res = await timed()(tokenUrl(endpoints), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: c.clientId,
        client_secret: c.clientSecret,
      }).toString(),
    });
  } catch (err) {
    throw unreachable(err);
  }
  if (res.status === 400 || res.status === 401) {
    throw invalidInput(
      'HelloAsso refuse cet identifiant client ou ce secret : vérifiez-les dans les réglages.',
      {
        clientId: 'identifiant ou secret refusé par HelloAsso',
      },
    );
  }
  if (!res.ok) throw unreachable(new Error(`token ${res.status}`));
  const body = (await res.json().catch(() => null)) as {
    access_token?: unknown;
    expires_in?: unknown;
  } | null;
  if (!body || typeof body.access_token !== 'string') throw unreachable(new Error('token body'));
  const seconds = typeof body.expires_in === 'number' ? body.expires_in : 1800;
  const entry = { token: body.access_token, expiresAt: now + seconds * 1000 - EXPIRY_MARGIN_MS };
  tokens.set(tokenKey(tokenUrl(endpoints), c), entry);
  return entry.token;
}

/** A typed client of one network's HelloAsso organisation. */
export function helloAssoClient(
  endpoints: HelloAssoEndpoints,
  credentials: HelloAssoCredentials,
  clock: () => Date = () => new Date(),
) {
  const api = createClient<paths>({ baseUrl: endpoints.apiUrl.replace(/\/$/, ''), fetch: timed() });
  const key = tokenKey(tokenUrl(endpoints), credentials);

  async function token(fresh: boolean) {
    const now = clock().getTime();
    const cached = tokens.get(key);
    if (!fresh && cached && cached.expiresAt > now) return cached.token;
    return fetchToken(endpoints, credentials, now);
  }

  /** Runs one call with the token, and once more with a new token if HelloAsso answers 401. */
  async function authorized<T extends { response: Response }>(
    call: (headers: HeadersInit) => Promise<T>,
    opts: { missingIsNull?: boolean } = {},
  ) {
    let result: T;
    try {
      result = await call({ authorization: `Bearer ${await token(false)}` });
      if (result.response.status === 401) {
        tokens.delete(key);
        result = await call({ authorization: `Bearer ${await token(true)}` });
      }
    } catch (err) {
      if (err instanceof AppError) throw err;
      throw unreachable(err);
    }
    const status = result.response.status;
    if (status === 401 || status === 403)
      throw invalidInput('HelloAsso refuse l’accès à ces commandes : vérifiez les droits du client API.', {
        clientId: 'accès refusé par HelloAsso',
      });
    if (status === 404 && opts.missingIsNull) return result;
    if (status === 404)
      throw invalidInput('HelloAsso ne connaît pas cette organisation ou ce formulaire d’adhésion.', {
        formSlug: 'formulaire introuvable sur HelloAsso',
      });
    if (status >= 300) throw unreachable(new Error(`status ${status}`));
    return result;
  }

  return {
    /** Every order of a membership form, page after page (`pageIndex`, as the document describes). */
    async membershipOrders(organizationSlug: string, formSlug: string): Promise<HelloAssoOrder[]> {
      const orders: HelloAssoOrder[] = [];
      for (let pageIndex = 1; pageIndex <= MAX_PAGES; pageIndex++) {
        const { data } = await authorized((headers) =>
          api.GET('/organizations/{organizationSlug}/forms/{formType}/{formSlug}/orders', {
            params: {
              path: { organizationSlug, formType: 'Membership', formSlug },
              query: { pageIndex, pageSize: PAGE_SIZE, withDetails: true, withCount: true },
            },
            headers,
          }),
        );
        const page = data?.data ?? [];
        orders.push(...page);
        const totalPages = data?.pagination?.totalPages;
        if (
          page.length === 0 ||
          (totalPages !== undefined ? pageIndex >= totalPages : page.length < PAGE_SIZE)
        )
          break;
      }
      return orders;
    },
    /** One order, as HelloAsso has it now. */
    async order(orderId: number): Promise<HelloAssoOrder | null> {
      const { data, response } = await authorized(
        (headers) => api.GET('/orders/{orderId}', { params: { path: { orderId } }, headers }),
        { missingIsNull: true },
      );
      return response.status === 404 ? null : (data ?? null);
    },
  };
}

/** Forgets every cached token (tests). */
export const forgetHelloAssoTokens = () => tokens.clear();
