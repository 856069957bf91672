/** Error thrown by `api()` for any non-2xx answer, carrying the server's `{ error: { code, message, fields } }`. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: Record<string, string> = {},
    /** The whole error body, for codes that carry more (e.g. a CONFLICT naming the existing organisation). */
    readonly body: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export type Query = Record<string, string | number | boolean | undefined | null | Array<string | number>>;

export interface ApiOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  /** Sent as JSON unless it is a string (sent as-is, e.g. CSV) or FormData/Blob. */
  body?: unknown;
  query?: Query;
  /** Content type for a string body (default text/plain). */
  contentType?: string;
  signal?: AbortSignal;
}

/** `/api/x` + `?a=1&b=2`, leaving out empty values; arrays repeat the key. */
export function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    if (Array.isArray(value)) for (const v of value) params.append(key, String(v));
    else params.set(key, String(value));
  }
  const qs = params.toString();
  return qs ? `${path}${path.includes('?') ? '&' : '?'}${qs}` : path;
}

/** JSON fetch against our own server: same-origin cookies, errors turned into `ApiError`. */
export async function api<T = unknown>(path: string, options: ApiOptions = {}): Promise<T> {
  const { method = options.body === undefined ? 'GET' : 'POST', body, query, signal } = options;
  // The interface language (set on <html lang> by the i18n provider): the server's messages follow it.
  const lang = typeof document === 'undefined' ? 'fr' : document.documentElement.lang === 'en' ? 'en' : 'fr';
  const headers: Record<string, string> = { accept: 'application/json', 'accept-language': lang };
  let payload: BodyInit | undefined;
  if (typeof body === 'string') {
    payload = body;
    headers['content-type'] = options.contentType ?? 'text/plain; charset=utf-8';
  } else if (body instanceof FormData || body instanceof Blob) {
    payload = body;
    if (body instanceof Blob && options.contentType) headers['content-type'] = options.contentType;
  } else if (body !== undefined) {
    payload = JSON.stringify(body);
    headers['content-type'] = 'application/json';
  }
  let res: Response;
  try {
    res = await fetch(withQuery(path, query), {
      method,
      headers,
      body: payload,
      credentials: 'same-origin',
      signal,
    });
  } catch (err) {
    if ((err as Error).name === 'AbortError') throw err;
    throw new ApiError(0, 'NETWORK', 'network');
  }
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  let data: unknown;
  try {
    data = text ? JSON.parse(text) : undefined;
  } catch {
    data = text;
  }
  if (!res.ok) {
    const e = (data as { error?: { code?: string; message?: string; fields?: Record<string, string> } })
      ?.error;
    throw new ApiError(
      res.status,
      e?.code ?? `HTTP_${res.status}`,
      e?.message ?? res.statusText,
      e?.fields ?? {},
      (e ?? {}) as Record<string, unknown>,
    );
  }
  return data as T;
}
