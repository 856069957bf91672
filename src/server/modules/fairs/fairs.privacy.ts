import { eq, sql } from 'drizzle-orm';
import type { PersonalDataPart, PrivacyCtx } from '../privacy/privacy.types.ts';
import { fairExhibitors, fairs } from './fairs.tables.ts';

// The exhibitor applications an address made (as their contact).

export async function exportPersonalData(ctx: PrivacyCtx, email: string): Promise<PersonalDataPart> {
  const rows = await ctx.db
    .select({
      id: fairExhibitors.id,
      fair: fairs.name,
      contactName: fairExhibitors.contactName,
      contactEmail: fairExhibitors.contactEmail,
      pitch: fairExhibitors.pitch,
      status: fairExhibitors.status,
      decisionMessage: fairExhibitors.decisionMessage,
      withdrawalMessage: fairExhibitors.withdrawalMessage,
      createdAt: fairExhibitors.createdAt,
    })
    .from(fairExhibitors)
    .innerJoin(fairs, eq(fairs.id, fairExhibitors.fairId))
    .where(sql`lower(${fairExhibitors.contactEmail}) = ${email}`);
  return { module: 'fairs', tables: [{ name: 'exhibitors', rows }] };
}
