import { eq } from 'drizzle-orm';
import { accountIdOfEmail } from '../accounts/accounts.privacy.ts';
import type { PersonalDataPart, PrivacyCtx } from '../privacy/privacy.types.ts';
import { newsPosts } from './news.tables.ts';

// The news posts a person wrote from their account (the network's staff).

export async function exportPersonalData(ctx: PrivacyCtx, email: string): Promise<PersonalDataPart> {
  const accountId = await accountIdOfEmail(ctx, email);
  if (!accountId) return { module: 'news', tables: [] };
  const rows = await ctx.db
    .select({
      id: newsPosts.id,
      title: newsPosts.title,
      status: newsPosts.status,
      publishedAt: newsPosts.publishedAt,
      createdAt: newsPosts.createdAt,
    })
    .from(newsPosts)
    .where(eq(newsPosts.createdBy, accountId));
  return { module: 'news', tables: [{ name: 'posts-written', rows }] };
}
