import { eq, inArray, or, sql } from 'drizzle-orm';
import { accountIdOfEmail } from '../accounts/accounts.privacy.ts';
import { memberNames } from '../memberships/memberships.names.ts';
import { memberIdsOfContact } from '../memberships/memberships.privacy.ts';
import {
  type ErasurePart,
  type ErasureSubject,
  erased,
  type PersonalDataPart,
  type PrivacyCtx,
  type ProcessingActivity,
  personPattern,
  plural,
} from '../privacy/privacy.types.ts';
import { exchangePosts, introductions } from './networking.tables.ts';

// A person in the networking: the offers and needs they posted (from their account), and the introductions they
// asked for or that were mailed to them as the named contact of a member (never the answer links' hashes).

export async function exportPersonalData(ctx: PrivacyCtx, email: string): Promise<PersonalDataPart> {
  const [accountId, memberIds] = await Promise.all([
    accountIdOfEmail(ctx, email),
    memberIdsOfContact(ctx, email),
  ]);
  if (!accountId && memberIds.length === 0) return { module: 'networking', tables: [] };
  const [posts, intros] = await Promise.all([
    accountId
      ? ctx.db
          .select({
            id: exchangePosts.id,
            memberId: exchangePosts.memberId,
            kind: exchangePosts.kind,
            title: exchangePosts.title,
            body: exchangePosts.body,
            category: exchangePosts.category,
            visibility: exchangePosts.visibility,
            expiresOn: exchangePosts.expiresOn,
            createdAt: exchangePosts.createdAt,
          })
          .from(exchangePosts)
          .where(eq(exchangePosts.createdBy, accountId))
      : [],
    ctx.db
      .select({
        id: introductions.id,
        memberAId: introductions.memberAId,
        memberBId: introductions.memberBId,
        postId: introductions.postId,
        message: introductions.message,
        requestedByThisPerson: introductions.requestedBy,
        answerA: introductions.answerA,
        answerB: introductions.answerB,
        status: introductions.status,
        decidedAt: introductions.decidedAt,
        outcome: introductions.outcome,
        createdAt: introductions.createdAt,
      })
      .from(introductions)
      .where(
        or(
          accountId ? eq(introductions.requestedBy, accountId) : undefined,
          memberIds.length ? inArray(introductions.memberAId, memberIds) : undefined,
          memberIds.length ? inArray(introductions.memberBId, memberIds) : undefined,
        ),
      ),
  ]);
  const names = await memberNames(ctx.db, [
    ...new Set([...posts.map((p) => p.memberId), ...intros.flatMap((i) => [i.memberAId, i.memberBId])]),
  ]);
  return {
    module: 'networking',
    tables: [
      { name: 'posts', rows: posts.map((p) => ({ member: names.get(p.memberId) ?? null, ...p })) },
      {
        name: 'introductions',
        rows: intros.map((i) => ({
          ...i,
          memberA: names.get(i.memberAId) ?? null,
          memberB: names.get(i.memberBId) ?? null,
          requestedByThisPerson: accountId !== null && i.requestedByThisPerson === accountId,
        })),
      },
    ],
  };
}

/**
 * Erasure: the posts and introductions belong to the member organisations and stay; the person is no longer their
 * author (the account link is cleared) and their names are taken out of the messages of the introductions they
 * asked for.
 */
export async function erasePersonalData(ctx: PrivacyCtx, who: ErasureSubject): Promise<ErasurePart> {
  const accountId = await accountIdOfEmail(ctx, who.email);
  const posts = accountId
    ? await ctx.db
        .update(exchangePosts)
        .set({ createdBy: null })
        .where(eq(exchangePosts.createdBy, accountId))
        .returning({ id: exchangePosts.id })
    : [];
  const intros = accountId
    ? await ctx.db
        .update(introductions)
        .set({
          requestedBy: null,
          message: sql`regexp_replace(${introductions.message}, ${personPattern(who)}, ${who.pseudonym}, 'gi')`,
        })
        .where(eq(introductions.requestedBy, accountId))
        .returning({ id: introductions.id })
    : [];
  const [p, i] = [posts.length, intros.length];
  return {
    module: 'networking',
    tables: [
      ...erased(
        'exchange_posts',
        0,
        p,
        `${plural(p, 'annonce')} de la bourse d’échanges conservée${p > 1 ? 's' : ''} au nom de l’organisation, sans son auteur`,
      ),
      ...erased(
        'introductions',
        0,
        i,
        `${plural(i, 'mise')} en relation conservée${i > 1 ? 's' : ''} entre les organisations, sans la personne`,
      ),
    ],
  };
}

export const processing: ProcessingActivity[] = [
  {
    id: 'networking',
    name: { fr: 'Bourse d’échanges et mises en relation', en: 'Exchange of offers and needs, introductions' },
    data: {
      fr: 'Annonces et messages des adhérents, auteur de l’annonce',
      en: 'Members’ posts and messages, the post’s author',
    },
    purpose: { fr: 'Mettre les adhérents en relation', en: 'Introduce members to each other' },
    legalBasis: {
      fr: 'Intérêt légitime du réseau et de ses adhérents',
      en: 'Legitimate interest of the network and its members',
    },
    retention: () => ({
      fr: 'Jusqu’à l’expiration de l’annonce ; les mises en relation tant que l’adhérent l’est',
      en: 'Until the post expires; introductions while the member is one',
    }),
    audience: {
      fr: 'Les adhérents du réseau et ses coordinateurs',
      en: 'The network’s members and coordinators',
    },
  },
];
