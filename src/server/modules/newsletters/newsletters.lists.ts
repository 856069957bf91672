import { and, asc, desc, eq, ilike, isNull, or, sql } from 'drizzle-orm';
import type { Actor, Deps } from '../../context.ts';
import { conflict } from '../../lib/errors.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { type ListRow, requireStaff, requireStaffList } from './newsletters.access.ts';
import { newsletterLists, newsletterSubscriptions, newsletterSuppressions } from './newsletters.tables.ts';

// A network's lists, for its staff: create, edit (a new consent text raises its version, so that each
// subscription keeps the exact text it agreed to), archive; the subscribers with their proof; the suppression list.

export type ListInput = {
  name: string;
  description?: string | null;
  visibility: 'public' | 'private';
  consentText: string;
  senderName?: string | null;
  replyTo?: string | null;
};

const counts = {
  pending: sql<number>`count(*) filter (where ${newsletterSubscriptions.status} = 'pending')::int`,
  confirmed: sql<number>`count(*) filter (where ${newsletterSubscriptions.status} = 'confirmed')::int`,
  unsubscribed: sql<number>`count(*) filter (where ${newsletterSubscriptions.status} = 'unsubscribed')::int`,
};

const listOut = (row: ListRow, c = { pending: 0, confirmed: 0, unsubscribed: 0 }) => ({
  id: row.id,
  networkId: row.networkId,
  name: row.name,
  description: row.description,
  visibility: row.visibility as 'public' | 'private',
  consentText: row.consentText,
  consentVersion: row.consentVersion,
  senderName: row.senderName,
  replyTo: row.replyTo,
  archived: row.archivedAt !== null,
  isDemo: row.isDemo,
  counts: c,
});
export type ListOut = ReturnType<typeof listOut>;

/** The network's lists (archived last), each with its pending, confirmed and unsubscribed counts. */
export async function listLists(deps: Pick<Deps, 'db'>, actor: Actor | null, networkId: string) {
  const network = await requireStaff(deps.db, actor, networkId);
  const rows = await deps.db
    .select({ list: newsletterLists, ...counts })
    .from(newsletterLists)
    .leftJoin(newsletterSubscriptions, eq(newsletterSubscriptions.listId, newsletterLists.id))
    .where(eq(newsletterLists.networkId, networkId))
    .groupBy(newsletterLists.id)
    .orderBy(sql`${newsletterLists.archivedAt} is not null`, asc(newsletterLists.name));
  return {
    networkId,
    networkName: network.name,
    items: rows.map((r) =>
      listOut(r.list, { pending: r.pending, confirmed: r.confirmed, unsubscribed: r.unsubscribed }),
    ),
  };
}

async function withCounts(deps: Pick<Deps, 'db'>, row: ListRow) {
  const [c] = await deps.db
    .select(counts)
    .from(newsletterSubscriptions)
    .where(eq(newsletterSubscriptions.listId, row.id));
  return listOut(row, c);
}

export async function getList(deps: Pick<Deps, 'db'>, actor: Actor | null, listId: string) {
  return withCounts(deps, await requireStaffList(deps.db, actor, listId));
}

export async function createList(
  deps: Pick<Deps, 'db'>,
  actor: Actor | null,
  networkId: string,
  input: ListInput,
  requestId?: string,
) {
  await requireStaff(deps.db, actor, networkId);
  return deps.db.transaction(async (trx) => {
    const [row] = await trx
      .insert(newsletterLists)
      .values({ ...input, networkId, consentVersion: '1' })
      .returning();
    await recordAudit(trx, actor, {
      action: 'newsletters.list-create',
      entityType: 'newsletter_list',
      entityId: row.id,
      networkIds: [networkId],
      after: { name: row.name, visibility: row.visibility, consentVersion: row.consentVersion },
      requestId,
    });
    return listOut(row);
  });
}

/** The next version of a consent text: "1" → "2" (a version that is not a number gets ".1"). */
export const nextVersion = (v: string) => (/^\d+$/.test(v) ? String(Number(v) + 1) : `${v}.1`);

