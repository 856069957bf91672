import { eq } from 'drizzle-orm';
import type { Deps } from '../../context.ts';
import { AppError, conflict, invalidInput, unauthenticated } from '../../lib/errors.ts';
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
import { type AuthLimits, authRateCheck, slowDownSignIn } from './auth.limits.ts';
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

/** Work started by a request and finished after its answer (awaited when the app closes). */
export type Background = {
  /** Runs `task` once `after` has settled (the answer has left), on a later turn of the event loop. */
  run(task: () => Promise<unknown>, after?: Promise<void>): void;
  drain(): Promise<void>;
};

export function createBackground(log: Pick<Deps['log'], 'error'>): Background {
  const pending = new Set<Promise<unknown>>();
  return {
    run(task, after = Promise.resolve()) {
      // Started once the answer has left, on a later turn of the event loop (the embedded database runs on this
      // thread: work started before the last byte of the answer would hold it back by as long as it takes, and a
      // known address's answer would come later than an unknown one's).
      const p: Promise<unknown> = after
        .then(() => new Promise((resolve) => setTimeout(resolve, 0)))
        .then(task)
        .catch((err) => log.error({ err }, 'background auth work failed'))
        .finally(() => pending.delete(p));
      pending.add(p);
    },
    async drain() {
      while (pending.size > 0) await Promise.all([...pending]);
    },
  };
}

export type AuthDeps = Pick<Deps, 'db' | 'clock' | 'mailer' | 'config' | 'log'> & {
  limits: AuthLimits;
  background: Background;
};
export type RequestContext = {
  ip: string;
  userAgent?: string;
  /** Settles when the answer to this request has been written out (work that must not delay it waits for it). */
  answered?: Promise<void>;
};
export type SignedIn = { account: Account; session: { token: string; expiresAt: Date } };

/** Same words whether or not the address has an account. */
export const LINK_SENT_MESSAGE =
  'Si un compte existe pour cette adresse, un message vient de lui être envoyé avec un lien.';
export const SIGN_UP_MESSAGE =
  'Merci ! Un message vient d’être envoyé à cette adresse : ouvrez le lien qu’il contient pour confirmer votre inscription et vous connecter.';
export const BAD_CREDENTIALS = 'Email ou mot de passe incorrect';

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
  await authRateCheck(deps.limits, 'sign-up', ctx.ip, email, { perEmailAnywhere: true });
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
  await authRateCheck(deps.limits, 'sign-in', ctx.ip, email);
  await slowDownSignIn(deps.limits, email);
  const account = await findAccountByEmail(deps.db, email);
  const ok = await verifyPassword(account?.passwordHash ?? (await dummyPasswordHash()), input.password);
  if (!account?.passwordHash || !ok || !account.emailVerifiedAt) throw unauthenticated(BAD_CREDENTIALS);
  return { account, session: await createSession(deps, account.id, ctx.userAgent) };
}

/**
 * Emails a one-time sign-in link (15 minutes) when the address has an account; the answer is the same either way.
 * Nothing that depends on the account runs before the answer (the lookup, the token and the mail run after it), so
 * that its timing cannot tell a known address from an unknown one.
 */
export async function requestLoginLink(
  deps: AuthDeps,
  input: { email: string },
  ctx: RequestContext,
): Promise<{ message: string }> {
  const email = normalizeEmail(input.email);
  await authRateCheck(deps.limits, 'login-link', ctx.ip, email, { perEmailAnywhere: true });
  deps.background.run(async () => {
    const account = await findAccountByEmail(deps.db, email);
    if (!account) return;
    const token = await issueToken(deps, account.id, 'login', LOGIN_LINK_TTL_MS);
    await deps.mailer.send(loginLinkMail(account.locale, email, loginLinkUrl(deps.config.publicUrl, token)));
  }, ctx.answered);
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

/** Emails a password-reset link (1 hour) when the address has an account; same answer, same timing either way. */
export async function requestPasswordReset(
  deps: AuthDeps,
  input: { email: string },
  ctx: RequestContext,
): Promise<{ message: string }> {
  const email = normalizeEmail(input.email);
  await authRateCheck(deps.limits, 'reset', ctx.ip, email, { perEmailAnywhere: true });
  deps.background.run(async () => {
    const account = await findAccountByEmail(deps.db, email);
    if (!account) return;
    const token = await issueToken(deps, account.id, 'reset', RESET_LINK_TTL_MS);
    const link = resetLinkUrl(deps.config.publicUrl, token);
    await deps.mailer.send(passwordResetMail(account.locale, email, link));
  }, ctx.answered);
  return { message: LINK_SENT_MESSAGE };
}

/**
 * Sets a new password from a reset link (single use): every session of the account ends (a new one opens here),
 * and every unused emailed link (sign-in, invitation, reset) dies.
 */
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
    // Whoever had the old password may have asked for links: none of them outlives the reset.
    await voidTokens({ db: tx, clock: deps.clock }, accountId, 'reset');
    await voidTokens({ db: tx, clock: deps.clock }, accountId, 'login');
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
