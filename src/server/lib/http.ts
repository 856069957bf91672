import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError, type ErrorCode, type FieldErrors } from './errors.ts';

export const errorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    fields: z.record(z.string(), z.string()).optional(),
    details: z.record(z.string(), z.unknown()).optional(),
  }),
  requestId: z.string(),
});

function send(
  reply: FastifyReply,
  request: FastifyRequest,
  status: number,
  code: ErrorCode,
  message: string,
  fields?: FieldErrors,
  details?: Record<string, unknown>,
) {
  return reply
    .status(status)
    .type('application/json; charset=utf-8')
    .send({
      error: { code, message, ...(fields ? { fields } : {}), ...(details ? { details } : {}) },
      requestId: request.id,
    });
}

/** One place that turns any thrown error into `{ error: { code, message, fields?, details? }, requestId }`. */
export function installErrorHandling(app: FastifyInstance) {
  app.setErrorHandler((err: FastifyError | AppError, request, reply) => {
    if (err instanceof AppError) {
      if (err.status >= 500) request.log.error(err);
      return send(reply, request, err.status, err.code, err.message, err.fields, err.details);
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      const fields: FieldErrors = {};
      for (const issue of err.validation) {
        const path = issue.instancePath.replace(/^\//, '').replaceAll('/', '.');
        const unknownKeys = (issue.params as { keys?: string[] }).keys;
        if (issue.keyword === 'unrecognized_keys' && unknownKeys) {
          for (const key of unknownKeys) fields[path ? `${path}.${key}` : key] = 'champ inconnu';
          continue;
        }
        const key = path || err.validationContext || 'body';
        fields[key] ??= issue.message ?? 'valeur invalide';
      }
      return send(
        reply,
        request,
        400,
        'INVALID_INPUT',
        `Données invalides (${Object.keys(fields).join(', ')})`,
        fields,
      );
    }
    const status = err.statusCode ?? 500;
    if (status === 413)
      return send(reply, request, 413, 'PAYLOAD_TOO_LARGE', 'Requête trop volumineuse (1 Mo au plus)');
    if (status === 415)
      return send(reply, request, 415, 'UNSUPPORTED_MEDIA_TYPE', 'Type de contenu non pris en charge');
    if (status === 429)
      return send(reply, request, 429, 'RATE_LIMITED', 'Trop de tentatives, réessayez plus tard');
    if (status >= 400 && status < 500) {
      // Fastify's own client errors: malformed JSON, empty body, bad content-length…
      return send(reply, request, 400, 'INVALID_INPUT', err.message);
    }
    request.log.error(err);
    return send(reply, request, 500, 'INTERNAL', 'Erreur interne');
  });
}

// CSV uploads (the imports of organisations and of published figures): the file is the raw request body.

/** Takes CSV bodies as raw bytes in a module's scope, up to `limit` on the routes that raise their `bodyLimit`. */
export function acceptCsvUploads(app: FastifyInstance, limit: number) {
  app.addContentTypeParser(
    ['text/csv', 'application/csv', 'text/plain', 'application/vnd.ms-excel'],
    { parseAs: 'buffer', bodyLimit: limit },
    (_req, body, done) => done(null, body),
  );
}

/** An upload route's error handler: the app-wide 413 names the 1 MB JSON limit, this one the route's own. */
export const fileTooLarge =
  (limit: string) => (err: FastifyError, req: FastifyRequest, reply: FastifyReply) => {
    if (err.statusCode !== 413) throw err;
    return reply.status(413).send({
      error: { code: 'PAYLOAD_TOO_LARGE', message: `Fichier trop volumineux (${limit} au plus)` },
      requestId: req.id,
    });
  };

/** `?dryRun=true|false` (a check that writes nothing unless `false`) and the network the import is made for. */
export const csvImportQuery = z
  .object({
    dryRun: z
      .enum(['true', 'false'])
      .default('true')
      .transform((v) => v === 'true'),
    networkId: z.uuid().optional(),
  })
  .strict();

/** The uploaded file: bytes, or text when a client sent it as such; nothing else counts as a file. */
export const uploadedFile = (body: unknown): Buffer | string =>
  Buffer.isBuffer(body) ? body : typeof body === 'string' ? body : '';
