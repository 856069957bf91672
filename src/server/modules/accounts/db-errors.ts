/** The PostgreSQL error code of a failed query, whichever driver (pg, PGlite) and wrapper (drizzle) raised it. */
export function pgErrorCode(err: unknown): string | undefined {
  let e: unknown = err;
  for (let depth = 0; e && depth < 4; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

export const isForeignKeyViolation = (err: unknown) => pgErrorCode(err) === '23503';
