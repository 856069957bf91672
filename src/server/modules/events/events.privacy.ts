import { or, sql } from 'drizzle-orm';
import type { PersonalDataPart, PrivacyCtx } from '../privacy/privacy.types.ts';
import { events } from './events.tables.ts';

// Events that name an address: as their public contact, or as the account told of moderation decisions.

export async function exportPersonalData(ctx: PrivacyCtx, email: string): Promise<PersonalDataPart> {
  const rows = await ctx.db
    .select({
      id: events.id,
      title: events.title,
      status: events.status,
      contactName: events.contactName,
      contactEmail: events.contactEmail,
      contactPhone: events.contactPhone,
      notifyEmail: events.notifyEmail,
      createdAt: events.createdAt,
    })
    .from(events)
    .where(or(sql`lower(${events.contactEmail}) = ${email}`, sql`lower(${events.notifyEmail}) = ${email}`));
  return { module: 'events', tables: [{ name: 'events', rows }] };
}
