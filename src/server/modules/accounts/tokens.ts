import { and, eq, gt, isNull } from 'drizzle-orm';
import type { Clock } from '../../context.ts';
import type { Db } from '../../db/client.ts';
import { oneTimeTokens } from './accounts.tables.ts';
import { hashToken, newToken } from './sessions.ts';

export type TokenPurpose = 'login' | 'reset';

export const LOGIN_LINK_TTL_MS = 15 * 60_000;
export const RESET_LINK_TTL_MS = 60 * 60_000;
/** Invitations (new coordinator, organisation editor) and the welcome mail: the reader may open them later. */
export const INVITATION_TTL_MS = 72 * 3600_000;

/** Issues an emailed one-time token; only its hash is stored. */
export async function issueToken(
  deps: { db: Db; clock: Clock },
  accountId: string,
  purpose: TokenPurpose,
  ttlMs: number,
): Promise<string> {
  const token = newToken();
  await deps.db.insert(oneTimeTokens).values({
    tokenHash: hashToken(token),
    accountId,
    purpose,
    createdAt: deps.clock(),
    expiresAt: new Date(deps.clock().getTime() + ttlMs),
  });
  return token;
}

/**
 * Uses a token once: the account id when the token is known, unexpired, unused and for this purpose; null otherwise.
 * One UPDATE marks it used, so that two concurrent uses cannot both succeed.
 */
export async function consumeToken(
  deps: { db: Db; clock: Clock },
  token: string,
  purpose: TokenPurpose,
): Promise<string | null> {
  const now = deps.clock();
  const [row] = await deps.db
    .update(oneTimeTokens)
    .set({ usedAt: now })
    .where(
      and(
        eq(oneTimeTokens.tokenHash, hashToken(token)),
        eq(oneTimeTokens.purpose, purpose),
        isNull(oneTimeTokens.usedAt),
        gt(oneTimeTokens.expiresAt, now),
      ),
    )
    .returning({ accountId: oneTimeTokens.accountId });
  return row?.accountId ?? null;
}

/** Voids every unused token of an account for a purpose (after a password reset, the other reset links die). */
export async function voidTokens(deps: { db: Db; clock: Clock }, accountId: string, purpose: TokenPurpose) {
  await deps.db
    .update(oneTimeTokens)
    .set({ usedAt: deps.clock() })
    .where(
      and(
        eq(oneTimeTokens.accountId, accountId),
        eq(oneTimeTokens.purpose, purpose),
        isNull(oneTimeTokens.usedAt),
      ),
    );
}
