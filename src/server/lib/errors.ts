/** The closed set of error codes a service may throw; the HTTP layer maps each to one status. */
export const errorStatus = {
  INVALID_INPUT: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  RATE_LIMITED: 429,
  INTERNAL: 500,
} as const;

export type ErrorCode = keyof typeof errorStatus;

/** Field name → human-readable reason, e.g. `{ siret: "clé de contrôle invalide" }`. */
export type FieldErrors = Record<string, string>;

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fields?: FieldErrors,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'AppError';
  }

  get status(): number {
    return errorStatus[this.code];
  }
}

export const invalidInput = (message: string, fields?: FieldErrors) =>
  new AppError('INVALID_INPUT', message, fields);
export const notFound = (message: string) => new AppError('NOT_FOUND', message);
export const forbidden = (message = 'Action non autorisée') => new AppError('FORBIDDEN', message);
export const unauthenticated = (message = 'Connexion requise') => new AppError('UNAUTHENTICATED', message);
export const conflict = (message: string, details?: Record<string, unknown>) =>
  new AppError('CONFLICT', message, undefined, details);
