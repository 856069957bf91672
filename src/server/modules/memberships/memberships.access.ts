import { and, eq } from 'drizzle-orm';
import type { Actor } from '../../context.ts';
import type { Db } from '../../db/client.ts';
import { forbidden, notFound } from '../../lib/errors.ts';
import { isCoordinatorOf, isOrganizationEditor, requireSignedIn } from '../accounts/authz.ts';
import { memberContacts, members } from './memberships.tables.ts';

// Who may see and do what with a member: the network's coordinators manage it; the member itself (its
// organisation's editors, or a named contact signed in with their account) reads and keeps its own record; anyone
// else — another network's coordinators included — sees nothing private.

export type Member = typeof members.$inferSelect;
export type MemberAccess = 'coordinator' | 'self' | 'none';

const isUuid = (s: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(s);

export async function findMember(db: Db, memberId: string): Promise<Member | undefined> {
  if (!isUuid(memberId)) return undefined;
  const [row] = await db.select().from(members).where(eq(members.id, memberId)).limit(1);
  return row;
}

export async function memberAccess(db: Db, actor: Actor | null, member: Member): Promise<MemberAccess> {
  if (!actor) return 'none';
  if (await isCoordinatorOf(db, actor, member.networkId)) return 'coordinator';
  if (await isOrganizationEditor(db, actor, member.organizationId)) return 'self';
  if (actor.accountId) {
    const [contact] = await db
      .select({ id: memberContacts.id })
      .from(memberContacts)
      .where(and(eq(memberContacts.memberId, member.id), eq(memberContacts.accountId, actor.accountId)))
      .limit(1);
    if (contact) return 'self';
  }
  return 'none';
}

/**
 * The member, if the actor may read it (coordinator or the member itself). Anyone else gets a 404, so that
 * another network cannot even learn who is a member of this one.
 */
export async function requireMemberAccess(db: Db, actor: Actor | null, memberId: string) {
  requireSignedIn(actor);
  const member = await findMember(db, memberId);
  const access = member ? await memberAccess(db, actor, member) : 'none';
  if (!member || access === 'none') throw notFound('Adhérent introuvable');
  return { member, access };
}

/** The member, for its network's coordinators only (the member itself gets a 403, others a 404). */
export async function requireMemberCoordinator(db: Db, actor: Actor | null, memberId: string) {
  const found = await requireMemberAccess(db, actor, memberId);
  if (found.access !== 'coordinator') throw forbidden('Réservé aux coordinateurs du réseau');
  return found.member;
}
