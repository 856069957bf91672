import { eq } from 'drizzle-orm';
import type { Actor, Deps } from '../../context.ts';
import { AppError, invalidInput, unauthenticated } from '../../lib/errors.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { type Account, findAccountById, publicAccount } from './accounts.service.ts';
import { accounts } from './accounts.tables.ts';
import { type AuthLimits, authRateCheck } from './auth.limits.ts';
import { hashPassword, passwordProblem, verifyPassword } from './passwords.ts';
import { deleteAccountSessions } from './sessions.ts';
import { voidTokens } from './tokens.ts';

// What a signed-in person changes about its own account.

async function requireAccount(deps: Pick<Deps, 'db'>, actor: Actor | null): Promise<Account> {
  const account = actor?.accountId ? await findAccountById(deps.db, actor.accountId) : undefined;
  if (!account) throw unauthenticated();
  return account;
}

/**
 * Sets a new password. An account that has one must give it; an account invited by email (no password yet) sets its
 * first one. Every other session of the account ends; the current one (`keepToken`) stays; unused emailed links die.
 */
export async function changePassword(
  deps: Pick<Deps, 'db' | 'clock'> & { limits: AuthLimits },
  actor: Actor | null,
  input: { currentPassword?: string; password: string },
  ctx: { ip: string; keepToken?: string },
): Promise<Account> {
  const account = await requireAccount(deps, actor);
  await authRateCheck(deps.limits, 'change-password', ctx.ip, account.email);
  if (account.passwordHash) {
    const ok = input.currentPassword && (await verifyPassword(account.passwordHash, input.currentPassword));
    if (!ok)
      throw invalidInput('Mot de passe actuel incorrect', {
        currentPassword: 'mot de passe actuel incorrect',
      });
  }
  const problem = passwordProblem(input.password);
  if (problem) throw invalidInput(problem, { password: problem });
  const passwordHash = await hashPassword(input.password);
  return deps.db.transaction(async (tx) => {
    const [row] = await tx
      .update(accounts)
      .set({ passwordHash })
      .where(eq(accounts.id, account.id))
      .returning();
    await deleteAccountSessions(tx, account.id, ctx.keepToken);
    await voidTokens({ db: tx, clock: deps.clock }, account.id, 'reset');
    await voidTokens({ db: tx, clock: deps.clock }, account.id, 'login');
    await recordAudit(tx, actor, {
      action: account.passwordHash ? 'account.password-change' : 'account.password-set',
      entityType: 'account',
      entityId: account.id,
    });
    return row;
  });
}

/** Changes the account's display name or interface language. */
export async function updateProfile(
  deps: Pick<Deps, 'db'>,
  actor: Actor | null,
  patch: { name?: string; locale?: 'fr' | 'en' },
): Promise<Account> {
  const account = await requireAccount(deps, actor);
  if (Object.keys(patch).length === 0) return account;
  return deps.db.transaction(async (tx) => {
    const [row] = await tx.update(accounts).set(patch).where(eq(accounts.id, account.id)).returning();
    if (!row) throw new AppError('NOT_FOUND', 'Compte introuvable');
    await recordAudit(tx, actor, {
      action: 'account.update',
      entityType: 'account',
      entityId: account.id,
      before: publicAccount(account),
      after: publicAccount(row),
    });
    return row;
  });
}
