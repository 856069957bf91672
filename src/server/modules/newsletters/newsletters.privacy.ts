import { eq, or, sql } from 'drizzle-orm';
import { networkNames } from '../accounts/accounts.names.ts';
import type { PersonalDataPart, PrivacyCtx } from '../privacy/privacy.types.ts';
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
