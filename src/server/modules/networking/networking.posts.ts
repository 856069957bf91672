import { and, desc, eq, gte, inArray, or, type SQL, sql } from 'drizzle-orm';
import type { Actor, Deps } from '../../context.ts';
import type { Db } from '../../db/client.ts';
import { forbidden, invalidInput, notFound } from '../../lib/errors.ts';
import { isUuid } from '../../lib/fields.ts';
import { requireNetwork } from '../accounts/networks.service.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { nafSectionLabel } from '../company-identity/naf.ts';
import { addDays, parisToday } from '../memberships/memberships.rules.ts';
import { members } from '../memberships/memberships.tables.ts';
import { organizations } from '../organizations/organizations.tables.ts';
import { canonicalTerritoryCode, findTerritory } from '../territories/territories.service.ts';
import { actorMemberIds, networkRole, requireActFor, requireParticipant } from './networking.access.ts';
import { type PostCategory, type PostKind, searchQuery, searchTextOf } from './networking.rules.ts';
import { exchangePosts } from './networking.tables.ts';

// The exchange of offers and needs: a member posts, the network's members (or anyone, as the member chooses)
// read and search, expired posts leave the lists but stay for their author.

export type PostInput = {
  memberId: string;
  kind: PostKind;
  title: string;
  body: string;
  category: PostCategory;
  nafSection?: string | null;
  territory?: string | null;
  expiresOn: string;
  visibility: 'members' | 'public';
};

export type Post = typeof exchangePosts.$inferSelect;

/** The latest expiry a post may have: a year ahead. */
const MAX_DAYS = 366;

function checkPost(input: PostInput, today: string) {
  if (input.expiresOn < today)
    throw invalidInput('Date d’expiration passée', { expiresOn: 'la date d’expiration est déjà passée' });
  if (input.expiresOn > addDays(today, MAX_DAYS))
    throw invalidInput('Date d’expiration trop lointaine', { expiresOn: 'au plus un an à l’avance' });
  if (!input.territory) return null;
  const code = canonicalTerritoryCode(input.territory);
  const t = code ? findTerritory(code) : undefined;
  if (!t || !['commune', 'epci', 'department'].includes(t.level))
    throw invalidInput('Territoire inconnu', {
      territory: 'indiquez une commune, une intercommunalité ou un département',
    });
  return t.code;
}

/** Posts an offer or a need for a member (the member itself, or a coordinator on its behalf). */
export async function createPost(
  deps: Pick<Deps, 'db' | 'clock'>,
  actor: Actor | null,
  networkId: string,
  input: PostInput,
) {
  await requireNetwork(deps.db, networkId);
  await requireActFor(deps.db, actor, networkId, input.memberId);
  await requireParticipant(deps.db, networkId, input.memberId, 'memberId');
  const territoryCode = checkPost(input, parisToday(deps.clock()));
  return deps.db.transaction(async (trx) => {
    const tx = trx as unknown as Db;
    const [post] = await tx
      .insert(exchangePosts)
      .values({
        networkId,
        memberId: input.memberId,
        kind: input.kind,
        title: input.title,
        body: input.body,
        category: input.category,
        nafSection: input.nafSection ?? null,
        territoryCode,
        expiresOn: input.expiresOn,
        visibility: input.visibility,
        searchText: searchTextOf(input.title, input.body),
        createdBy: actor?.accountId ?? null,
      })
      .returning();
    await recordAudit(tx, actor, {
      action: 'networking.post-create',
      entityType: 'exchange_post',
      entityId: post.id,
      networkIds: [networkId],
      after: {
        name: post.title,
        kind: post.kind,
        category: post.category,
        visibility: post.visibility,
        expiresOn: post.expiresOn,
      },
    });
    return post;
  });
}

