import { sql } from 'drizzle-orm';
import {
  type ErasurePart,
  type ErasureSubject,
  erased,
  type PersonalDataPart,
  type PrivacyCtx,
  type ProcessingActivity,
  plural,
} from '../privacy/privacy.types.ts';
import { organizations } from './organizations.tables.ts';

// Directory entries that give an address as the organisation's contact (a sole trader's own address, often).

export async function exportPersonalData(ctx: PrivacyCtx, email: string): Promise<PersonalDataPart> {
  const rows = await ctx.db
    .select({
      id: organizations.id,
      name: organizations.name,
      siret: organizations.siret,
      email: organizations.email,
      phone: organizations.phone,
      address: organizations.address,
      postalCode: organizations.postalCode,
      website: organizations.website,
      createdAt: organizations.createdAt,
    })
    .from(organizations)
    .where(sql`lower(${organizations.email}) = ${email}`);
  return { module: 'organizations', tables: [{ name: 'organizations', rows }] };
}

/** Erasure: the directory entry is the organisation's and stays; the person's address is taken off it. */
export async function erasePersonalData(ctx: PrivacyCtx, who: ErasureSubject): Promise<ErasurePart> {
  const n = (
    await ctx.db
      .update(organizations)
      .set({ email: null })
      .where(sql`lower(${organizations.email}) = ${who.email}`)
      .returning({ id: organizations.id })
  ).length;
  return {
    module: 'organizations',
    tables: erased(
      'organizations',
      0,
      n,
      `${plural(n, 'fiche')} d’organisation conservée${n > 1 ? 's' : ''} sans l’adresse de la personne`,
    ),
  };
}

export const processing: ProcessingActivity[] = [
  {
    id: 'organizations',
    name: { fr: 'Annuaire des organisations', en: 'Directory of organisations' },
    data: {
      fr: 'Coordonnées de l’organisation, parfois l’adresse d’une personne (entrepreneur individuel)',
      en: 'The organisation’s contact details, sometimes a person’s address (sole trader)',
    },
    purpose: {
      fr: 'Faire connaître les organisations de l’économie sociale',
      en: 'Make social economy organisations known',
    },
    legalBasis: {
      fr: 'Intérêt légitime (informations publiques des entreprises)',
      en: 'Legitimate interest (public company information)',
    },
    retention: () => ({ fr: 'Tant que l’organisation est active', en: 'While the organisation is active' }),
    audience: { fr: 'Le public', en: 'The public' },
  },
];
