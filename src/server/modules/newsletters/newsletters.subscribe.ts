import { randomBytes } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { Deps } from '../../context.ts';
import type { Db } from '../../db/client.ts';
import { conflict, invalidInput, notFound } from '../../lib/errors.ts';
import { networks } from '../accounts/accounts.tables.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { deliverFromOutbox, writeToOutbox } from '../mail/mail.outbox.ts';
import { hashToken } from '../registrations/registrations.tokens.ts';
import { findList, type ListRow } from './newsletters.access.ts';
import { newsletterSubscriptions, newsletterSuppressions } from './newsletters.tables.ts';
import { normaliseEmail, preferencesToken, preferencesUrl } from './newsletters.tokens.ts';

// The public form of a list, with double opt-in: the form records a pending subscription with its proof (when, IP,
// user agent, the exact consent text and its version) and mails a confirmation link; nothing is sent to the address
// from the list until it is confirmed. The answer is the same whether the address was on the list or not.

/** How long a confirmation link works. */
export const CONFIRM_VALID_MS = 7 * 86_400_000;

export const BAD_CONFIRM =
  'Ce lien de confirmation n’est pas valide (il a peut-être été modifié ou coupé). Copiez le lien complet depuis le courriel reçu.';
export const EXPIRED_CONFIRM =
  'Ce lien de confirmation a expiré (il est valable 7 jours). Inscrivez-vous de nouveau depuis le formulaire : un nouveau lien vous sera envoyé.';

/** A public, open list, else a 404 (private, archived and unknown lists look the same). */
async function requirePublicList(db: Db, listId: string) {
  const list = await findList(db, listId);
  if (list?.visibility !== 'public' || list.archivedAt) throw notFound('Liste introuvable');
  const [network] = await db
    .select({ name: networks.name, slug: networks.slug })
    .from(networks)
    .where(eq(networks.id, list.networkId));
  return { list, networkName: network?.name ?? '' };
}

/** What the public form shows: the list, its network and the consent text with its version. */
export async function publicList(deps: Pick<Deps, 'db'>, listId: string) {
  const { list, networkName } = await requirePublicList(deps.db, listId);
  return {
    id: list.id,
    name: list.name,
    description: list.description,
    networkName,
    consentText: list.consentText,
    consentVersion: list.consentVersion,
  };
}

export type SubscribeInput = {
  email: string;
  name?: string | null;
  consent: true;
  /** The version of the consent text the form showed: it must be the list's current one. */
  consentVersion: string;
  /** Honeypot: filled by robots only. */
  website?: string;
};
export type RequestProof = { ip: string; userAgent: string | null };

const newConfirmToken = () => randomBytes(24).toString('base64url');

function confirmMail(
  deps: Pick<Deps, 'config'>,
  list: ListRow,
  networkName: string,
  email: string,
  token: string | null,
) {
  const prefs = preferencesUrl(
    deps.config.publicUrl,
    preferencesToken(deps.config.sessionSecret, { networkId: list.networkId, email }),
  );
  const text = token
    ? [
        'Bonjour,',
        '',
        `Vous avez demandé à recevoir « ${list.name} » (${networkName}). Pour confirmer votre inscription, ouvrez ce lien dans les 7 jours :`,
        `${deps.config.publicUrl}/lettres/confirmer/${token}`,
        '',
        'Tant que vous n’avez pas confirmé, vous ne recevrez rien de cette liste.',
        'Vous n’avez rien demandé ? Ignorez ce message : vous ne serez pas inscrit.',
        '',
        `Gérer vos abonnements à ${networkName} : ${prefs}`,
      ]
    : [
        'Bonjour,',
        '',
        `Une inscription à « ${list.name} » (${networkName}) a été demandée avec cette adresse, qui y est déjà inscrite : il n’y a rien à faire.`,
        '',
        `Gérer vos abonnements à ${networkName} : ${prefs}`,
      ];
  return {
    to: email,
    subject: token ? `Confirmez votre inscription : ${list.name}` : `Vous êtes déjà inscrit : ${list.name}`,
    text: [...text, '', `— ${networkName}, avec Maillage`, ''].join('\n'),
    kind: token ? 'newsletters.confirm-subscription' : 'newsletters.already-subscribed',
  };
}

/**
 * Subscribes from the public form: a pending subscription with its proof and a confirmation mail (or, for an
 * address already confirmed, a mail saying so). Returns nothing that tells which case it was.
 */
