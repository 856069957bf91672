import { and, asc, eq, inArray, isNotNull } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { memberContacts, members } from '../memberships/memberships.tables.ts';
import { organizations } from '../organizations/organizations.tables.ts';

// The main contacts of a member (read from the memberships' named contacts): shown to the other side of an
// introduction once both accepted, and the addresses its mails go to.

export type Contact = { name: string; email: string | null; phone: string | null };

/** Main contacts of each member; a member without a main contact falls back on its other contacts. */
export async function mainContacts(db: Db, memberIds: string[]): Promise<Map<string, Contact[]>> {
  const out = new Map<string, Contact[]>(memberIds.map((id) => [id, []]));
  if (memberIds.length === 0) return out;
  const rows = await db
    .select({
      memberId: memberContacts.memberId,
      name: memberContacts.name,
      email: memberContacts.email,
      phone: memberContacts.phone,
      role: memberContacts.role,
    })
    .from(memberContacts)
    .where(inArray(memberContacts.memberId, memberIds))
    .orderBy(asc(memberContacts.createdAt), asc(memberContacts.name));
  for (const id of memberIds) {
    const mine = rows.filter((r) => r.memberId === id);
    const main = mine.filter((r) => r.role === 'main');
    out.set(
      id,
      (main.length ? main : mine).map((r) => ({ name: r.name, email: r.email, phone: r.phone })),
    );
  }
  return out;
}

/** The addresses an introduction's mails go to, for one member. */
export const mailAddresses = (contacts: Contact[]) => [
  ...new Set(contacts.map((c) => c.email?.toLowerCase()).filter((e): e is string => Boolean(e))),
];

/** Organisation names of members. */
export async function memberNames(db: Db, memberIds: string[]): Promise<Map<string, string>> {
  if (memberIds.length === 0) return new Map();
  const rows = await db
    .select({ id: members.id, name: organizations.name })
    .from(members)
    .innerJoin(organizations, eq(organizations.id, members.organizationId))
    .where(and(inArray(members.id, memberIds), isNotNull(organizations.name)));
  return new Map(rows.map((r) => [r.id, r.name]));
}
