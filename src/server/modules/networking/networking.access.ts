import { and, eq, inArray, or } from 'drizzle-orm';
import type { Actor } from '../../context.ts';
import type { Db } from '../../db/client.ts';
import { forbidden, invalidInput } from '../../lib/errors.ts';
import { isUuid } from '../../lib/fields.ts';
import { organizationEditors } from '../accounts/accounts.tables.ts';
import { isCoordinatorOf } from '../accounts/authz.ts';
import { memberContacts, members } from '../memberships/memberships.tables.ts';
import { organizations } from '../organizations/organizations.tables.ts';

// Who takes part in a network's networking. A member "is" the actor when the actor edits its organisation or is
// one of its named contacts signed in with their account (as memberships' `myMemberships` and
// `requireMemberAccess` decide); only members in good standing (active, or in the grace after their period)
// take part. The network's coordinators act on any member's behalf.

/** Statuses of a member that takes part in the networking. */
export const PARTICIPATING = ['active', 'grace'] as const;

export type NetworkRole = 'coordinator' | 'member' | 'none';

/** The members in good standing (any, with `anyStatus`) of `networkId` (all networks when null) the actor speaks for. */
export async function actorMemberIds(
  db: Db,
  actor: Actor | null,
  networkId: string | null,
  opts: { anyStatus?: boolean } = {},
): Promise<string[]> {
  if (!actor?.accountId) return [];
  const editedOrgs = db
    .select({ id: organizationEditors.organizationId })
    .from(organizationEditors)
    .where(eq(organizationEditors.accountId, actor.accountId));
  const asContact = db
    .select({ id: memberContacts.memberId })
    .from(memberContacts)
    .where(eq(memberContacts.accountId, actor.accountId));
  const rows = await db
    .select({ id: members.id })
    .from(members)
    .where(
      and(
        networkId ? eq(members.networkId, networkId) : undefined,
        opts.anyStatus ? undefined : inArray(members.status, [...PARTICIPATING]),
        or(inArray(members.organizationId, editedOrgs), inArray(members.id, asContact)),
      ),
    );
  return rows.map((r) => r.id);
}

/** The actor's part in a network: its coordinator, one of its members in good standing, or nobody. */
export async function networkRole(db: Db, actor: Actor | null, networkId: string): Promise<NetworkRole> {
  if (!actor) return 'none';
  if (await isCoordinatorOf(db, actor, networkId)) return 'coordinator';
  return (await actorMemberIds(db, actor, networkId)).length > 0 ? 'member' : 'none';
}

export type ParticipantMember = { id: string; networkId: string; organizationId: string; status: string };

/** A member of `networkId` in good standing, or a 400 naming `field` (unknown, elsewhere, lapsed). */
export async function requireParticipant(
  db: Db,
  networkId: string,
  memberId: string,
  field: string,
): Promise<
  ParticipantMember & { organizationName: string; communeCode: string | null; nafSection: string | null }
> {
  const [m] = isUuid(memberId)
    ? await db
        .select({
          id: members.id,
          networkId: members.networkId,
          organizationId: members.organizationId,
          status: members.status,
          organizationName: organizations.name,
          communeCode: organizations.communeCode,
          nafSection: organizations.nafSection,
        })
        .from(members)
        .innerJoin(organizations, eq(organizations.id, members.organizationId))
        .where(eq(members.id, memberId))
    : [];
  if (!m || m.networkId !== networkId)
    throw invalidInput('Adhérent inconnu dans ce réseau', {
      [field]: 'cet adhérent n’appartient pas à ce réseau',
    });
  if (!(PARTICIPATING as readonly string[]).includes(m.status))
    throw invalidInput('Adhésion non à jour', { [field]: 'cet adhérent n’est pas à jour de son adhésion' });
  return m;
}

/** May the actor act for this member (post, ask for an introduction)? Its coordinators, or the member itself. */
export async function requireActFor(db: Db, actor: Actor | null, networkId: string, memberId: string) {
  if (await isCoordinatorOf(db, actor, networkId)) return 'coordinator' as const;
  const mine = await actorMemberIds(db, actor, networkId);
  if (mine.includes(memberId)) return 'member' as const;
  throw forbidden('Réservé aux adhérents du réseau et à ses coordinateurs');
}
