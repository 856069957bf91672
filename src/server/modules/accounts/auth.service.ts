import { eq } from 'drizzle-orm';
import type { Clock, Deps } from '../../context.ts';
import { AppError, conflict, invalidInput, unauthenticated } from '../../lib/errors.ts';
import { createRateLimiter, type RateLimiter } from '../../lib/rate-limit.ts';
import { recordAudit } from '../audit/audit.service.ts';
import type { MailMessage } from '../mail/mail.service.ts';
import {
  type Account,
  createAccount,
  findAccountByEmail,
  findAccountById,
  normalizeEmail,
} from './accounts.service.ts';
import { type AccountLocale, accounts } from './accounts.tables.ts';
import {
  alreadyRegisteredMail,
  loginLinkMail,
  loginLinkUrl,
  passwordResetMail,
  resetLinkUrl,
  welcomeMail,
} from './auth.mails.ts';
import { dummyPasswordHash, hashPassword, passwordProblem, verifyPassword } from './passwords.ts';
import { createSession, deleteAccountSessions } from './sessions.ts';
import {
  consumeToken,
  INVITATION_TTL_MS,
  issueToken,
  LOGIN_LINK_TTL_MS,
  RESET_LINK_TTL_MS,
  voidTokens,
} from './tokens.ts';

const WINDOW_MS = 15 * 60_000;
/** Per email: 10 attempts per 15 minutes. Per address: more, since an office or a fair shares one IP. */
export const AUTH_LIMIT_PER_EMAIL = 10;
export const AUTH_LIMIT_PER_IP = 30;

export type AuthLimits = { perIp: RateLimiter; perEmail: RateLimiter };

/** The limiters of one running app (in memory, per process). */
export function createAuthLimits(clock: Clock): AuthLimits {
  return {
    perIp: createRateLimiter({ limit: AUTH_LIMIT_PER_IP, windowMs: WINDOW_MS, clock }),
    perEmail: createRateLimiter({ limit: AUTH_LIMIT_PER_EMAIL, windowMs: WINDOW_MS, clock }),
  };
}

export type AuthDeps = Pick<Deps, 'db' | 'clock' | 'mailer' | 'config' | 'log'> & { limits: AuthLimits };
export type RequestContext = { ip: string; userAgent?: string };
export type SignedIn = { account: Account; session: { token: string; expiresAt: Date } };

/** Same words whether or not the address has an account. */
export const LINK_SENT_MESSAGE =
  'Si un compte existe pour cette adresse, un message vient de lui être envoyé avec un lien.';
export const SIGN_UP_MESSAGE =
  'Merci ! Un message vient d’être envoyé à cette adresse : ouvrez le lien qu’il contient pour confirmer votre inscription et vous connecter.';
export const BAD_CREDENTIALS = 'Email ou mot de passe incorrect';

/** Counts one attempt of `action` for the address and the email; 429 RATE_LIMITED beyond the limits. */
export function authRateCheck(limits: AuthLimits, action: string, ip: string, email: string) {
  const byIp = limits.perIp.hit(`${action}:${ip}`);
  const byEmail = limits.perEmail.hit(`${action}:${email}`);
  if (byIp.allowed && byEmail.allowed) return;
  const retryAfterMs = Math.max(byIp.retryAfterMs, byEmail.retryAfterMs);
  const minutes = Math.max(1, Math.ceil(retryAfterMs / 60_000));
  throw new AppError(
    'RATE_LIMITED',
    `Trop de tentatives : réessayez dans ${minutes} minute${minutes > 1 ? 's' : ''}.`,
    undefined,
    { retryAfterMs },
  );
}

/**
 * Mails whose sending must not be observable (answers that never reveal whether an account exists) leave
 * without being awaited, so that the answer takes the same time either way. Failures are logged, and kept in the outbox.
 */
function sendInBackground(deps: Pick<AuthDeps, 'mailer' | 'log'>, message: MailMessage) {
  deps.mailer.send(message).catch((err) => deps.log.error({ err, kind: message.kind }, 'mail not recorded'));
}

/**
 * Sign-up: always the same answer. A new address gets an account (unconfirmed until the emailed link is opened)
 * in the language the person signed up in (`locale`, French by default), and its welcome in that language;
 * an address that already has one gets a mail telling its owner, with a sign-in link, in the account's language.
 * Nobody learns which.
 */
export async function signUp(
  deps: AuthDeps,
  input: { email: string; name: string; password: string; locale?: AccountLocale },
  ctx: RequestContext,
): Promise<{ message: string }> {
  const email = normalizeEmail(input.email);
  const problem = passwordProblem(input.password);
  if (problem) throw invalidInput(problem, { password: problem });
  authRateCheck(deps.limits, 'sign-up', ctx.ip, email);
  let account = await findAccountByEmail(deps.db, email);
  let created = false;
  if (!account) {
    try {
      account = await createAccount(deps, { ...input, email, emailVerified: false }, null);
      created = true;
    } catch (err) {
      if (!(err instanceof AppError && err.code === 'CONFLICT')) throw err;
      account = await findAccountByEmail(deps.db, email); // created meanwhile by a concurrent sign-up
    }
  } else {
    await hashPassword(input.password); // the same work as a creation, so that timing tells nothing
  }
  if (!account) throw conflict('Inscription impossible, réessayez');
  if (created) {
    const token = await issueToken(deps, account.id, 'login', INVITATION_TTL_MS);
    const link = loginLinkUrl(deps.config.publicUrl, token);
    sendInBackground(deps, welcomeMail(account.locale, email, account.name, link));
  } else {
    const token = await issueToken(deps, account.id, 'login', LOGIN_LINK_TTL_MS);
    const mail = alreadyRegisteredMail(
      account.locale,
      email,
      loginLinkUrl(deps.config.publicUrl, token),
      `${deps.config.publicUrl}/mot-de-passe-oublie`,
    );
    sendInBackground(deps, mail);
  }
  return { message: SIGN_UP_MESSAGE };
}

