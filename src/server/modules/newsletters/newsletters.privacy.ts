import { and, eq, lt, or, sql } from 'drizzle-orm';
import { networkNames } from '../accounts/accounts.names.ts';
import {
  type ErasurePart,
  type ErasureSubject,
  erased,
  type PersonalDataPart,
  type PrivacyCtx,
  type ProcessingActivity,
  plural,
  type RetentionFn,
} from '../privacy/privacy.types.ts';
import { newsletterBounces, newsletterIssueRecipients } from './newsletters.issues.tables.ts';
import { newsletterLists, newsletterSubscriptions, newsletterSuppressions } from './newsletters.tables.ts';

// The newsletters' part of a person's data export: their subscriptions with the proof of consent (never the
// confirmation token's hash) and the suppressions of the address.

export async function exportPersonalData(ctx: PrivacyCtx, email: string): Promise<PersonalDataPart> {
  const [subscriptions, suppressions] = await Promise.all([
    ctx.db
      .select({
        list: newsletterLists.name,
        networkId: newsletterSubscriptions.networkId,
        email: newsletterSubscriptions.email,
        name: newsletterSubscriptions.name,
        status: newsletterSubscriptions.status,
        legalBasis: newsletterSubscriptions.legalBasis,
        source: newsletterSubscriptions.source,
        consentText: newsletterSubscriptions.consentText,
        consentVersion: newsletterSubscriptions.consentVersion,
        consentedAt: newsletterSubscriptions.consentedAt,
        ip: newsletterSubscriptions.ip,
        userAgent: newsletterSubscriptions.userAgent,
        confirmedAt: newsletterSubscriptions.confirmedAt,
        unsubscribedAt: newsletterSubscriptions.unsubscribedAt,
        unsubscribedHow: newsletterSubscriptions.unsubscribedHow,
        createdAt: newsletterSubscriptions.createdAt,
      })
      .from(newsletterSubscriptions)
      .innerJoin(newsletterLists, eq(newsletterLists.id, newsletterSubscriptions.listId))
      .where(
        or(eq(newsletterSubscriptions.email, email), sql`lower(${newsletterSubscriptions.email}) = ${email}`),
      ),
    ctx.db
      .select({
        networkId: newsletterSuppressions.networkId,
        email: newsletterSuppressions.email,
        reason: newsletterSuppressions.reason,
        detail: newsletterSuppressions.detail,
        createdAt: newsletterSuppressions.createdAt,
      })
      .from(newsletterSuppressions)
      .where(
        or(eq(newsletterSuppressions.email, email), sql`lower(${newsletterSuppressions.email}) = ${email}`),
      ),
  ]);
  const nets = await networkNames(ctx.db, [
    ...new Set([...subscriptions, ...suppressions].map((r) => r.networkId).filter((n): n is string => !!n)),
  ]);
  const named = <T extends { networkId: string | null }>(r: T) => ({
    network: r.networkId ? (nets.get(r.networkId) ?? null) : 'toute la plateforme',
    ...r,
  });
  return {
    module: 'newsletters',
    tables: [
      { name: 'subscriptions', rows: subscriptions.map(named) },
      { name: 'suppressions', rows: suppressions.map(named) },
    ],
  };
}

/**
 * Erasure: the subscriptions and suppressions of the address go; one platform-wide suppression takes their place,
 * holding only the address's hash (`erased`), which the import checks, so that the address is never subscribed
 * again by a file. The letters already sent keep their counts, to a placeholder address.
 */
export async function erasePersonalData(ctx: PrivacyCtx, who: ErasureSubject): Promise<ErasurePart> {
  const byEmail = (col: typeof newsletterSubscriptions.email | typeof newsletterSuppressions.email) =>
    or(eq(col, who.email), sql`lower(${col}) = ${who.email}`);
  const subs = await ctx.db
    .delete(newsletterSubscriptions)
    .where(byEmail(newsletterSubscriptions.email))
    .returning({ id: newsletterSubscriptions.id });
  const sups = await ctx.db
    .delete(newsletterSuppressions)
    .where(byEmail(newsletterSuppressions.email))
    .returning({ id: newsletterSuppressions.id });
  await ctx.db
    .insert(newsletterSuppressions)
    .values({ email: who.hash, reason: 'erased', detail: 'personne effacée à sa demande' })
    .onConflictDoNothing();
  const r = newsletterIssueRecipients;
  const sent = await ctx.db
    .update(r)
    .set({
      email: sql`'efface-' || ${r.id} || '@invalide.invalid'`,
      name: null,
      status: sql`case when ${r.status} in ('queued', 'sending') then 'suppressed' else ${r.status} end`,
    })
    .where(sql`lower(${r.email}) = ${who.email}`)
    .returning({ id: r.id });
  await ctx.db
    .update(newsletterBounces)
    .set({ email: null })
    .where(sql`lower(${newsletterBounces.email}) = ${who.email}`);
  const [s, x, n] = [subs.length, sups.length, sent.length];
  return {
    module: 'newsletters',
    tables: [
      ...erased(
        'newsletter_subscriptions',
        s,
        0,
        `${plural(s, 'abonnement')} aux lettres supprimé${s > 1 ? 's' : ''}`,
      ),
      ...erased(
        'newsletter_suppressions',
        x,
        1,
        `adresse gardée sous forme d’empreinte dans la liste d’exclusion : elle ne sera jamais réinscrite par un import`,
      ),
      ...erased(
        'newsletter_issue_recipients',
        0,
        n,
        `${plural(n, 'envoi')} de lettre conservé${n > 1 ? 's' : ''} pour les statistiques, sans l’adresse`,
      ),
    ],
  };
}

/** Retention: subscriptions never confirmed within `unconfirmedSubscriptionDays` are deleted. */
export const applyRetention: RetentionFn = async (ctx, rules, now) => {
  const before = new Date(now.getTime() - rules.unconfirmedSubscriptionDays * 86_400_000);
  const n = (
    await ctx.db
      .delete(newsletterSubscriptions)
      .where(
        and(eq(newsletterSubscriptions.status, 'pending'), lt(newsletterSubscriptions.createdAt, before)),
      )
      .returning({ id: newsletterSubscriptions.id })
  ).length;
  return erased(
    'newsletter_subscriptions',
    n,
    0,
    `${plural(n, 'inscription')} à une lettre jamais confirmée${n > 1 ? 's' : ''} supprimée${n > 1 ? 's' : ''}`,
  );
};

export const processing: ProcessingActivity[] = [
  {
    id: 'newsletters',
    name: { fr: 'Lettres d’information', en: 'Newsletters' },
    data: {
      fr: 'Adresse e-mail, nom, preuve du consentement (texte, date, adresse IP), désinscriptions',
      en: 'E-mail address, name, proof of consent (text, date, IP address), unsubscriptions',
    },
    purpose: { fr: 'Envoyer les lettres des réseaux', en: 'Send the networks’ newsletters' },
    legalBasis: {
      fr: 'Consentement (double confirmation) ou intérêt légitime pour les adhérents',
      en: 'Consent (double opt-in) or legitimate interest for members',
    },
    retention: (r) => ({
      fr: `Jusqu’à la désinscription ; une inscription non confirmée est supprimée après ${r.unconfirmedSubscriptionDays} jours ; les adresses exclues restent exclues (sous forme d’empreinte après effacement)`,
      en: `Until unsubscribing; an unconfirmed subscription is deleted after ${r.unconfirmedSubscriptionDays} days; suppressed addresses stay suppressed (as a hash after erasure)`,
    }),
    audience: { fr: 'Les coordinateurs du réseau', en: 'The network’s coordinators' },
  },
];
