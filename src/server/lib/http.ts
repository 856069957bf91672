import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AppError, type ErrorCode, type FieldErrors, invalidInput } from './errors.ts';
import { RequestValidationError, requestLocale, validationFields, validationMessage } from './validation.ts';

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
    const locale = requestLocale(request);
    if (err instanceof RequestValidationError) {
      const fields = validationFields(err, locale);
      return send(reply, request, 400, 'INVALID_INPUT', validationMessage(fields, locale), fields);
    }
    const status = err.statusCode ?? 500;
    const say = (fr: string, en: string) => (locale === 'fr' ? fr : en);
    if (status === 413)
      return send(
        reply,
        request,
        413,
        'PAYLOAD_TOO_LARGE',
        say('Requête trop volumineuse (1 Mo au plus)', 'Request too large (1 MB at most)'),
      );
    if (status === 415)
      return send(
        reply,
        request,
        415,
        'UNSUPPORTED_MEDIA_TYPE',
        say('Type de contenu non pris en charge', 'Unsupported content type'),
      );
    if (status === 429)
      return send(
        reply,
        request,
        429,
        'RATE_LIMITED',
        say('Trop de tentatives, réessayez plus tard', 'Too many attempts, try again later'),
      );
    if (status >= 400 && status < 500) {
      // Fastify's own client errors: malformed JSON, empty body, bad content-length… (their text is English)
      return send(
        reply,
        request,
        400,
        'INVALID_INPUT',
        say(`Requête invalide : ${err.message}`, err.message).slice(0, 300),
      );
    }
    request.log.error(err);
    return send(reply, request, 500, 'INTERNAL', 'Erreur interne');
  });
}

// CSV uploads (the imports of organisations and of published figures): the file is the raw request body.

/**
 * Registers upload routes in a scope of their own where, and only where, bodies of the given content types are
 * taken as raw bytes up to `limit` (the routes raise their `bodyLimit` to match). Every other route keeps JSON only,
 * so a large text body sent elsewhere is refused (415) before anything reads it.
 */
export function rawBodyRoutes(
  app: FastifyInstance,
  opts: { contentTypes: string[]; limit: number },
  routes: (scope: FastifyInstance) => void,
) {
  void app.register(async (scope) => {
    scope.addContentTypeParser(
      opts.contentTypes,
      { parseAs: 'buffer', bodyLimit: opts.limit },
      (_req, body, done) => done(null, body),
    );
    routes(scope);
  });
}

/** The content types a CSV upload may arrive with (browsers send Excel's for .csv files on Windows). */
const csvContentTypes = ['text/csv', 'application/csv', 'text/plain', 'application/vnd.ms-excel'];

/** CSV upload routes (the imports of organisations and of published figures): the file is the raw request body. */
export const csvUploadRoutes = (
  app: FastifyInstance,
  limit: number,
  routes: (scope: FastifyInstance) => void,
) => rawBodyRoutes(app, { contentTypes: csvContentTypes, limit }, routes);

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

/**
 * The uploaded file: bytes, or text when a client sent it as such; nothing else counts as a file. A NUL byte
 * (which PostgreSQL refuses in text, and no CSV holds) refuses the file as a whole.
 */
export function uploadedFile(body: unknown): Buffer | string {
  const file = Buffer.isBuffer(body) ? body : typeof body === 'string' ? body : '';
  if (typeof file === 'string' ? file.includes('\u0000') : file.includes(0))
    throw invalidInput('Le fichier contient des octets nuls : ce n’est pas un fichier CSV texte', {
      file: 'octets nuls : fichier non texte',
    });
  return file;
}
