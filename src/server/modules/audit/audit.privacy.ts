import { and, asc, eq, or, sql } from 'drizzle-orm';
import { accountIdOfEmail } from '../accounts/accounts.privacy.ts';
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

/**
 * Erasure: the log keeps the fact, not the person. The entries by the person or naming their address get the
 * pseudonym as actor, and the address and the person's names replaced by it in their snapshots. (Runs after the
 * other parts, before the account goes.)
 */
export async function erasePersonalData(ctx: PrivacyCtx, who: ErasureSubject): Promise<ErasurePart> {
  const accountId = await accountIdOfEmail(ctx, who.email);
  const address = wholeAddress(who.email);
  const pattern = personPattern(who);
  const byPerson = or(
    accountId ? eq(auditLog.actorId, accountId) : undefined,
    sql`lower(${auditLog.actorLabel}) ~ ${address}`,
  );
  const rewrite = (col: typeof auditLog.before | typeof auditLog.after) =>
    sql`case when ${col} is null then null else regexp_replace(${col}::text, ${pattern}, ${who.pseudonym}, 'gi')::jsonb end`;
  const rows = await ctx.db
    .update(auditLog)
    .set({
      actorId: sql`case when ${byPerson} then null else ${auditLog.actorId} end`,
      actorLabel: sql`case when ${byPerson} then ${who.pseudonym} else ${auditLog.actorLabel} end`,
      before: rewrite(auditLog.before),
      after: rewrite(auditLog.after),
    })
    .where(
      or(
        byPerson,
        accountId ? and(eq(auditLog.entityType, 'account'), eq(auditLog.entityId, accountId)) : undefined,
        sql`lower(${auditLog.before}::text) ~ ${address}`,
        sql`lower(${auditLog.after}::text) ~ ${address}`,
      ),
    )
    .returning({ id: auditLog.id });
  const n = rows.length;
  return {
    module: 'audit',
    tables: erased(
      'audit_log',
      0,
      n,
      `${plural(n, 'entrée')} du journal conservée${n > 1 ? 's' : ''} (le fait reste), personne remplacée par « ${who.pseudonym} »`,
    ),
  };
}

export const processing: ProcessingActivity[] = [
  {
    id: 'audit',
    name: { fr: 'Journal des modifications', en: 'Audit log' },
    data: {
      fr: 'Qui a fait quoi et quand, avec l’état avant et après',
      en: 'Who did what and when, with the state before and after',
    },
    purpose: { fr: 'Sécurité et traçabilité des écritures', en: 'Security and traceability of writes' },
    legalBasis: { fr: 'Intérêt légitime (sécurité)', en: 'Legitimate interest (security)' },
    retention: () => ({
      fr: 'Conservé ; la personne est remplacée par un pseudonyme après effacement',
      en: 'Kept; the person is replaced by a pseudonym after erasure',
    }),
    audience: {
      fr: 'Les coordinateurs pour leurs réseaux ; l’administration de la plateforme',
      en: 'Coordinators for their networks; the platform admin',
    },
  },
];