export async function subscribe(
  deps: Pick<Deps, 'db' | 'clock' | 'config'>,
  listId: string,
  input: SubscribeInput,
  proof: RequestProof,
  source: 'form' | 'registration' = 'form',
): Promise<{ status: 'confirmation-sent' }> {
  const { list, networkName } = await requirePublicList(deps.db, listId);
  if (input.website?.trim()) return { status: 'confirmation-sent' };
  if (input.consentVersion !== list.consentVersion)
    throw conflict(
      'Le texte de consentement de cette liste vient de changer : rechargez la page, relisez-le et validez de nouveau.',
    );
  const email = normaliseEmail(input.email);
  const now = deps.clock();
  const ids = await deps.db.transaction(async (trx) => {
    const [existing] = await trx
      .select()
      .from(newsletterSubscriptions)
      .where(and(eq(newsletterSubscriptions.listId, list.id), eq(newsletterSubscriptions.email, email)));
    if (existing?.status === 'confirmed')
      return writeToOutbox(trx, [confirmMail(deps, list, networkName, email, null)], deps.config);
    const token = newConfirmToken();
    const fields = {
      name: input.name?.trim() || existing?.name || null,
      status: 'pending',
      legalBasis: 'consent',
      source,
      consentText: list.consentText,
      consentVersion: list.consentVersion,
      consentedAt: now,
      ip: proof.ip,
      userAgent: proof.userAgent?.slice(0, 500) ?? null,
      confirmTokenHash: hashToken(token),
      confirmedAt: null,
      // An earlier unsubscription stays recorded until the address confirms: a form filled in someone else's name
      // must not erase it (an import would then be free to re-subscribe them).
      updatedAt: now,
    };
    if (existing)
      await trx
        .update(newsletterSubscriptions)
        .set(fields)
        .where(eq(newsletterSubscriptions.id, existing.id));
    else
      await trx
        .insert(newsletterSubscriptions)
        .values({ ...fields, listId: list.id, networkId: list.networkId, email });
    return writeToOutbox(trx, [confirmMail(deps, list, networkName, email, token)], deps.config);
  });
  await deliverFromOutbox(deps, ids);
  return { status: 'confirmation-sent' };
}

/**
 * Confirms a subscription from the mailed link. Idempotent: a second click says it is confirmed. Confirming is
 * the person asking again, so it lifts the network's own "unsubscribed from everything" suppression (never a
 * platform-wide bounce or complaint).
 */
export async function confirmSubscription(deps: Pick<Deps, 'db' | 'clock'>, token: string) {
  const hash = /^[A-Za-z0-9_-]{20,100}$/.test(token) ? hashToken(token) : null;
  const [row] = hash
    ? await deps.db
        .select()
        .from(newsletterSubscriptions)
        .where(eq(newsletterSubscriptions.confirmTokenHash, hash))
    : [];
  if (!row) throw invalidInput(BAD_CONFIRM, { token: BAD_CONFIRM });
  const list = await findList(deps.db, row.listId);
  const answer = { listName: list?.name ?? '', email: row.email, status: 'confirmed' as const };
  if (row.status === 'confirmed') return { ...answer, already: true };
  if (row.status !== 'pending') throw invalidInput(BAD_CONFIRM, { token: BAD_CONFIRM });
  const now = deps.clock();
  if (!row.consentedAt || now.getTime() - row.consentedAt.getTime() > CONFIRM_VALID_MS)
    throw invalidInput(EXPIRED_CONFIRM, { token: EXPIRED_CONFIRM });
  await deps.db.transaction(async (trx) => {
    await trx
      .update(newsletterSubscriptions)
      .set({
        status: 'confirmed',
        confirmedAt: now,
        unsubscribedAt: null,
        unsubscribedHow: null,
        updatedAt: now,
      })
      .where(eq(newsletterSubscriptions.id, row.id));
    await trx
      .delete(newsletterSuppressions)
      .where(
        and(
          eq(newsletterSuppressions.networkId, row.networkId),
          eq(newsletterSuppressions.email, row.email),
          eq(newsletterSuppressions.reason, 'unsubscribed'),
        ),
      );
    await recordAudit(trx, null, {
      action: 'newsletters.subscription-confirm',
      entityType: 'newsletter_list',
      entityId: row.listId,
      networkIds: [row.networkId],
      after: { name: list?.name, consentVersion: row.consentVersion },
    });
  });
  return { ...answer, already: false };
}
