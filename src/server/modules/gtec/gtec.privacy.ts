import { eq, inArray, lt, sql } from 'drizzle-orm';
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
import { gtecAnswers, gtecRecipients, gtecWaves } from './gtec.tables.ts';

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

/** Retention (when set): the answers to waves closed more than `gtecAnswersMonths` ago are deleted. */
export const applyRetention: RetentionFn = async (ctx, rules, now) => {
  if (rules.gtecAnswersMonths === null) return [];
  const before = new Date(now);
  before.setUTCMonth(before.getUTCMonth() - rules.gtecAnswersMonths);
  const n = (
    await ctx.db
      .delete(gtecAnswers)
      .where(
        inArray(
          gtecAnswers.waveId,
          ctx.db
            .select({ id: gtecWaves.id })
            .from(gtecWaves)
            .where(lt(gtecWaves.closesOn, before.toISOString().slice(0, 10))),
        ),
      )
      .returning({ id: gtecAnswers.recipientId })
  ).length;
  return erased(
    'gtec_answers',
    n,
    0,
    `${plural(n, 'réponse')} à des enquêtes GTEC closes supprimée${n > 1 ? 's' : ''}`,
  );
};

export const processing: ProcessingActivity[] = [
  {
    id: 'gtec',
    name: { fr: 'Enquêtes GTEC (emplois et compétences)', en: 'GTEC surveys (jobs and skills)' },
    data: {
      fr: 'Adresse du contact invité ; les réponses sont celles de l’entreprise (effectifs, métiers)',
      en: 'Address of the invited contact; the answers are the company’s (headcounts, jobs)',
    },
    purpose: {
      fr: 'Connaître les besoins en emplois et compétences du territoire',
      en: 'Know the area’s job and skill needs',
    },
    legalBasis: { fr: 'Intérêt légitime du réseau', en: 'The network’s legitimate interest' },
    retention: (r) => ({
      fr:
        r.gtecAnswersMonths === null
          ? 'Jusqu’à ce que le réseau les supprime'
          : `${monthsText(r.gtecAnswersMonths).fr} après la clôture de l’enquête`,
      en:
        r.gtecAnswersMonths === null
          ? 'Until the network deletes them'
          : `${monthsText(r.gtecAnswersMonths).en} after the survey closes`,
    }),
    audience: {
      fr: 'L’entreprise seule pour ses réponses ; les coordinateurs voient qui a répondu',
      en: 'The company alone for its answers; coordinators see who answered',
    },
  },
];