export async function updateList(
  deps: Pick<Deps, 'db' | 'clock'>,
  actor: Actor | null,
  listId: string,
  patch: Partial<ListInput>,
  requestId?: string,
) {
  const before = await requireStaffList(deps.db, actor, listId);
  if (before.archivedAt) throw conflict('Cette liste est archivée : elle ne se modifie plus.');
  const textChanged = patch.consentText !== undefined && patch.consentText !== before.consentText;
  return deps.db.transaction(async (trx) => {
    const [row] = await trx
      .update(newsletterLists)
      .set({
        ...patch,
        ...(textChanged ? { consentVersion: nextVersion(before.consentVersion) } : {}),
        updatedAt: deps.clock(),
      })
      .where(eq(newsletterLists.id, listId))
      .returning();
    await recordAudit(trx, actor, {
      action: 'newsletters.list-update',
      entityType: 'newsletter_list',
      entityId: row.id,
      networkIds: [row.networkId],
      before: { name: before.name, visibility: before.visibility, consentVersion: before.consentVersion },
      after: { name: row.name, visibility: row.visibility, consentVersion: row.consentVersion },
      requestId,
    });
    return withCounts({ db: trx }, row);
  });
}

/** Archives a list: its form closes and it is no longer offered; subscriptions and their proof are kept. */
export async function archiveList(
  deps: Pick<Deps, 'db' | 'clock'>,
  actor: Actor | null,
  listId: string,
  requestId?: string,
) {
  const before = await requireStaffList(deps.db, actor, listId);
  if (before.archivedAt) return withCounts(deps, before);
  return deps.db.transaction(async (trx) => {
    const [row] = await trx
      .update(newsletterLists)
      .set({ archivedAt: deps.clock(), updatedAt: deps.clock() })
      .where(eq(newsletterLists.id, listId))
      .returning();
    await recordAudit(trx, actor, {
      action: 'newsletters.list-archive',
      entityType: 'newsletter_list',
      entityId: row.id,
      networkIds: [row.networkId],
      after: { name: row.name },
      requestId,
    });
    return withCounts({ db: trx }, row);
  });
}

export type SubscriberQuery = {
  status?: 'pending' | 'confirmed' | 'unsubscribed';
  q?: string;
  page: number;
  pageSize: number;
};

/** A list's subscribers with their proof (when, how, consent version and text, IP, user agent), newest first. */
export async function listSubscribers(
  deps: Pick<Deps, 'db'>,
  actor: Actor | null,
  listId: string,
  query: SubscriberQuery,
) {
  const list = await requireStaffList(deps.db, actor, listId);
  const s = newsletterSubscriptions;
  const like = query.q ? `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : undefined;
  const where = and(
    eq(s.listId, list.id),
    query.status ? eq(s.status, query.status) : undefined,
    like ? or(ilike(s.email, like), ilike(s.name, like)) : undefined,
  );
  const [{ total }] = await deps.db.select({ total: sql<number>`count(*)::int` }).from(s).where(where);
  const rows = await deps.db
    .select()
    .from(s)
    .where(where)
    .orderBy(desc(s.createdAt), asc(s.email))
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize);
  return {
    list: { id: list.id, name: list.name, networkId: list.networkId },
    total,
    page: query.page,
    pageSize: query.pageSize,
    items: rows.map((r) => ({
      id: r.id,
      email: r.email,
      name: r.name,
      status: r.status,
      legalBasis: r.legalBasis,
      source: r.source,
      consentText: r.consentText,
      consentVersion: r.consentVersion,
      consentedAt: r.consentedAt,
      ip: r.ip,
      userAgent: r.userAgent,
      confirmedAt: r.confirmedAt,
      unsubscribedAt: r.unsubscribedAt,
      unsubscribedHow: r.unsubscribedHow,
      createdAt: r.createdAt,
      isDemo: r.isDemo,
    })),
  };
}

/**
 * The addresses the network never writes to: its own suppression list, and the platform-wide entries (bounces,
 * complaints) of addresses that are on one of its lists (those of other networks' addresses are not its business).
 */
export async function listSuppressions(deps: Pick<Deps, 'db'>, actor: Actor | null, networkId: string) {
  await requireStaff(deps.db, actor, networkId);
  const x = newsletterSuppressions;
  const rows = await deps.db
    .select({ id: x.id, email: x.email, reason: x.reason, createdAt: x.createdAt, networkId: x.networkId })
    .from(x)
    .where(
      or(
        eq(x.networkId, networkId),
        and(
          isNull(x.networkId),
          sql`exists (select 1 from ${newsletterSubscriptions} ns where ns.network_id = ${networkId} and ns.email = ${x.email})`,
        ),
      ),
    )
    .orderBy(desc(x.createdAt), asc(x.email))
    .limit(5000);
  return {
    items: rows.map((r) => ({
      id: r.id,
      email: r.email,
      reason: r.reason,
      createdAt: r.createdAt,
      platformWide: r.networkId === null,
    })),
  };
}
