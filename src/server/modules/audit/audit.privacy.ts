import { and, asc, eq, or, sql } from 'drizzle-orm';
import { accountIdOfEmail } from '../accounts/accounts.privacy.ts';
import type { PersonalDataPart, PrivacyCtx } from '../privacy/privacy.types.ts';
import { auditLog } from './audit.tables.ts';

// The audit entries by a person (their account, or their address in the actor's label) and about them (their
// account, or a snapshot holding their address: a registration, a member contact, a relations contact).

// The address as a whole word: "bob@example.org" must not find "jimbob@example.org" (another person's entries).
const wholeAddress = (email: string) =>
  `(^|[^a-z0-9._%+-])${email.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[^a-z0-9._%+-])`;

export async function exportPersonalData(ctx: PrivacyCtx, email: string): Promise<PersonalDataPart> {
  const accountId = await accountIdOfEmail(ctx, email);
  const pattern = wholeAddress(email);
  const rows = await ctx.db
    .select({
      at: auditLog.at,
      actor: auditLog.actorLabel,
      action: auditLog.action,
      entityType: auditLog.entityType,
      entityId: auditLog.entityId,
      before: auditLog.before,
      after: auditLog.after,
    })
    .from(auditLog)
    .where(
      or(
        accountId ? eq(auditLog.actorId, accountId) : undefined,
        accountId ? and(eq(auditLog.entityType, 'account'), eq(auditLog.entityId, accountId)) : undefined,
        sql`lower(${auditLog.actorLabel}) ~ ${pattern}`,
        sql`lower(${auditLog.before}::text) ~ ${pattern}`,
        sql`lower(${auditLog.after}::text) ~ ${pattern}`,
      ),
    )
    .orderBy(asc(auditLog.id));
  return { module: 'audit', tables: [{ name: 'entries', rows }] };
}
