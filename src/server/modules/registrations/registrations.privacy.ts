import { and, eq, gt, lte, sql } from 'drizzle-orm';
import { eventTitles } from '../events/events.names.ts';
import {
  type ErasurePart,
  type ErasureSubject,
  erased,
  monthsText,
  type PersonalDataPart,
  type PrivacyCtx,
  type ProcessingActivity,
  plural,
  type RetentionFn,
} from '../privacy/privacy.types.ts';
import { registrationCounters, registrations } from './registrations.tables.ts';

// An address's registrations to events (never the hash of its personal link).

export async function exportPersonalData(ctx: PrivacyCtx, email: string): Promise<PersonalDataPart> {
  const rows = await ctx.db
    .select({
      id: registrations.id,
      eventId: registrations.eventId,
      occurrenceStartsAt: registrations.occurrenceStartsAt,
      status: registrations.status,
      name: registrations.name,
      email: registrations.email,
      organization: registrations.organization,
      accessibilityNeeds: registrations.accessibilityNeeds,
      consentAt: registrations.consentAt,
      promotedAt: registrations.promotedAt,
      cancelledAt: registrations.cancelledAt,
      cancelReason: registrations.cancelReason,
      checkedInAt: registrations.checkedInAt,
      remindedAt: registrations.remindedAt,
      feedbackSentAt: registrations.feedbackSentAt,
      createdAt: registrations.createdAt,
    })
    .from(registrations)
    .where(eq(registrations.email, email));
  const titles = await eventTitles(ctx.db, [...new Set(rows.map((r) => r.eventId))]);
  return {
    module: 'registrations',
    tables: [
      { name: 'registrations', rows: rows.map((r) => ({ event: titles.get(r.eventId) ?? null, ...r })) },
    ],
  };
}

/**
 * A registration with nothing of the person left: the row stays, so that the event's counts and attendance stay
 * true for statistics (a unique placeholder address, the personal link dead).
 */
export const pseudonymousRegistration = {
  name: 'personne effacée',
  email: sql`'efface-' || ${registrations.id} || '@invalide.invalid'`,
  organization: null,
  accessibilityNeeds: null,
  manageTokenHash: sql`'efface:' || ${registrations.id}`,
} as const;

/**
 * Erasure: registrations to dates already held are kept without the person (the counts stay); those to dates to
 * come are deleted and their seat given back to the live count (the waiting list is not promoted by this).
 */
export async function erasePersonalData(ctx: PrivacyCtx, who: ErasureSubject): Promise<ErasurePart> {
  const past = await ctx.db
    .update(registrations)
    .set(pseudonymousRegistration)
    .where(and(eq(registrations.email, who.email), lte(registrations.occurrenceStartsAt, who.now)))
    .returning({ id: registrations.id });
  const future = await ctx.db
    .delete(registrations)
    .where(and(eq(registrations.email, who.email), gt(registrations.occurrenceStartsAt, who.now)))
    .returning({
      eventId: registrations.eventId,
      at: registrations.occurrenceStartsAt,
      status: registrations.status,
    });
  for (const r of future.filter((f) => f.status !== 'cancelled'))
    await ctx.db
      .update(registrationCounters)
      .set(
        r.status === 'confirmed'
          ? { confirmed: sql`greatest(${registrationCounters.confirmed} - 1, 0)` }
          : { waitlisted: sql`greatest(${registrationCounters.waitlisted} - 1, 0)` },
      )
      .where(
        and(eq(registrationCounters.eventId, r.eventId), eq(registrationCounters.occurrenceStartsAt, r.at)),
      );
  const [p, f] = [past.length, future.length];
  return {
    module: 'registrations',
    tables: [
      ...erased(
        'event_registrations',
        f,
        0,
        `${plural(f, 'inscription')} à venir supprimée${f > 1 ? 's' : ''}`,
      ),
      ...erased(
        'event_registrations',
        0,
        p,
        `${plural(p, 'inscription')} passée${p > 1 ? 's' : ''} anonymisée${p > 1 ? 's' : ''} (comptée${p > 1 ? 's' : ''} dans les statistiques de l’événement)`,
      ),
    ],
  };
}

/** Retention: registrants of dates held more than `registrantsMonths` ago are pseudonymised (the counts stay). */
export const applyRetention: RetentionFn = async (ctx, rules, now) => {
  const before = new Date(now);
  before.setUTCMonth(before.getUTCMonth() - rules.registrantsMonths);
  const n = (
    await ctx.db
      .update(registrations)
      .set(pseudonymousRegistration)
      .where(
        and(lte(registrations.occurrenceStartsAt, before), sql`${registrations.email} not like 'efface-%'`),
      )
      .returning({ id: registrations.id })
  ).length;
  return erased(
    'event_registrations',
    0,
    n,
    `${plural(n, 'inscription')} à des événements passés anonymisée${n > 1 ? 's' : ''}`,
  );
};

export const processing: ProcessingActivity[] = [
  {
    id: 'registrations',
    name: { fr: 'Inscriptions aux événements', en: 'Event registrations' },
    data: {
      fr: 'Nom, adresse e-mail, organisation, besoins d’accessibilité, présence',
      en: 'Name, e-mail address, organisation, accessibility needs, attendance',
    },
    purpose: {
      fr: 'Gérer les places, la liste d’attente, les billets, les rappels et l’émargement',
      en: 'Manage seats, the waiting list, tickets, reminders and check-in',
    },
    legalBasis: {
      fr: 'Consentement (case cochée à l’inscription)',
      en: 'Consent (box ticked when registering)',
    },
    retention: (r) => ({
      fr: `${monthsText(r.registrantsMonths).fr} après l’événement, puis anonymisées (les effectifs restent)`,
      en: `${monthsText(r.registrantsMonths).en} after the event, then anonymised (the counts stay)`,
    }),
    audience: {
      fr: 'Les organisateurs de l’événement et les coordinateurs du réseau',
      en: 'The event’s organisers and the network’s coordinators',
    },
  },
];
