import { performance } from 'node:perf_hooks';
import type { FastifyInstance, InjectOptions } from 'fastify';

// A generic fuzz run over every route of the OpenAPI document: each route gets malformed path parameters, queries
// and bodies (bad ids, NUL bytes, lone surrogates, out-of-range dates, wrong types and content types, large
// bodies), for each given caller. No answer may be a 5xx, and /healthz must answer fast between routes. A new
// route is covered as soon as it is in the document (that is, registered with a zod schema): see
// docs/ARCHITECTURE.md, "Input boundary".

type JsonSchema = {
  type?: string | string[];
  format?: string;
  enum?: unknown[];
  const?: unknown;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  minimum?: number;
  minLength?: number;
  default?: unknown;
};
type Parameter = { in: 'path' | 'query' | 'header'; name: string; schema?: JsonSchema };
type Operation = {
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { schema?: JsonSchema }> };
};

export type FuzzFailure = { request: string; status: number; body: string };
export type FuzzReport = {
  requests: number;
  routes: number;
  durationMs: number;
  slowestHealthMs: number;
  failures: FuzzFailure[];
  /** Field errors seen in 4xx answers, and those still in zod's English defaults ("Invalid input: …"). */
  fieldErrors: number;
  zodDefaults: string[];
};

const ZOD_DEFAULT = /^(Invalid|Too (big|small)|Unrecognized|Expected)\b|expected \w+, received/;

export type FuzzOptions = {
  /**
   * Callers: a name, the cookie header to send (none for anonymous), and whether each field of each body is broken
   * in turn (`fields`, for a signed-in caller whose requests get into the services) or only the whole body.
   */
  callers: { name: string; cookie?: string; fields?: boolean }[];
  /** A real value for a path parameter (e.g. an existing event's id), so that requests get past the lookup. */
  sample?: (path: string, param: string) => string | undefined;
  /** Routes left out for a caller (e.g. sign-out, which would end the session the rest of the run uses). */
  skip?: (method: string, path: string, caller: string) => boolean;
  /** Routes that also get 2 MB and 9 MB bodies (text/plain, JSON, octet-stream). */
  largeBodies?: (method: string, path: string) => boolean;
  /** /healthz must answer within this many milliseconds between routes (default 100). */
  healthBudgetMs?: number;
  /** Told of each route once done (to follow a long run). */
  onRoute?: (route: string, requestsSoFar: number, failuresSoFar: number) => void;
};

const NUL = 'a\u0000b';
const SURROGATE = 'a\ud800b';
const BAD_DATES = ['-271821-04-20T00:00:00Z', '+275760-09-13', '0000-01-01'];
const BAD_IDS = [
  '-'.repeat(36),
  '00000000-0000-0000-0000-00000000000-0',
  'not-an-id',
  'x'.repeat(300),
  'a%00b',
  '%ED%A0%80',
  '%FF',
];
/** Bad values for a query parameter: more of them for dates and numbers. */
const badQueryValues = (name: string, schema: JsonSchema = {}) => [
  'a%00b',
  '%ED%A0%80',
  '-'.repeat(36),
  ...(looksLikeDate(name, schema) ? BAD_DATES : BAD_DATES.slice(0, 1)).map(encodeURIComponent),
  ...(schema.type === 'integer' || schema.type === 'number' ? ['1e308', '-1', 'NaN'] : []),
];
const looksLikeDate = (name: string, schema: JsonSchema) =>
  schema.format === 'date' ||
  schema.format === 'date-time' ||
  /date|At$|On$|^(start|end|from|to|until)$/i.test(name);
const RANDOM_UUID = '6f1c2a7e-3b4d-4c5e-8f90-a1b2c3d4e5f6';

/** A plausible value for a JSON schema: what a well-behaved client would send. */
export function sampleValue(schema: JsonSchema | undefined, depth = 0): unknown {
  if (!schema || depth > 4) return 'x';
  if (schema.const !== undefined) return schema.const;
  if (schema.enum?.length) return schema.enum[0];
  if (schema.default !== undefined) return schema.default;
  const alt = schema.anyOf ?? schema.oneOf ?? schema.allOf;
  if (alt?.length) return sampleValue(alt.find((s) => s.type !== 'null') ?? alt[0], depth + 1);
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
  switch (type) {
    case 'string':
      if (schema.format === 'uuid') return RANDOM_UUID;
      if (schema.format === 'date-time') return '2026-12-10T10:00:00.000Z';
      if (schema.format === 'date') return '2026-12-10';
      if (schema.format === 'email') return 'fuzz@example.org';
      if (schema.format === 'uri') return 'https://example.org/';
      return 'x'.repeat(Math.max(1, schema.minLength ?? 1));
    case 'integer':
    case 'number':
      return schema.minimum ?? 1;
    case 'boolean':
      return true;
    case 'array':
      return [];
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const key of schema.required ?? []) out[key] = sampleValue(schema.properties?.[key], depth + 1);
      return out;
    }
    default:
      return 'x';
  }
}