const postColumns = {
  id: exchangePosts.id,
  networkId: exchangePosts.networkId,
  memberId: exchangePosts.memberId,
  organizationId: members.organizationId,
  organizationName: organizations.name,
  kind: exchangePosts.kind,
  title: exchangePosts.title,
  body: exchangePosts.body,
  category: exchangePosts.category,
  nafSection: exchangePosts.nafSection,
  territoryCode: exchangePosts.territoryCode,
  expiresOn: exchangePosts.expiresOn,
  visibility: exchangePosts.visibility,
  isDemo: exchangePosts.isDemo,
  createdAt: exchangePosts.createdAt,
};
type PostRow = { [K in keyof typeof postColumns]: (typeof postColumns)[K]['_']['data'] } & {
  nafSection: string | null;
  territoryCode: string | null;
};

function shape(row: PostRow, today: string, mine: string[]) {
  return {
    ...row,
    sectorLabel: nafSectionLabel(row.nafSection) ?? null,
    territoryName: row.territoryCode ? (findTerritory(row.territoryCode)?.name ?? null) : null,
    expired: row.expiresOn < today,
    mine: mine.includes(row.memberId),
  };
}

/** What the actor may read of a network's posts: everything for its members and coordinators, else public ones. */
async function readScope(db: Db, actor: Actor | null, networkId: string, today: string) {
  const role = await networkRole(db, actor, networkId);
  const mine = await actorMemberIds(db, actor, networkId);
  const live = gte(exchangePosts.expiresOn, today);
  const listed: SQL =
    role === 'none'
      ? and(eq(exchangePosts.visibility, 'public'), live)!
      : mine.length
        ? or(live, inArray(exchangePosts.memberId, mine))!
        : live;
  return { role, mine, listed };
}

export type PostQuery = {
  q?: string;
  kind?: PostKind;
  category?: PostCategory;
  sector?: string;
  territory?: string;
  mine?: boolean;
};

/** A network's posts the actor may read, searched (French, accents ignored) and filtered; newest or best first. */
export async function listPosts(
  deps: Pick<Deps, 'db' | 'clock'>,
  actor: Actor | null,
  networkId: string,
  query: PostQuery,
) {
  await requireNetwork(deps.db, networkId);
  const today = parisToday(deps.clock());
  const { role, mine, listed } = await readScope(deps.db, actor, networkId, today);
  const tsq = query.q ? searchQuery(query.q) : '';
  let territory: string | undefined;
  if (query.territory) {
    territory = canonicalTerritoryCode(query.territory);
    if (!territory) throw invalidInput('Territoire inconnu', { territory: 'territoire inconnu' });
  }
  const tsquery = sql`to_tsquery('french', ${tsq})`;
  const rows = (await deps.db
    .select(postColumns)
    .from(exchangePosts)
    .innerJoin(members, eq(members.id, exchangePosts.memberId))
    .innerJoin(organizations, eq(organizations.id, members.organizationId))
    .where(
      and(
        eq(exchangePosts.networkId, networkId),
        listed,
        tsq ? sql`${exchangePosts.searchVector} @@ ${tsquery}` : undefined,
        query.kind ? eq(exchangePosts.kind, query.kind) : undefined,
        query.category ? eq(exchangePosts.category, query.category) : undefined,
        query.sector ? eq(exchangePosts.nafSection, query.sector) : undefined,
        query.mine
          ? inArray(exchangePosts.memberId, mine.length ? mine : ['00000000-0000-0000-0000-000000000000'])
          : undefined,
      ),
    )
    .orderBy(
      ...(tsq ? [desc(sql`ts_rank(${exchangePosts.searchVector}, ${tsquery})`)] : []),
      desc(exchangePosts.createdAt),
    )
    .limit(500)) as PostRow[];
  const inTerritory = (code: string | null) => {
    if (!territory) return true;
    if (!code) return false;
    return code === territory || (findTerritory(code)?.parents ?? []).includes(territory);
  };
  const items = rows
    .filter((r) => inTerritory(r.territoryCode))
    .slice(0, 200)
    .map((r) => shape(r, today, mine));
  return { role, items };
}