/** Password sign-in; one generic refusal for an unknown email, a wrong password or an unconfirmed address. */
export async function signIn(
  deps: AuthDeps,
  input: { email: string; password: string },
  ctx: RequestContext,
): Promise<SignedIn> {
  const email = normalizeEmail(input.email);
  authRateCheck(deps.limits, 'sign-in', ctx.ip, email);
  const account = await findAccountByEmail(deps.db, email);
  const ok = await verifyPassword(account?.passwordHash ?? (await dummyPasswordHash()), input.password);
  if (!account?.passwordHash || !ok || !account.emailVerifiedAt) throw unauthenticated(BAD_CREDENTIALS);
  return { account, session: await createSession(deps, account.id, ctx.userAgent) };
}

/** Emails a one-time sign-in link (15 minutes) when the address has an account; the answer is the same either way. */
export async function requestLoginLink(
  deps: AuthDeps,
  input: { email: string },
  ctx: RequestContext,
): Promise<{ message: string }> {
  const email = normalizeEmail(input.email);
  authRateCheck(deps.limits, 'login-link', ctx.ip, email);
  const account = await findAccountByEmail(deps.db, email);
  if (account) {
    const token = await issueToken(deps, account.id, 'login', LOGIN_LINK_TTL_MS);
    sendInBackground(deps, loginLinkMail(account.locale, email, loginLinkUrl(deps.config.publicUrl, token)));
  }
  return { message: LINK_SENT_MESSAGE };
}

const linkExpired = (field: string) =>
  invalidInput('Ce lien n’est plus valable (expiré ou déjà utilisé) : demandez-en un nouveau.', {
    [field]: 'lien expiré ou déjà utilisé',
  });

/** Opens a session from an emailed sign-in link (single use); opening it also confirms the address. */
export async function signInWithLink(
  deps: AuthDeps,
  input: { token: string },
  ctx: RequestContext,
): Promise<SignedIn> {
  const accountId = await consumeToken(deps, input.token, 'login');
  if (!accountId) throw linkExpired('token');
  let account = await findAccountById(deps.db, accountId);
  if (!account) throw linkExpired('token');
  if (!account.emailVerifiedAt) {
    [account] = await deps.db
      .update(accounts)
      .set({ emailVerifiedAt: deps.clock() })
      .where(eq(accounts.id, accountId))
      .returning();
  }
  return { account, session: await createSession(deps, account.id, ctx.userAgent) };
}

/** Emails a password-reset link (1 hour) when the address has an account; the answer is the same either way. */
export async function requestPasswordReset(
  deps: AuthDeps,
  input: { email: string },
  ctx: RequestContext,
): Promise<{ message: string }> {
  const email = normalizeEmail(input.email);
  authRateCheck(deps.limits, 'reset', ctx.ip, email);
  const account = await findAccountByEmail(deps.db, email);
  if (account) {
    const token = await issueToken(deps, account.id, 'reset', RESET_LINK_TTL_MS);
    const link = resetLinkUrl(deps.config.publicUrl, token);
    sendInBackground(deps, passwordResetMail(account.locale, email, link));
  }
  return { message: LINK_SENT_MESSAGE };
}

/** Sets a new password from a reset link (single use): every other session and reset link of the account ends. */
export async function resetPassword(
  deps: AuthDeps,
  input: { token: string; password: string },
  ctx: RequestContext,
): Promise<SignedIn> {
  // Check the password first, so that a refused one does not spend the link.
  const problem = passwordProblem(input.password);
  if (problem) throw invalidInput(problem, { password: problem });
  const passwordHash = await hashPassword(input.password);
  const accountId = await consumeToken(deps, input.token, 'reset');
  if (!accountId) throw linkExpired('token');
  const account = await deps.db.transaction(async (tx) => {
    const [row] = await tx
      .update(accounts)
      .set({ passwordHash, emailVerifiedAt: deps.clock() })
      .where(eq(accounts.id, accountId))
      .returning();
    await deleteAccountSessions(tx, accountId);
    await voidTokens({ db: tx, clock: deps.clock }, accountId, 'reset');
    await recordAudit(
      tx,
      { accountId, email: row.email, name: row.name, isPlatformAdmin: false },
      {
        action: 'account.password-reset',
        entityType: 'account',
        entityId: accountId,
      },
    );
    return row;
  });
  return { account, session: await createSession(deps, account.id, ctx.userAgent) };
}
