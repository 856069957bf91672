import { eq, inArray, or } from 'drizzle-orm';
import { accountIdOfEmail } from '../accounts/accounts.privacy.ts';
import { memberNames } from '../memberships/memberships.names.ts';
import { memberIdsOfContact } from '../memberships/memberships.privacy.ts';
import type { PersonalDataPart, PrivacyCtx } from '../privacy/privacy.types.ts';
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
