import { eq, sql } from 'drizzle-orm';
import {
  type ErasurePart,
  type ErasureSubject,
  erased,
  type PersonalDataPart,
  type PrivacyCtx,
  plural,
} from '../privacy/privacy.types.ts';
import { gtecRecipients, gtecWaves } from './gtec.tables.ts';

// A person in the surveys: the address a wave's invitation went to, as the member company's contact. The answers
// are the company's (headcounts, jobs), not the person's.

export async function exportPersonalData(ctx: PrivacyCtx, email: string): Promise<PersonalDataPart> {
  const rows = await ctx.db
    .select({
      wave: gtecWaves.title,
      invitedEmail: gtecRecipients.invitedEmail,
      submittedAt: gtecRecipients.submittedAt,
      remindersSent: gtecRecipients.remindersSent,
      createdAt: gtecRecipients.createdAt,
    })
    .from(gtecRecipients)
    .innerJoin(gtecWaves, eq(gtecWaves.id, gtecRecipients.waveId))
    .where(sql`lower(${gtecRecipients.invitedEmail}) = ${email}`);
  return { module: 'gtec', tables: [{ name: 'invitations', rows }] };
}

/** Erasure: the company's participation stays; the person's address is taken off the invitation. */
export async function erasePersonalData(ctx: PrivacyCtx, who: ErasureSubject): Promise<ErasurePart> {
  const n = (
    await ctx.db
      .update(gtecRecipients)
      .set({ invitedEmail: null })
      .where(sql`lower(${gtecRecipients.invitedEmail}) = ${who.email}`)
      .returning({ id: gtecRecipients.id })
  ).length;
  return {
    module: 'gtec',
    tables: erased(
      'gtec_recipients',
      0,
      n,
      `${plural(n, 'invitation')} à une enquête GTEC conservée${n > 1 ? 's' : ''} pour l’entreprise, sans l’adresse de la personne`,
    ),
  };
}
