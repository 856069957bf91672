import { createHash, randomBytes } from 'node:crypto';
import { and, eq, gt, lte, ne } from 'drizzle-orm';
import type { Actor, Clock } from '../../context.ts';
import type { Db } from '../../db/client.ts';
import { accounts, sessions } from './accounts.tables.ts';

export const SESSION_COOKIE = 'maillage_session';
export const SESSION_DAYS = 30;

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');
export const newToken = () => randomBytes(32).toString('base64url');

/** Opens a session for an account; returns the cookie token (only its hash is stored). */
export async function createSession(
  deps: { db: Db; clock: Clock },
  accountId: string,
  userAgent?: string,
): Promise<{ token: string; expiresAt: Date }> {
  const token = newToken();
  const now = deps.clock();
  const expiresAt = new Date(now.getTime() + SESSION_DAYS * 86_400_000);
  // Expired sessions of the account go when it opens a new one, so that the table does not only grow.
  await deps.db.delete(sessions).where(and(eq(sessions.accountId, accountId), lte(sessions.expiresAt, now)));
  await deps.db.insert(sessions).values({ tokenHash: hashToken(token), accountId, expiresAt, userAgent });
  return { token, expiresAt };
}

/** The actor behind a session cookie, or null when the token is unknown or expired. */
export async function resolveSession(
  deps: { db: Db; clock: Clock },
  token: string | undefined,
): Promise<Actor | null> {
  if (!token) return null;
  const [row] = await deps.db
    .select({
      id: accounts.id,
      email: accounts.email,
      name: accounts.name,
      isPlatformAdmin: accounts.isPlatformAdmin,
      locale: accounts.locale,
    })
    .from(sessions)
    .innerJoin(accounts, eq(accounts.id, sessions.accountId))
    .where(and(eq(sessions.tokenHash, hashToken(token)), gt(sessions.expiresAt, deps.clock())))
    .limit(1);
  if (!row) return null;
  return {
    accountId: row.id,
    email: row.email,
    name: row.name,
    isPlatformAdmin: row.isPlatformAdmin,
    locale: row.locale === 'en' ? 'en' : 'fr',
  };
}

export async function deleteSession(db: Db, token: string) {
  await db.delete(sessions).where(eq(sessions.tokenHash, hashToken(token)));
}

/** Ends every session of an account (after a password reset), optionally keeping one. */
export async function deleteAccountSessions(db: Db, accountId: string, keepToken?: string) {
  await db
    .delete(sessions)
    .where(
      and(
        eq(sessions.accountId, accountId),
        keepToken ? ne(sessions.tokenHash, hashToken(keepToken)) : undefined,
      ),
    );
}
