import { and, asc, eq, inArray, or, sql } from 'drizzle-orm';
import type { Actor, Deps } from '../../context.ts';
import type { Db } from '../../db/client.ts';
import { organizationEditors } from '../accounts/accounts.tables.ts';
import { isCoordinatorOf } from '../accounts/authz.ts';
import { requireNetwork } from '../accounts/networks.service.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { organizations } from '../organizations/organizations.tables.ts';
import { normalizeName } from '../territories/territories.data.ts';
import { findTerritory } from '../territories/territories.service.ts';
import { requireMemberAccess } from './memberships.access.ts';
import { memberContacts, members } from './memberships.tables.ts';

// The members' directory of a network: who is a member, and what each member chose to show, field by field, to
// the public, to the network's other members, or only to the network's staff. A field is never shown wider than
// the member's presence in the directory itself (listed to members only: its e-mail cannot be public).

export const directoryFields = [
  'listed',
  'memberSince',
  'contactNames',
  'contactEmails',
  'contactPhones',
] as const;
export type DirectoryField = (typeof directoryFields)[number];
export const audiences = ['public', 'members', 'staff'] as const;
export type Audience = (typeof audiences)[number];
export type Visibility = Record<DirectoryField, Audience>;

/** Until a member chooses: listed to the other members with its seniority and contacts' names; e-mails and phones for the staff. */
export const defaultVisibility: Visibility = {
  listed: 'members',
  memberSince: 'members',
  contactNames: 'members',
  contactEmails: 'staff',
  contactPhones: 'staff',
};

const rank: Record<Audience, number> = { public: 0, members: 1, staff: 2 };
const isAudience = (v: unknown): v is Audience => typeof v === 'string' && v in rank;

/** The stored choices with the defaults for what was not chosen (an unknown stored value counts as the default). */
export function visibilityOf(stored: Record<string, string> | null | undefined): Visibility {
  const out = { ...defaultVisibility };
  for (const f of directoryFields) {
    const v = stored?.[f];
    if (isAudience(v)) out[f] = v;
  }
  return out;
}

/** Whether a viewer of `level` sees `field` of a member with these choices (never wider than the listing). */
export function sees(visibility: Visibility, field: DirectoryField, level: Audience): boolean {
  const widest = Math.max(rank[visibility[field]], rank[visibility.listed]);
  return rank[level] >= widest;
}

/** Statuses listed in the directory: members whose membership runs (in grace included), not past or pending ones. */
const listedStatuses = ['active', 'grace'];

/**
 * What the actor is to the network: its staff (coordinators), one of its current members (an editor of a member
 * organisation, or a named contact signed in with their account), or the public.
 */
export async function viewerLevel(db: Db, actor: Actor | null, networkId: string): Promise<Audience> {
  if (!actor) return 'public';
  if (await isCoordinatorOf(db, actor, networkId)) return 'staff';
  if (!actor.accountId) return 'public';
  const [row] = await db
    .select({ id: members.id })
    .from(members)
    .leftJoin(
      organizationEditors,
      and(
        eq(organizationEditors.organizationId, members.organizationId),
        eq(organizationEditors.accountId, actor.accountId),
      ),
    )
    .leftJoin(
      memberContacts,
      and(eq(memberContacts.memberId, members.id), eq(memberContacts.accountId, actor.accountId)),
    )
    .where(
      and(
        eq(members.networkId, networkId),
        inArray(members.status, listedStatuses),
        or(sql`${organizationEditors.accountId} is not null`, sql`${memberContacts.id} is not null`),
      ),
    )
    .limit(1);
  return row ? 'members' : 'public';
}

export type DirectoryQuery = { q?: string; page: number; pageSize: number };

/** A page of the network's members' directory, as the actor may see it. */
export async function memberDirectory(db: Db, actor: Actor | null, networkId: string, query: DirectoryQuery) {
  const network = await requireNetwork(db, networkId);
  const level = await viewerLevel(db, actor, networkId);
  // Listed to this level: the stored choice, or the default when none.
  const listedAs = sql`coalesce(${members.visibility}->>'listed', ${defaultVisibility.listed})`;
  const allowed = audiences.filter((a) => rank[a] <= rank[level]);
  const key = query.q ? normalizeName(query.q) : '';
  const where = and(
    eq(members.networkId, network.id),
    inArray(members.status, listedStatuses),
    sql`${listedAs} in (${sql.join(
      allowed.map((a) => sql`${a}`),
      sql`, `,
    )})`,
    key ? sql`${organizations.searchText} like ${`%${key.replace(/[%_\\]/g, '\\$&')}%`}` : undefined,
  );
  const rows = await db
    .select({
      memberId: members.id,
      organizationId: members.organizationId,
      name: organizations.name,
      communeCode: organizations.communeCode,
      website: organizations.website,
      memberSince: members.memberSince,
      visibility: members.visibility,
      total: sql<number>`(count(*) over ())::int`,
    })
    .from(members)
    .innerJoin(organizations, eq(organizations.id, members.organizationId))
    .where(where)
    .orderBy(asc(organizations.searchText), asc(organizations.name), asc(members.id))
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize);
  const contacts = rows.length
    ? await db
        .select()
        .from(memberContacts)
        .where(
          inArray(
            memberContacts.memberId,
            rows.map((r) => r.memberId),
          ),
        )
        // The main contact first, then billing, then the others, by name.
        .orderBy(
          sql`case ${memberContacts.role} when 'main' then 0 when 'billing' then 1 else 2 end`,
          asc(memberContacts.name),
          asc(memberContacts.id),
        )
    : [];
  const items = rows.map((r) => {
    const v = visibilityOf(r.visibility);
    const shown = (f: DirectoryField) => sees(v, f, level);
    return {
      // Staff open the member's record; others follow the organisation's public page.
      memberId: level === 'staff' ? r.memberId : null,
      organizationId: r.organizationId,
      name: r.name,
      communeName: r.communeCode ? (findTerritory(`com:${r.communeCode}`)?.name ?? null) : null,
      website: r.website,
      memberSince: shown('memberSince') ? r.memberSince : null,
      contacts: contacts
        .filter((c) => c.memberId === r.memberId)
        .map((c) => ({
          name: shown('contactNames') ? c.name : null,
          role: c.role,
          email: shown('contactEmails') ? c.email : null,
          phone: shown('contactPhones') ? c.phone : null,
        }))
        .filter((c) => c.name || c.email || c.phone),
    };
  });
  return {
    network: { id: network.id, name: network.name },
    viewer: level,
    total: rows[0]?.total ?? 0,
    page: query.page,
    pageSize: query.pageSize,
    items,
  };
}

/** The member's own choices (or its coordinators' on its behalf), audited. Returns the choices in force. */
export async function setVisibility(
  deps: Pick<Deps, 'db'>,
  actor: Actor | null,
  memberId: string,
  choices: Partial<Visibility>,
): Promise<Visibility> {
  const { member } = await requireMemberAccess(deps.db, actor, memberId);
  const before = visibilityOf(member.visibility);
  const after = { ...before, ...choices };
  return deps.db.transaction(async (trx) => {
    const tx = trx as unknown as Db;
    await tx
      .update(members)
      .set({ visibility: after, updatedAt: new Date() })
      .where(eq(members.id, memberId));
    await recordAudit(tx, actor, {
      action: 'membership.visibility-update',
      entityType: 'member',
      entityId: memberId,
      networkIds: [member.networkId],
      before,
      after,
    });
    return after;
  });
}
