import { and, eq, inArray, isNull, ne, or, type SQL, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { Deps } from '../../context.ts';
import type { Db } from '../../db/client.ts';
import { invalidInput } from '../../lib/errors.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { newsletterLists, newsletterSubscriptions, newsletterSuppressions } from './newsletters.tables.ts';
import { normaliseEmail, readUnsubscribeToken } from './newsletters.tokens.ts';

// Leaving: from one list or from all of a network's lists, by the visible link, the one-click POST of a mail
// client (RFC 8058), or because the address bounced or complained. And the suppression list every sending checks.

export type UnsubscribeHow = 'link' | 'one_click' | 'bounce' | 'complaint';

export const BAD_LINK =
  'Ce lien de désinscription n’est pas valide (il a peut-être été modifié ou coupé). Copiez le lien complet depuis le courriel reçu.';

/**
 * A condition, for the sender's queries, that holds when `emailColumn` (lower-cased addresses) is suppressed for
 * `networkId`: by that network's suppression list or a platform-wide one (network_id null: a hard bounce, a
 * complaint). Use as `where not (${suppressedSql(...)})`.
 */
export function suppressedSql(networkId: string, emailColumn: AnyPgColumn | SQL): SQL {
  return sql`exists (select 1 from ${newsletterSuppressions} s
    where s.email = ${emailColumn} and (s.network_id is null or s.network_id = ${networkId}))`;
}

/** Whether `email` must not be written to by `networkId` (its suppression list or the platform's). */
export async function isSuppressed(db: Db, networkId: string, email: string): Promise<boolean> {
  const rows = await db
    .select({ id: newsletterSuppressions.id })
    .from(newsletterSuppressions)
    .where(
      and(
        eq(newsletterSuppressions.email, normaliseEmail(email)),
        or(isNull(newsletterSuppressions.networkId), eq(newsletterSuppressions.networkId, networkId)),
      ),
    )
    .limit(1);
  return rows.length > 0;
}

/** Adds an address to a suppression list (a network's, or the platform's with null); nothing if already there. */
export async function suppress(
  db: Db,
  entry: { networkId: string | null; email: string; reason: string; detail?: string | null },
) {
  await db
    .insert(newsletterSuppressions)
    .values({
      networkId: entry.networkId,
      email: normaliseEmail(entry.email),
      reason: entry.reason,
      detail: entry.detail ?? null,
    })
    .onConflictDoNothing();
}

export type UnsubscribeResult = {
  networkId: string;
  /** The list left, or null when the address left every list of the network. */
  listId: string | null;
  listName: string | null;
  /** Subscriptions that this call ended (0 when it was done already: the call is idempotent). */
  ended: number;
};

/**
 * Unsubscribes the recipient of an unsubscribe token, at once and without an account. A token without a list, a
 * bounce or a complaint ends every subscription of the address to the network's lists and suppresses it (the
 * network's list for `link`/`one_click`; the platform's for a bounce or a complaint). Idempotent. A malformed or
 * altered token is a 400 that names nobody.
 */
export async function unsubscribe(
  deps: Pick<Deps, 'db' | 'clock' | 'config'>,
  token: string,
  how: UnsubscribeHow,
): Promise<UnsubscribeResult> {
  const p = readUnsubscribeToken(deps.config.sessionSecret, token);
  if (!p) throw invalidInput(BAD_LINK, { token: BAD_LINK });
  const now = deps.clock();
  const everything = p.listId === null || how === 'bounce' || how === 'complaint';
  return deps.db.transaction(async (trx) => {
    const list = p.listId
      ? (
          await trx
            .select({ id: newsletterLists.id, name: newsletterLists.name })
            .from(newsletterLists)
            .where(and(eq(newsletterLists.id, p.listId), eq(newsletterLists.networkId, p.networkId)))
        )[0]
      : undefined;
    const ended = await trx
      .update(newsletterSubscriptions)
      .set({ status: 'unsubscribed', unsubscribedAt: now, unsubscribedHow: how, updatedAt: now })
      .where(
        and(
          eq(newsletterSubscriptions.networkId, p.networkId),
          eq(newsletterSubscriptions.email, p.email),
          ne(newsletterSubscriptions.status, 'unsubscribed'),
          everything || !p.listId ? undefined : inArray(newsletterSubscriptions.listId, [p.listId]),
        ),
      )
      .returning({ id: newsletterSubscriptions.id, listId: newsletterSubscriptions.listId });
    if (everything) {
      const platform = how === 'bounce' || how === 'complaint';
      await suppress(trx, {
        networkId: platform ? null : p.networkId,
        email: p.email,
        reason: how === 'bounce' ? 'hard_bounce' : how === 'complaint' ? 'complaint' : 'unsubscribed',
      });
    }
    if (ended.length > 0)
      await recordAudit(trx, null, {
        action: everything ? 'newsletters.unsubscribed-all' : 'newsletters.unsubscribed',
        entityType: 'newsletter_list',
        entityId: everything ? null : (p.listId ?? null),
        networkIds: [p.networkId],
        after: { how, lists: ended.length, name: list?.name },
      });
    return {
      networkId: p.networkId,
      listId: everything ? null : p.listId,
      listName: everything ? null : (list?.name ?? null),
      ended: ended.length,
    };
  });
}