/** One post, if the actor may read it (404 otherwise: a members-only post is not even said to exist). */
export async function getPost(deps: Pick<Deps, 'db' | 'clock'>, actor: Actor | null, postId: string) {
  const [row] = isUuid(postId)
    ? ((await deps.db
        .select(postColumns)
        .from(exchangePosts)
        .innerJoin(members, eq(members.id, exchangePosts.memberId))
        .innerJoin(organizations, eq(organizations.id, members.organizationId))
        .where(eq(exchangePosts.id, postId))) as PostRow[])
    : [];
  if (!row) throw notFound('Annonce introuvable');
  const today = parisToday(deps.clock());
  const role = await networkRole(deps.db, actor, row.networkId);
  const mine = await actorMemberIds(deps.db, actor, row.networkId);
  const readable =
    mine.includes(row.memberId) ||
    role === 'coordinator' ||
    (row.expiresOn >= today && (role === 'member' || row.visibility === 'public'));
  if (!readable) throw notFound('Annonce introuvable');
  return {
    ...shape(row, today, mine),
    role,
    canManage: role === 'coordinator' || mine.includes(row.memberId),
  };
}

/** Edits a post (its member or a coordinator); its author stays. The same rules as when it was posted. */
export async function updatePost(
  deps: Pick<Deps, 'db' | 'clock'>,
  actor: Actor | null,
  postId: string,
  input: Omit<PostInput, 'memberId'>,
) {
  const post = await getPost(deps, actor, postId);
  if (!post.canManage) throw forbidden('Seul l’adhérent qui l’a publiée ou un coordinateur peut la modifier');
  const territoryCode = checkPost({ ...input, memberId: post.memberId }, parisToday(deps.clock()));
  await deps.db.transaction(async (trx) => {
    const tx = trx as unknown as Db;
    const [after] = await tx
      .update(exchangePosts)
      .set({
        kind: input.kind,
        title: input.title,
        body: input.body,
        category: input.category,
        nafSection: input.nafSection ?? null,
        territoryCode,
        expiresOn: input.expiresOn,
        visibility: input.visibility,
        searchText: searchTextOf(input.title, input.body),
        updatedAt: new Date(),
      })
      .where(eq(exchangePosts.id, postId))
      .returning();
    const snapshot = (p: {
      title: string;
      kind: string;
      category: string;
      visibility: string;
      expiresOn: string;
    }) => ({
      name: p.title,
      kind: p.kind,
      category: p.category,
      visibility: p.visibility,
      expiresOn: p.expiresOn,
    });
    await recordAudit(tx, actor, {
      action: 'networking.post-update',
      entityType: 'exchange_post',
      entityId: postId,
      networkIds: [post.networkId],
      before: snapshot(post),
      after: snapshot(after),
    });
  });
}

/** Withdraws a post (its member or a coordinator). */
export async function deletePost(deps: Pick<Deps, 'db' | 'clock'>, actor: Actor | null, postId: string) {
  const post = await getPost(deps, actor, postId);
  if (!post.canManage) throw forbidden('Seul l’adhérent qui l’a publiée ou un coordinateur peut la retirer');
  await deps.db.transaction(async (trx) => {
    const tx = trx as unknown as Db;
    await tx.delete(exchangePosts).where(eq(exchangePosts.id, postId));
    await recordAudit(tx, actor, {
      action: 'networking.post-delete',
      entityType: 'exchange_post',
      entityId: postId,
      networkIds: [post.networkId],
      before: { name: post.title, kind: post.kind },
    });
  });
}

/** What the exchange page needs to know of the actor: may they post, and for which members. */
export async function exchangeContext(db: Db, actor: Actor | null, networkId: string) {
  const network = await requireNetwork(db, networkId);
  const role = await networkRole(db, actor, networkId);
  const ids =
    role === 'coordinator'
      ? (
          await db
            .select({ id: members.id })
            .from(members)
            .where(and(eq(members.networkId, networkId), inArray(members.status, ['active', 'grace'])))
        ).map((r) => r.id)
      : await actorMemberIds(db, actor, networkId);
  const rows = ids.length
    ? await db
        .select({ id: members.id, organizationName: organizations.name })
        .from(members)
        .innerJoin(organizations, eq(organizations.id, members.organizationId))
        .where(inArray(members.id, ids))
        .orderBy(organizations.name)
    : [];
  return { networkId, networkName: network.name, role, members: rows };
}
