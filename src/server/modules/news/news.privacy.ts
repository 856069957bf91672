import { eq } from 'drizzle-orm';
import { accountIdOfEmail } from '../accounts/accounts.privacy.ts';
import {
  type ErasurePart,
  type ErasureSubject,
  erased,
  type PersonalDataPart,
  type PrivacyCtx,
  type ProcessingActivity,
  plural,
} from '../privacy/privacy.types.ts';
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

/** Erasure: the posts are the network's and stay, no longer signed by the person's account. */
export async function erasePersonalData(ctx: PrivacyCtx, who: ErasureSubject): Promise<ErasurePart> {
  const accountId = await accountIdOfEmail(ctx, who.email);
  if (!accountId) return { module: 'news', tables: [] };
  const n = (
    await ctx.db
      .update(newsPosts)
      .set({ createdBy: null })
      .where(eq(newsPosts.createdBy, accountId))
      .returning({ id: newsPosts.id })
  ).length;
  return {
    module: 'news',
    tables: erased(
      'news_posts',
      0,
      n,
      `${plural(n, 'actualité')} conservée${n > 1 ? 's' : ''} sans son auteur`,
    ),
  };
}

export const processing: ProcessingActivity[] = [
  {
    id: 'news',
    name: { fr: 'Actualités', en: 'News' },
    data: {
      fr: 'Auteur (compte de l’équipe) des actualités',
      en: 'Author (staff account) of the news posts',
    },
    purpose: { fr: 'Publier les actualités du réseau', en: 'Publish the network’s news' },
    legalBasis: { fr: 'Intérêt légitime du réseau', en: 'The network’s legitimate interest' },
    retention: () => ({ fr: 'Tant que l’actualité est publiée', en: 'While the post is published' }),
    audience: {
      fr: 'Le public ; l’équipe du réseau pour l’auteur',
      en: 'The public; the network’s staff for the author',
    },
  },
];
