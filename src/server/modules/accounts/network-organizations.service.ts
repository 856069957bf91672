import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Actor, Deps } from '../../context.ts';
import type { Db } from '../../db/client.ts';
import { forbidden, notFound } from '../../lib/errors.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { organizations } from '../organizations/organizations.tables.ts';
import { normalizeName } from '../territories/territories.data.ts';
import { findTerritory } from '../territories/territories.service.ts';
import { networkOrganizations, networks, organizationEditors } from './accounts.tables.ts';
import { canEditOrganization, requireCoordinatorOf } from './authz.ts';
import { isForeignKeyViolation } from './db-errors.ts';
import { requireNetwork } from './networks.service.ts';

// Organisations attached to a network: its members or followed organisations, which its coordinators may edit.

/** Organisations attached to a network (public: an organisation's page lists its networks too). */
/**
 * A network's organisations, by name, a page at a time, with the public contact each gives in the directory;
 * `q` matches the name, acronym or commune (case, accents and punctuation ignored).
 */
export async function listNetworkOrganizations(
  db: Db,
  networkId: string,
  opts: { q?: string; page?: number; pageSize?: number } = {},
) {
  await requireNetwork(db, networkId);
  const page = opts.page ?? 1;
  const pageSize = opts.pageSize ?? 50;
  const key = opts.q ? normalizeName(opts.q) : '';
  const where = and(
    eq(networkOrganizations.networkId, networkId),
    key ? sql`${organizations.searchText} like ${`%${key.replace(/[%_\\]/g, '\\$&')}%`}` : undefined,
  );
  // Read-only join; the directory owns the organizations table.
  const [rows, [{ total }]] = await Promise.all([
    db
      .select({
        id: organizations.id,
        name: organizations.name,
        postalCode: organizations.postalCode,
        communeCode: organizations.communeCode,
        email: organizations.email,
        phone: organizations.phone,
        website: organizations.website,
      })
      .from(networkOrganizations)
      .innerJoin(organizations, eq(organizations.id, networkOrganizations.organizationId))
      .where(where)
      // By the accent-free key (the database's collation would put « Épicerie » after « Zèbre »), then the name.
      .orderBy(asc(organizations.searchText), asc(organizations.name), asc(organizations.id))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    db
      .select({ total: sql<number>`count(*)::int` })
      .from(networkOrganizations)
      .innerJoin(organizations, eq(organizations.id, networkOrganizations.organizationId))
      .where(where),
  ]);
  const items = rows.map(({ communeCode, ...o }) => ({
    ...o,
    communeName: communeCode ? (findTerritory(`com:${communeCode}`)?.name ?? null) : null,
  }));
  return { items, total, page, pageSize };
}

/** The networks of each organisation, for the directory's pages: organisation id → [{ id, slug, name }]. */
export async function networksOfOrganizations(db: Db, organizationIds: string[]) {
  const byOrganization = new Map<string, { id: string; slug: string; name: string }[]>();
  if (organizationIds.length === 0) return byOrganization;
  const rows = await db
    .select({
      organizationId: networkOrganizations.organizationId,
      id: networks.id,
      slug: networks.slug,
      name: networks.name,
    })
    .from(networkOrganizations)
    .innerJoin(networks, eq(networks.id, networkOrganizations.networkId))
    .where(inArray(networkOrganizations.organizationId, organizationIds))
    .orderBy(asc(networks.name));
  for (const { organizationId, ...network } of rows) {
    byOrganization.set(organizationId, [...(byOrganization.get(organizationId) ?? []), network]);
  }
  return byOrganization;
}

/**
 * Attaches an organisation to a network: the network's coordinators may then edit it. Idempotent.
 * Since attaching grants edit rights, a coordinator may only attach an organisation that is still unclaimed
 * (in no network and without editors of its own) or that they may already edit; anything else is a platform
 * admin's decision, so that one network cannot take over another's organisations.
 */
export async function attachOrganization(
  deps: Pick<Deps, 'db'>,
  actor: Actor | null,
  networkId: string,
  organizationId: string,
) {
  await requireNetwork(deps.db, networkId);
  await requireCoordinatorOf(deps.db, actor, networkId);
  if (!actor?.isPlatformAdmin && !(await canEditOrganization(deps.db, actor, organizationId))) {
    const [claimed] = await deps.db
      .select({ by: sql<string>`'network'` })
      .from(networkOrganizations)
      .where(eq(networkOrganizations.organizationId, organizationId))
      .union(
        deps.db
          .select({ by: sql<string>`'editor'` })
          .from(organizationEditors)
          .where(eq(organizationEditors.organizationId, organizationId)),
      )
      .limit(1);
    if (claimed) {
      throw forbidden(
        'Cette organisation est déjà rattachée à un autre réseau ou gérée par ses propres éditeurs : ' +
          'seul un administrateur de la plateforme peut la rattacher à votre réseau.',
      );
    }
  }
  try {
    await deps.db.transaction(async (tx) => {
      const [row] = await tx
        .insert(networkOrganizations)
        .values({ networkId, organizationId })
        .onConflictDoNothing()
        .returning();
      if (!row) return;
      await recordAudit(tx, actor, {
        action: 'network.organization-attach',
        entityType: 'organization',
        entityId: organizationId,
        networkIds: [networkId],
        after: { networkId, organizationId },
      });
    });
  } catch (err) {
    if (isForeignKeyViolation(err)) throw notFound('Organisation introuvable');
    throw err;
  }
}

export async function detachOrganization(
  deps: Pick<Deps, 'db'>,
  actor: Actor | null,
  networkId: string,
  organizationId: string,
) {
  await requireNetwork(deps.db, networkId);
  await requireCoordinatorOf(deps.db, actor, networkId);
  await deps.db.transaction(async (tx) => {
    const [row] = await tx
      .delete(networkOrganizations)
      .where(
        and(
          eq(networkOrganizations.networkId, networkId),
          eq(networkOrganizations.organizationId, organizationId),
        ),
      )
      .returning();
    if (!row) throw notFound('Cette organisation n’est pas rattachée au réseau');
    await recordAudit(tx, actor, {
      action: 'network.organization-detach',
      entityType: 'organization',
      entityId: organizationId,
      networkIds: [networkId],
      before: { networkId, organizationId },
    });
  });
}
