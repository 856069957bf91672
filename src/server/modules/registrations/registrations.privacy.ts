import { eq } from 'drizzle-orm';
import { eventTitles } from '../events/events.names.ts';
import type { PersonalDataPart, PrivacyCtx } from '../privacy/privacy.types.ts';
import { registrations } from './registrations.tables.ts';

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
