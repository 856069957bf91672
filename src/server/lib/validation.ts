import type { FastifyInstance, FastifyRequest, FastifySchemaCompiler } from 'fastify';
import type { z } from 'zod';
import type { FieldErrors } from './errors.ts';
import { issueMessage, type Locale, pickLocale, reasonMessage } from './messages.ts';

// The input boundary of every route: zod validation whose errors are bounded in size and rendered in the
// request's language, and one rule that refuses NUL bytes and lone surrogates anywhere in a request's path
// parameters, query or JSON body (PostgreSQL refuses the first, its JSON columns the second), before any route
// or service sees them.

/** At most this many field errors in an answer (a body with 100,000 unknown keys gets 20 lines, not 100,000). */
export const MAX_FIELD_ERRORS = 20;
const MAX_MESSAGE_LENGTH = 200;
const MAX_FIELD_NAME_LENGTH = 100;

/** The zod issues of a request that failed its route's schema (the first MAX_FIELD_ERRORS of them). */
export class RequestValidationError extends Error {
  statusCode = 400;
  validationContext?: string;
  constructor(readonly issues: z.core.$ZodIssue[]) {
    super('invalid request');
  }
}

/** Fastify's validator compiler for zod schemas (in place of fastify-type-provider-zod's, whose errors are unbounded). */
export const validatorCompiler: FastifySchemaCompiler<z.ZodType> =
  ({ schema }) =>
  (data) => {
    // The input is kept on the issues so that an English answer can be rendered from the same issues.
    const result = schema.safeParse(data, { reportInput: true });
    if (result.success) return { value: result.data };
    return { error: new RequestValidationError(result.error.issues.slice(0, MAX_FIELD_ERRORS)) };
  };

/** The request's language for messages: Accept-Language (fr or en), else the account's, else French. */
export const requestLocale = (request: FastifyRequest): Locale =>
  pickLocale(request.headers['accept-language'], request.actor?.locale);

const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/** Field → message for a failed validation, in the locale, bounded in count and length. */
export function validationFields(err: RequestValidationError, locale: Locale): FieldErrors {
  const fields: FieldErrors = {};
  let count = 0;
  const add = (key: string, message: string) => {
    const name = clip(key, MAX_FIELD_NAME_LENGTH);
    if (count >= MAX_FIELD_ERRORS || name in fields) return;
    fields[name] = clip(message, MAX_MESSAGE_LENGTH);
    count += 1;
  };
  for (const issue of err.issues) {
    const path = issue.path.map(String).join('.');
    // A message written in the schema stays as written; zod's own ones are rendered in the request's language.
    const message = issue.message === issueMessage(issue, 'fr') ? issueMessage(issue, locale) : issue.message;
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys.slice(0, MAX_FIELD_ERRORS)) add(path ? `${path}.${key}` : key, message);
      continue;
    }
    add(path || err.validationContext || 'body', message);
  }
  return fields;
}

/** The answer's one-line message naming the fields. */
export function validationMessage(fields: FieldErrors, locale: Locale): string {
  const names = Object.keys(fields);
  const list = names.join(', ') + (names.length >= MAX_FIELD_ERRORS ? ', …' : '');
  return locale === 'fr' ? `Données invalides (${list})` : `Invalid input (${list})`;
}

const MAX_SCANNED_VALUES = 200_000;

/** The path of the first string (or key) holding a NUL byte or a lone surrogate, or undefined. */
export function findUnsafeText(value: unknown, path = ''): string | undefined {
  let scanned = 0;
  const walk = (v: unknown, at: string): string | undefined => {
    if (++scanned > MAX_SCANNED_VALUES) return undefined;
    if (typeof v === 'string') return hasUnsafeText(v) ? at : undefined;
    if (!v || typeof v !== 'object' || Buffer.isBuffer(v)) return undefined;
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) {
        const found = walk(v[i], at ? `${at}.${i}` : String(i));
        if (found !== undefined) return found;
      }
      return undefined;
    }
    for (const [key, child] of Object.entries(v)) {
      const childPath = at ? `${at}.${key}` : key;
      if (hasUnsafeText(key)) return childPath;
      const found = walk(child, childPath);
      if (found !== undefined) return found;
    }
    return undefined;
  };
  return walk(value, path);
}

/** A NUL byte, or a UTF-16 surrogate without its pair (what JSON's `\ud800` decodes to). */
export const hasUnsafeText = (s: string) => s.includes('\u0000') || LONE_SURROGATE.test(s);
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Installs the rule on every route (call before the modules register). */
export function refuseUnsafeText(app: FastifyInstance) {
  app.addHook('preValidation', async (request, reply) => {
    const parts = { params: request.params, query: request.query, body: request.body } as const;
    for (const [part, value] of Object.entries(parts)) {
      const at = findUnsafeText(value);
      if (at === undefined) continue;
      const locale = requestLocale(request);
      const field = clip(at || part, MAX_FIELD_NAME_LENGTH);
      const fields = {
        [field]: reasonMessage('control-characters', locale),
      };
      return reply.status(400).send({
        error: { code: 'INVALID_INPUT', message: validationMessage(fields, locale), fields },
        requestId: request.id,
      });
    }
  });
}