/** Malformed variants of a JSON body: every string field (one level down too) broken in turn, plus whole-body ones. */
function bodyVariants(schema: JsonSchema | undefined, fields: boolean): { label: string; payload: string }[] {
  const base = sampleValue(schema);
  const out: { label: string; payload: string }[] = [];
  const json = (v: unknown) => JSON.stringify(v);
  const props = fields ? Object.entries(schema?.properties ?? {}) : [];
  const breakers = (key: string, propSchema: JsonSchema): [string, unknown][] => [
    ['nul', NUL],
    ['surrogate', SURROGATE],
    ['number', 123],
    ['line-break', 'a\r\nBEGIN:VEVENT\nb'],
    ...(looksLikeDate(key, propSchema) ? BAD_DATES : BAD_DATES.slice(0, 1)).map((d): [string, unknown] => [
      `date ${d}`,
      d,
    ]),
  ];
  for (const [key, propSchema] of props) {
    for (const [label, value] of breakers(key, propSchema)) {
      out.push({ label: `${key}=${label}`, payload: json({ ...(base as object), [key]: value }) });
    }
    const nested = sampleValue(propSchema);
    if (nested && typeof nested === 'object' && !Array.isArray(nested)) {
      for (const sub of Object.keys((propSchema as JsonSchema).properties ?? {}))
        out.push({
          label: `${key}.${sub}=nul`,
          payload: json({ ...(base as object), [key]: { [sub]: NUL } }),
        });
    }
    if ((propSchema.type === 'array' || propSchema.items) && propSchema.items) {
      out.push({ label: `${key}[]=nul`, payload: json({ ...(base as object), [key]: [NUL] }) });
      out.push({
        label: `${key}[]=bad-uuid`,
        payload: json({ ...(base as object), [key]: ['-'.repeat(36)] }),
      });
    }
  }
  out.push(
    { label: 'valid-looking', payload: json(base) },
    { label: 'nul-key', payload: json({ ...(base as object), 'a\u0000': 1 }) },
    { label: 'null', payload: 'null' },
    { label: 'array', payload: '[]' },
    {
      label: 'unknown-keys',
      payload: json(Object.fromEntries(Array.from({ length: 5000 }, (_, i) => [`k${i}`, i]))),
    },
    { label: 'broken-json', payload: '{"a":' },
  );
  return out;
}

// Built once, as bytes: the cost of making a 9 MB string is the test's, not the server's.
let large: [string, Buffer][] | undefined;
const largeBodies = () =>
  (large ??= [2, 9].map((mb): [string, Buffer] => [
    `${mb} MB`,
    Buffer.from(`{"a":"${'x,'.repeat(mb * 2 ** 19)}"}`),
  ]));

function fill(path: string, values: Record<string, string>) {
  return path.replace(/\{(\w+)\}/g, (_, name: string) => values[name] ?? RANDOM_UUID);
}

