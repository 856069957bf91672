import { sql } from 'drizzle-orm';
import type { PersonalDataPart, PrivacyCtx } from '../privacy/privacy.types.ts';
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
