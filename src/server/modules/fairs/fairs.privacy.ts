import { eq, sql } from 'drizzle-orm';
import {
  type ErasurePart,
  type ErasureSubject,
  erased,
  type PersonalDataPart,
  type PrivacyCtx,
  type ProcessingActivity,
  plural,
} from '../privacy/privacy.types.ts';
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

/** Erasure: an exhibitor is an organisation and stays; its contact becomes the pseudonym. */
export async function erasePersonalData(ctx: PrivacyCtx, who: ErasureSubject): Promise<ErasurePart> {
  const n = (
    await ctx.db
      .update(fairExhibitors)
      .set({ contactName: who.pseudonym, contactEmail: `efface-${who.hash.slice(7, 15)}@invalide.invalid` })
      .where(sql`lower(${fairExhibitors.contactEmail}) = ${who.email}`)
      .returning({ id: fairExhibitors.id })
  ).length;
  return {
    module: 'fairs',
    tables: erased(
      'fair_exhibitors',
      0,
      n,
      `${plural(n, 'candidature')} d’exposant conservée${n > 1 ? 's' : ''}, contact remplacé`,
    ),
  };
}

export const processing: ProcessingActivity[] = [
  {
    id: 'fairs',
    name: { fr: 'Exposants des salons', en: 'Fair exhibitors' },
    data: {
      fr: 'Nom et adresse e-mail du contact de l’exposant',
      en: 'Name and e-mail address of the exhibitor’s contact',
    },
    purpose: { fr: 'Gérer les candidatures et les stands', en: 'Manage applications and stands' },
    legalBasis: { fr: 'Exécution de la candidature', en: 'Performance of the application' },
    retention: () => ({
      fr: 'Tant que le salon existe ; contact remplacé après effacement',
      en: 'While the fair exists; contact replaced after erasure',
    }),
    audience: { fr: 'Les coordinateurs du réseau', en: 'The network’s coordinators' },
  },
];
