import { and, asc, eq, inArray, or } from 'drizzle-orm';
import type { Actor } from '../../context.ts';
import type { Db } from '../../db/client.ts';
import { organizationEditors } from '../accounts/accounts.tables.ts';
import { organizations } from '../organizations/organizations.tables.ts';
import { memberContacts, members } from './memberships.tables.ts';

// What other modules read of a network's members (the GTEC waves): the member companies in good standing with the
// address of their main contact, and which members an actor speaks for as the company itself (its editors, or a
// named contact signed in with their account; the network's coordinators are not the company).

/** Statuses of a member in good standing. */
const IN_GOOD_STANDING = ['active', 'grace'];

export type RosterEntry = {
  memberId: string;
  organizationId: string;
  organizationName: string;
  status: string;
  /** The main contact (else the first named contact) with an address, if any. */
  contact: { name: string; email: string } | null;
};

/**
 * The network's members in good standing (or, given `memberIds`, those of them, whatever their status, that
 * belong to the network), by name, each with its main contact.
 */
export async function memberRoster(db: Db, networkId: string, memberIds?: string[]): Promise<RosterEntry[]> {
  if (memberIds && memberIds.length === 0) return [];
  const rows = await db
    .select({
      memberId: members.id,
      organizationId: members.organizationId,
      organizationName: organizations.name,
      status: members.status,
    })
    .from(members)
    .innerJoin(organizations, eq(organizations.id, members.organizationId))
    .where(
      and(
        eq(members.networkId, networkId),
        memberIds ? inArray(members.id, memberIds) : inArray(members.status, IN_GOOD_STANDING),
      ),
    )
    .orderBy(asc(organizations.name));
  if (rows.length === 0) return [];
  const contacts = await db
    .select({
      memberId: memberContacts.memberId,
      name: memberContacts.name,
      email: memberContacts.email,
      role: memberContacts.role,
    })
    .from(memberContacts)
    .where(
      inArray(
        memberContacts.memberId,
        rows.map((r) => r.memberId),
      ),
    )
    .orderBy(asc(memberContacts.createdAt));
  return rows.map((r) => {
    const mine = contacts.filter((c) => c.memberId === r.memberId && c.email);
    const main = mine.find((c) => c.role === 'main') ?? mine[0];
    return { ...r, contact: main ? { name: main.name, email: main.email!.toLowerCase() } : null };
  });
}

/** The members (of any network) whose company the actor is: an editor of its organisation or a signed-in contact. */
export async function membersActorIs(
  db: Db,
  actor: Actor | null,
): Promise<{ memberId: string; organizationId: string }[]> {
  if (!actor?.accountId) return [];
  const editedOrgs = db
    .select({ id: organizationEditors.organizationId })
    .from(organizationEditors)
    .where(eq(organizationEditors.accountId, actor.accountId));
  const asContact = db
    .select({ id: memberContacts.memberId })
    .from(memberContacts)
    .where(eq(memberContacts.accountId, actor.accountId));
  return db
    .select({ memberId: members.id, organizationId: members.organizationId })
    .from(members)
    .where(or(inArray(members.organizationId, editedOrgs), inArray(members.id, asContact)));
}
