import { setTimeout as sleep } from 'node:timers/promises';
import type { Clock } from '../../context.ts';
import type { Db } from '../../db/client.ts';
import { AppError } from '../../lib/errors.ts';
import { createRateLimiter, type RateLimiter } from '../../lib/rate-limit.ts';

// Limits on the sign-in forms. A password guesser is refused per (address, IP) and per IP, and slowed down per
// address whatever the IP; nothing a stranger does locks the rightful owner out of their account (they may wait a
// few seconds for an answer while someone hammers it, never 15 minutes).

const WINDOW_MS = 15 * 60_000;
/** Per email and IP: 10 attempts per 15 minutes. Per IP: more, since an office or a fair shares one address. */
export const AUTH_LIMIT_PER_EMAIL = 10;
export const AUTH_LIMIT_PER_IP = 30;
/**
 * Sign-in attempts on one email from anywhere, in 15 minutes: the first ones are answered at once; past each step
 * the answer waits longer (0.5 s, then 1 s, 2 s, 4 s), so that guesses spread over many IPs become slow.
 */
export const SIGN_IN_SLOWDOWN = [
  { after: 5, delayMs: 500 },
  { after: 10, delayMs: 1000 },
  { after: 20, delayMs: 2000 },
  { after: 40, delayMs: 4000 },
];

export type AuthLimits = {
  perIp: RateLimiter;
  perEmail: RateLimiter;
  /** One limiter per step of SIGN_IN_SLOWDOWN, each holding the attempts beyond the previous step. */
  slowdown: RateLimiter[];
  /** Waits; tests may record instead. */
  sleep: (ms: number) => Promise<unknown>;
};

/** The limiters of one running app (counted behind the rate-limit interface, wherever it keeps its counts). */
export function createAuthLimits(
  deps: { db: Db; clock: Clock },
  opts: { sleep?: (ms: number) => Promise<unknown> } = {},
) {
  const { db, clock } = deps;
  const limits: AuthLimits = {
    perIp: createRateLimiter({ db, name: 'auth-ip', limit: AUTH_LIMIT_PER_IP, windowMs: WINDOW_MS, clock }),
    perEmail: createRateLimiter({
      db,
      name: 'auth-email',
      limit: AUTH_LIMIT_PER_EMAIL,
      windowMs: WINDOW_MS,
      clock,
    }),
    slowdown: SIGN_IN_SLOWDOWN.map((step, i) =>
      createRateLimiter({
        db,
        name: `auth-slowdown-${i}`,
        limit: step.after - (i === 0 ? 0 : SIGN_IN_SLOWDOWN[i - 1].after),
        windowMs: WINDOW_MS,
        clock,
      }),
    ),
    sleep: opts.sleep ?? sleep,
  };
  return limits;
}

function rateLimited(retryAfterMs: number) {
  const minutes = Math.max(1, Math.ceil(retryAfterMs / 60_000));
  return new AppError(
    'RATE_LIMITED',
    `Trop de tentatives : réessayez dans ${minutes} minute${minutes > 1 ? 's' : ''}.`,
    undefined,
    { retryAfterMs },
  );
}

/**
 * Counts one attempt of `action` for the IP, and for the email from that IP; 429 RATE_LIMITED beyond the limits.
 * With `perEmailAnywhere` (actions that send mail to the address), the email's own limit applies from every IP
 * too, so that nobody can flood a mailbox.
 */
export async function authRateCheck(
  limits: AuthLimits,
  action: string,
  ip: string,
  email: string,
  opts: { perEmailAnywhere?: boolean } = {},
) {
  const checks = [
    await limits.perIp.hit(`${action}:${ip}`),
    await limits.perEmail.hit(`${action}:${email}:${ip}`),
    ...(opts.perEmailAnywhere ? [await limits.perEmail.hit(`${action}:${email}`)] : []),
  ];
  const refused = checks.filter((c) => !c.allowed);
  if (refused.length) throw rateLimited(Math.max(...refused.map((c) => c.retryAfterMs)));
}

/** Counts a sign-in attempt on `email` from anywhere and waits as long as the attempts so far call for. */
export async function slowDownSignIn(limits: AuthLimits, email: string): Promise<number> {
  let delayMs = 0;
  for (const [i, limiter] of limits.slowdown.entries()) {
    if ((await limiter.hit(`sign-in:${email}`)).allowed) break;
    delayMs = SIGN_IN_SLOWDOWN[i].delayMs;
  }
  if (delayMs > 0) await limits.sleep(delayMs);
  return delayMs;
}
