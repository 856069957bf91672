import { and, asc, eq, sql } from 'drizzle-orm';
import type { Actor, Deps } from '../../context.ts';
import type { Db } from '../../db/client.ts';
import { conflict, forbidden, notFound } from '../../lib/errors.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { requireTerritory } from '../territories/territories.service.ts';
import { ensureAccount } from './accounts.service.ts';
import { accounts, networkMembers, networks } from './accounts.tables.ts';
import { invitationMail, loginLinkUrl } from './auth.mails.ts';
import { requireCoordinatorOf, requireSignedIn } from './authz.ts';
import { pgErrorCode } from './db-errors.ts';
import { INVITATION_TTL_MS, issueToken } from './tokens.ts';

export type Network = typeof networks.$inferSelect;
export type NetworkKind = 'cress' | 'club' | 'other';
export type NetworkRole = 'coordinator' | 'member';

export type NetworkInput = {
  slug: string;
  name: string;
  kind: NetworkKind;
  territory?: string | null;
  description?: string | null;
  website?: string | null;
  isDemo?: boolean;
};

/** Public list of networks, by name. */
export async function listNetworks(db: Db): Promise<Network[]> {
  return db.select().from(networks).orderBy(asc(networks.name));
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A network by its slug (or its id, for pages that hold only the id). */
export async function getNetworkBySlug(db: Db, slugOrId: string): Promise<Network> {
  const [row] = await db
    .select()
    .from(networks)
    .where(UUID.test(slugOrId) ? eq(networks.id, slugOrId) : eq(networks.slug, slugOrId))
    .limit(1);
  if (!row) throw notFound(`Réseau inconnu : ${slugOrId}`);
  return row;
}

export async function requireNetwork(db: Db, id: string): Promise<Network> {
  const [row] = await db.select().from(networks).where(eq(networks.id, id)).limit(1);
  if (!row) throw notFound('Réseau introuvable');
  return row;
}

const canonicalTerritory = (code: string | null | undefined) =>
  code ? requireTerritory(code, 'territory').code : code;

/** Creates a network (platform admin only); the slug is unique. */
export async function createNetwork(
  deps: Pick<Deps, 'db'>,
  actor: Actor | null,
  input: NetworkInput,
): Promise<Network> {
  if (!requireSignedIn(actor).isPlatformAdmin)
    throw forbidden('Réservé aux administrateurs de la plateforme');
  const values = { ...input, territory: canonicalTerritory(input.territory) };
  return deps.db.transaction(async (tx) => {
    const [row] = await tx.insert(networks).values(values).onConflictDoNothing().returning();
    if (!row) throw conflict(`L’identifiant « ${input.slug} » est déjà pris par un autre réseau`);
    await recordAudit(tx, actor, {
      action: 'network.create',
      entityType: 'network',
      entityId: row.id,
      networkIds: [row.id],
      after: row,
    });
    return row;
  });
}

/** Updates a network (platform admin or one of its coordinators). */
export async function updateNetwork(
  deps: Pick<Deps, 'db'>,
  actor: Actor | null,
  networkId: string,
  patch: Partial<NetworkInput>,
): Promise<Network> {
  const before = await requireNetwork(deps.db, networkId);
  await requireCoordinatorOf(deps.db, actor, networkId);
  if (patch.isDemo !== undefined && !actor?.isPlatformAdmin) delete patch.isDemo;
  const values = {
    ...patch,
    ...(patch.territory !== undefined ? { territory: canonicalTerritory(patch.territory) } : {}),
  };
  const slugTaken = (slug: string) => conflict(`L’identifiant « ${slug} » est déjà pris par un autre réseau`);
  try {
    return await deps.db.transaction(async (tx) => {
      const [row] = Object.keys(values).length
        ? await tx.update(networks).set(values).where(eq(networks.id, networkId)).returning()
        : [before];
      await recordAudit(tx, actor, {
        action: 'network.update',
        entityType: 'network',
        entityId: networkId,
        networkIds: [networkId],
        before,
        after: row,
      });
      return row;
    });
  } catch (err) {
    if (pgErrorCode(err) === '23505' && patch.slug) throw slugTaken(patch.slug);
    throw err;
  }
}

export type Member = { accountId: string; email: string; name: string; role: string };

/** Members of a network with their role (its coordinators and the platform admin). */
export async function listMembers(deps: Pick<Deps, 'db'>, actor: Actor | null, networkId: string) {
  await requireNetwork(deps.db, networkId);
  await requireCoordinatorOf(deps.db, actor, networkId);
  return deps.db
    .select({
      accountId: accounts.id,
      email: accounts.email,
      name: accounts.name,
      role: networkMembers.role,
    })
    .from(networkMembers)
    .innerJoin(accounts, eq(accounts.id, networkMembers.accountId))
    .where(eq(networkMembers.networkId, networkId))
    .orderBy(asc(networkMembers.role), asc(accounts.email));
}

type MailDeps = Pick<Deps, 'db' | 'clock' | 'mailer' | 'config'>;
/** `notify: false` skips the invitation mail (demo seed: its addresses are fictitious). */
export type InviteOptions = { notify?: boolean };

/**
 * Adds an account to a network with a role, by email: the account is created (without password) when absent,
 * and mailed a sign-in link. An existing member's role is changed.
 */
export async function addMember(
  deps: MailDeps,
  actor: Actor | null,
  networkId: string,
  input: { email: string; name?: string; role: NetworkRole },
  opts: InviteOptions = {},
): Promise<Member> {
  const network = await requireNetwork(deps.db, networkId);
  await requireCoordinatorOf(deps.db, actor, networkId);
  const { account, created } = await ensureAccount(deps, input, actor);
  await deps.db.transaction(async (tx) => {
    const [before] = await tx
      .select({ role: networkMembers.role })
      .from(networkMembers)
      .where(and(eq(networkMembers.networkId, networkId), eq(networkMembers.accountId, account.id)));
    await tx
      .insert(networkMembers)
      .values({ networkId, accountId: account.id, role: input.role })
      .onConflictDoUpdate({
        target: [networkMembers.networkId, networkMembers.accountId],
        set: { role: input.role },
      });
    await recordAudit(tx, actor, {
      action: 'network.member-add',
      entityType: 'network',
      entityId: networkId,
      networkIds: [networkId],
      before: before ? { accountId: account.id, email: account.email, role: before.role } : null,
      after: { accountId: account.id, email: account.email, role: input.role },
    });
  });
  if (opts.notify === false) {
    return { accountId: account.id, email: account.email, name: account.name, role: input.role };
  }
  const token = await issueToken(deps, account.id, 'login', INVITATION_TTL_MS);
  await deps.mailer.send(
    invitationMail(account.locale, account.email, {
      inviter: actor?.name ?? 'Maillage',
      as: { role: input.role, networkName: network.name },
      link: loginLinkUrl(deps.config.publicUrl, token),
      newAccount: created,
    }),
  );
  return { accountId: account.id, email: account.email, name: account.name, role: input.role };
}

/** Adds a coordinator to a network by email (see addMember). */
export const addCoordinator = (
  deps: MailDeps,
  actor: Actor | null,
  networkId: string,
  input: { email: string; name?: string },
  opts: InviteOptions = {},
) => addMember(deps, actor, networkId, { ...input, role: 'coordinator' }, opts);

/** Removes an account from a network; the last coordinator stays unless a platform admin removes it. */
export async function removeMember(
  deps: Pick<Deps, 'db'>,
  actor: Actor | null,
  networkId: string,
  accountId: string,
) {
  await requireNetwork(deps.db, networkId);
  await requireCoordinatorOf(deps.db, actor, networkId);
  await deps.db.transaction(async (tx) => {
    const [member] = await tx
      .select({ role: networkMembers.role, email: accounts.email })
      .from(networkMembers)
      .innerJoin(accounts, eq(accounts.id, networkMembers.accountId))
      .where(and(eq(networkMembers.networkId, networkId), eq(networkMembers.accountId, accountId)));
    if (!member) throw notFound('Ce compte n’est pas membre du réseau');
    if (member.role === 'coordinator' && !actor?.isPlatformAdmin) {
      const [{ n }] = await tx
        .select({ n: sql<number>`count(*)::int` })
        .from(networkMembers)
        .where(and(eq(networkMembers.networkId, networkId), eq(networkMembers.role, 'coordinator')));
      if (n <= 1) throw conflict('Le réseau doit garder au moins un coordinateur');
    }
    await tx
      .delete(networkMembers)
      .where(and(eq(networkMembers.networkId, networkId), eq(networkMembers.accountId, accountId)));
    await recordAudit(tx, actor, {
      action: 'network.member-remove',
      entityType: 'network',
      entityId: networkId,
      networkIds: [networkId],
      before: { accountId, ...member },
    });
  });
}
