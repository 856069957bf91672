import { and, asc, eq, isNull } from 'drizzle-orm';
import type { Deps } from '../../context.ts';
import { conflict, invalidInput, notFound } from '../../lib/errors.ts';
import { networks } from '../accounts/accounts.tables.ts';
import { recordAudit } from '../audit/audit.service.ts';
import type { RequestProof } from './newsletters.subscribe.ts';
import { newsletterLists, newsletterSubscriptions, newsletterSuppressions } from './newsletters.tables.ts';
import { readPreferencesToken, unsubscribeToken } from './newsletters.tokens.ts';
import { unsubscribe } from './newsletters.unsubscribe.ts';

// The preferences page of an address, from the link of every mail, without an account: the network's lists the
// address is on, leaving one or all of them, and coming back to a list it left (consent asked again, new proof).

export const BAD_PREFERENCES =
  'Ce lien de gestion des abonnements n’est pas valide (il a peut-être été modifié ou coupé). Copiez le lien complet depuis le courriel reçu.';

type PrefsDeps = Pick<Deps, 'db' | 'clock' | 'config'>;

function readToken(deps: PrefsDeps, token: string) {
  const p = readPreferencesToken(deps.config.sessionSecret, token);
  if (!p) throw invalidInput(BAD_PREFERENCES, { token: BAD_PREFERENCES });
  return p;
}

/** The address's subscriptions to the network's lists (whatever their state), and whether it left them all. */
export async function readPreferences(deps: PrefsDeps, token: string) {
  const p = readToken(deps, token);
  const [network] = await deps.db
    .select({ name: networks.name })
    .from(networks)
    .where(eq(networks.id, p.networkId));
  if (!network) throw notFound('Réseau introuvable');
  const s = newsletterSubscriptions;
  const rows = await deps.db
    .select({
      listId: newsletterLists.id,
      name: newsletterLists.name,
      description: newsletterLists.description,
      consentText: newsletterLists.consentText,
      consentVersion: newsletterLists.consentVersion,
      archivedAt: newsletterLists.archivedAt,
      status: s.status,
      since: s.confirmedAt,
      unsubscribedAt: s.unsubscribedAt,
    })
    .from(s)
    .innerJoin(newsletterLists, eq(newsletterLists.id, s.listId))
    .where(and(eq(s.networkId, p.networkId), eq(s.email, p.email)))
    .orderBy(asc(newsletterLists.name));
  const [all] = await deps.db
    .select({ id: newsletterSuppressions.id })
    .from(newsletterSuppressions)
    .where(
      and(
        eq(newsletterSuppressions.networkId, p.networkId),
        eq(newsletterSuppressions.email, p.email),
        eq(newsletterSuppressions.reason, 'unsubscribed'),
      ),
    );
  return {
    networkName: network.name,
    email: p.email,
    unsubscribedFromAll: Boolean(all),
    lists: rows
      .filter((r) => !r.archivedAt || r.status !== 'unsubscribed')
      .map((r) => ({
        id: r.listId,
        name: r.name,
        description: r.description,
        status: r.status as 'pending' | 'confirmed' | 'unsubscribed',
        since: r.since,
        unsubscribedAt: r.unsubscribedAt,
        /** Coming back is offered for a list that is still open. */
        canResubscribe: r.status === 'unsubscribed' && !r.archivedAt,
        consentText: r.consentText,
        consentVersion: r.consentVersion,
      })),
  };
}

/** Leaves one list (`listId`) or every list of the network (null: the network's suppression list too). */
export async function unsubscribeFromPreferences(deps: PrefsDeps, token: string, listId: string | null) {
  const p = readToken(deps, token);
  if (listId) {
    const [sub] = await deps.db
      .select({ id: newsletterSubscriptions.id })
      .from(newsletterSubscriptions)
      .where(
        and(
          eq(newsletterSubscriptions.listId, listId),
          eq(newsletterSubscriptions.networkId, p.networkId),
          eq(newsletterSubscriptions.email, p.email),
        ),
      );
    if (!sub) throw notFound('Cette adresse n’est pas inscrite à cette liste.');
  }
  const unsub = unsubscribeToken(deps.config.sessionSecret, { ...p, listId });
  await unsubscribe(deps, unsub, 'link');
  return readPreferences(deps, token);
}

/**
 * Comes back to a list the address left: consent is asked again and recorded (text, version, when, IP, user
 * agent). The link was mailed to the address, which proves it, so the subscription is confirmed at once; the
 * network's "everything" suppression is lifted (a bounce or a complaint, platform-wide, is not).
 */
export async function resubscribe(
  deps: PrefsDeps,
  token: string,
  input: { listId: string; consent: true; consentVersion: string },
  proof: RequestProof,
) {
  const p = readToken(deps, token);
  const [row] = await deps.db
    .select({ sub: newsletterSubscriptions, list: newsletterLists })
    .from(newsletterSubscriptions)
    .innerJoin(newsletterLists, eq(newsletterLists.id, newsletterSubscriptions.listId))
    .where(
      and(
        eq(newsletterSubscriptions.listId, input.listId),
        eq(newsletterSubscriptions.networkId, p.networkId),
        eq(newsletterSubscriptions.email, p.email),
        isNull(newsletterLists.archivedAt),
      ),
    );
  if (!row) throw notFound('Cette adresse n’a pas quitté cette liste, ou la liste est fermée.');
  if (row.list.consentVersion !== input.consentVersion)
    throw conflict(
      'Le texte de consentement de cette liste vient de changer : relisez-le et validez de nouveau.',
    );
  if (row.sub.status !== 'unsubscribed') return readPreferences(deps, token);
  const suppressedElsewhere = await isSuppressedPlatformWide(deps, p.email);
  if (suppressedElsewhere)
    throw conflict(
      'Les courriels envoyés à cette adresse ont été refusés par sa messagerie : elle ne peut pas être réinscrite ici. Écrivez au réseau.',
    );
  const now = deps.clock();
  await deps.db.transaction(async (trx) => {
    await trx
      .update(newsletterSubscriptions)
      .set({
        status: 'confirmed',
        legalBasis: 'consent',
        source: 'preferences',
        consentText: row.list.consentText,
        consentVersion: row.list.consentVersion,
        consentedAt: now,
        confirmedAt: now,
        ip: proof.ip,
        userAgent: proof.userAgent?.slice(0, 500) ?? null,
        confirmTokenHash: null,
        unsubscribedAt: null,
        unsubscribedHow: null,
        updatedAt: now,
      })
      .where(eq(newsletterSubscriptions.id, row.sub.id));
    await trx
      .delete(newsletterSuppressions)
      .where(
        and(
          eq(newsletterSuppressions.networkId, p.networkId),
          eq(newsletterSuppressions.email, p.email),
          eq(newsletterSuppressions.reason, 'unsubscribed'),
        ),
      );
    await recordAudit(trx, null, {
      action: 'newsletters.resubscribe',
      entityType: 'newsletter_list',
      entityId: row.list.id,
      networkIds: [p.networkId],
      after: { name: row.list.name, consentVersion: row.list.consentVersion },
    });
  });
  return readPreferences(deps, token);
}

async function isSuppressedPlatformWide(deps: PrefsDeps, email: string) {
  const [row] = await deps.db
    .select({ id: newsletterSuppressions.id })
    .from(newsletterSuppressions)
    .where(and(isNull(newsletterSuppressions.networkId), eq(newsletterSuppressions.email, email)));
  return Boolean(row);
}