/** Runs the fuzz over every documented route; returns what it sent and every 5xx or slow health check. */
export async function fuzzRoutes(app: FastifyInstance, opts: FuzzOptions): Promise<FuzzReport> {
  const doc = (await app.inject({ url: '/api/openapi.json' })).json() as {
    paths: Record<string, Record<string, Operation>>;
  };
  const budget = opts.healthBudgetMs ?? 100;
  const failures: FuzzFailure[] = [];
  let requests = 0;
  let routes = 0;
  let slowestHealthMs = 0;
  let fieldErrors = 0;
  const zodDefaults = new Set<string>();
  const started = performance.now();

  const send = async (caller: { name: string; cookie?: string }, req: InjectOptions, label: string) => {
    requests += 1;
    const headers = { ...(req.headers ?? {}), ...(caller.cookie ? { cookie: caller.cookie } : {}) };
    const res = await app.inject({ ...req, headers });
    if (res.statusCode >= 400 && res.statusCode < 500 && res.body.startsWith('{')) {
      const fields = (JSON.parse(res.body) as { error?: { fields?: Record<string, string> } }).error?.fields;
      for (const message of Object.values(fields ?? {})) {
        fieldErrors += 1;
        if (ZOD_DEFAULT.test(message)) zodDefaults.add(message);
      }
    }
    if (res.statusCode >= 500)
      failures.push({
        request: `${caller.name} ${req.method} ${String(req.url)} [${label}]`,
        status: res.statusCode,
        body: res.body.slice(0, 300),
      });
  };
  const timeHealth = async () => {
    const t0 = performance.now();
    const res = await app.inject({ url: '/healthz' });
    return { ms: performance.now() - t0, status: res.statusCode };
  };
  /**
   * Between routes nothing is in flight, so a slow answer is the machine's load, not the server's: measured up to
   * three times. While a large request is in flight (`once`), the first measurement is the one that counts.
   */
  const health = async (after: string, once = false) => {
    let best = await timeHealth();
    for (let i = 0; !once && i < 2 && (best.ms > budget || best.status !== 200); i++)
      best = await timeHealth();
    slowestHealthMs = Math.max(slowestHealthMs, best.ms);
    // Measured once while a large body is in flight, on a machine the rest of the suite keeps busy: ten times the
    // budget, still far below a freeze (a frozen server took 12 s; a loaded machine, up to 241 ms).
    const allowed = once ? 10 * budget : budget;
    if (best.status !== 200 || best.ms > allowed)
      failures.push({
        request: `GET /healthz after ${after}`,
        status: best.status,
        body: `${best.ms.toFixed(1)} ms`,
      });
  };

  // Deletions last, so that the rest of the run still finds the sample rows.
  const operations = Object.entries(doc.paths)
    .flatMap(([path, ops]) =>
      Object.entries(ops).map(([method, op]) => ({ path, method: method.toUpperCase(), op })),
    )
    .sort((a, b) => Number(a.method === 'DELETE') - Number(b.method === 'DELETE'));

  for (const caller of opts.callers) {
    for (const { path, method, op } of operations) {
      if (opts.skip?.(method, path, caller.name)) continue;
      routes += 1;
      const params = op.parameters ?? [];
      const pathParams = params.filter((p) => p.in === 'path');
      const queryParams = params.filter((p) => p.in === 'query');
      const good: Record<string, string> = {};
      for (const p of pathParams) good[p.name] = opts.sample?.(path, p.name) ?? String(sampleValue(p.schema));
      const bodySchema = op.requestBody?.content['application/json']?.schema;
      const hasBody = method !== 'GET' && method !== 'DELETE';
      const validBody = hasBody ? JSON.stringify(sampleValue(bodySchema)) : undefined;
      const jsonHeaders = hasBody ? { 'content-type': 'application/json' } : undefined;
      const base = { method: method as InjectOptions['method'], headers: jsonHeaders, payload: validBody };

      for (const p of pathParams)
        for (const bad of BAD_IDS)
          await send(caller, { ...base, url: fill(path, { ...good, [p.name]: bad }) }, `path ${p.name}`);

      const url = fill(path, good);
      for (const q of queryParams) {
        for (const bad of badQueryValues(q.name, q.schema))
          await send(caller, { ...base, url: `${url}?${q.name}=${bad}` }, `query ${q.name}`);
        await send(caller, { ...base, url: `${url}?${q.name}=a&${q.name}=b` }, `query ${q.name} twice`);
      }
      await send(caller, { ...base, url: `${url}?unknown%00=1` }, 'query unknown key');

      if (hasBody) {
        for (const v of bodyVariants(bodySchema, caller.fields ?? false))
          await send(caller, { ...base, url, payload: v.payload }, `body ${v.label}`);
        for (const type of ['text/plain', 'application/xml', 'image/png'])
          await send(
            caller,
            { ...base, url, headers: { 'content-type': type }, payload: 'a\u0000b,c\n=1+2' },
            type,
          );
      }

      if (hasBody && opts.largeBodies?.(method, path)) {
        for (const [size, payload] of largeBodies()) {
          for (const type of ['text/plain', 'application/json', 'application/octet-stream']) {
            // The health check runs while the large request is in flight.
            const inFlight = send(
              caller,
              { ...base, url, headers: { 'content-type': type }, payload },
              `${size} ${type}`,
            );
            await health(`${size} ${type} to ${method} ${path}`, true);
            await inFlight;
          }
        }
      }
      await health(`${method} ${path} as ${caller.name}`);
      opts.onRoute?.(`${caller.name} ${method} ${path}`, requests, failures.length);
    }
  }
  return {
    requests,
    routes,
    durationMs: performance.now() - started,
    slowestHealthMs,
    failures,
    fieldErrors,
    zodDefaults: [...zodDefaults],
  };
}
