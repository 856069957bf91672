import type pg from 'pg';

// PostgreSQL may close a pooled connection while it is idle (a restart, a failover, an administrator, an idle
// timeout): the first query sent on it then fails although nothing is wrong with the request. A read that failed
// that way is sent once more, on another connection; a write is never resent (it may have run).

const LOST_CODES = new Set(['57P01', '57P02', '57P03', '08000', '08003', '08006']);
const LOST_MESSAGE =
  /Connection terminated|terminating connection|ECONNRESET|EPIPE|Client has encountered a connection error|not queryable/i;

/** Did this query fail because its connection was gone, rather than because of the query? */
export function isLostConnection(err: unknown): boolean {
  const e = err as { code?: unknown; message?: unknown } | undefined;
  if (typeof e?.code === 'string' && LOST_CODES.has(e.code)) return true;
  return typeof e?.message === 'string' && LOST_MESSAGE.test(e.message);
}

/** A statement that only reads (safe to send twice). */
export function isReadOnly(text: string): boolean {
  return (
    /^\s*(select|with|show|values|table)\b/i.test(text) &&
    !/\b(insert|update|delete|merge|for\s+update)\b/i.test(text)
  );
}

const textOf = (arg: unknown) =>
  typeof arg === 'string'
    ? arg
    : typeof (arg as { text?: unknown })?.text === 'string'
      ? (arg as { text: string }).text
      : '';

/** Makes `pool.query` resend a read once when its connection turned out to be closed. Transactions are not retried. */
export function retryReadsOnLostConnection(pool: pg.Pool, onRetry?: (err: unknown) => void) {
  const query = pool.query.bind(pool) as (...args: unknown[]) => Promise<unknown>;
  (pool as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
    if (typeof args.at(-1) === 'function') return query(...args); // callback style: left as it is
    return query(...args).catch((err: unknown) => {
      if (!isLostConnection(err) || !isReadOnly(textOf(args[0]))) throw err;
      onRetry?.(err);
      return query(...args);
    });
  };
}
