import { and, asc, eq } from 'drizzle-orm';
import type { Actor, Deps } from '../../context.ts';
import { notFound } from '../../lib/errors.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { ensureAccount } from './accounts.service.ts';
import { accounts, organizationEditors } from './accounts.tables.ts';
import { invitationMail, loginLinkUrl } from './auth.mails.ts';
import { isCoordinatorOf, organizationNetworkIds, requireCanEditOrganization } from './authz.ts';
import { isForeignKeyViolation } from './db-errors.ts';
import type { InviteOptions } from './networks.service.ts';
import { INVITATION_TTL_MS, issueToken } from './tokens.ts';

// Organisation editors: staff accounts allowed to edit their organisation's profile.

export type Editor = { accountId: string; email: string; name: string };

/**
 * The organisation's editors. Their names are shown to the coordinators of its networks (who manage its staff)
 * and to each editor for their own account; another editor sees the others by email only, so that adding an
 * address then listing cannot be used to learn the real name behind any address.
 */
export async function listOrganizationEditors(
  deps: Pick<Deps, 'db'>,
  actor: Actor | null,
  organizationId: string,
): Promise<Editor[]> {
  await requireCanEditOrganization(deps.db, actor, organizationId);
  const rows = await deps.db
    .select({ accountId: accounts.id, email: accounts.email, name: accounts.name })
    .from(organizationEditors)
    .innerJoin(accounts, eq(accounts.id, organizationEditors.accountId))
    .where(eq(organizationEditors.organizationId, organizationId))
    .orderBy(asc(accounts.email));
  const networkIds = await organizationNetworkIds(deps.db, organizationId);
  let seesNames = actor?.isPlatformAdmin ?? false;
  for (const id of networkIds) if (!seesNames) seesNames = await isCoordinatorOf(deps.db, actor, id);
  return rows.map((r) => (seesNames || r.accountId === actor?.accountId ? r : { ...r, name: '' }));
}

/**
 * Gives an account (by email, created without password when absent) the right to edit an organisation,
 * and mails it a sign-in link. Allowed to whoever may edit the organisation. The answer is built from what the
 * inviter typed (the address, the name given or none), never from the account, so that it tells nothing of
 * whether the address already had one nor whose it is.
 */
export async function addOrganizationEditor(
  deps: Pick<Deps, 'db' | 'clock' | 'mailer' | 'config'>,
  actor: Actor | null,
  organizationId: string,
  input: { email: string; name?: string },
  opts: InviteOptions = {},
): Promise<Editor> {
  await requireCanEditOrganization(deps.db, actor, organizationId);
  const { account, created } = await ensureAccount(deps, input, actor);
  const networkIds = await organizationNetworkIds(deps.db, organizationId);
  try {
    await deps.db.transaction(async (tx) => {
      const [row] = await tx
        .insert(organizationEditors)
        .values({ organizationId, accountId: account.id })
        .onConflictDoNothing()
        .returning();
      if (!row) return;
      await recordAudit(tx, actor, {
        action: 'organization.editor-add',
        entityType: 'organization',
        entityId: organizationId,
        networkIds,
        after: { accountId: account.id, email: account.email },
      });
    });
  } catch (err) {
    if (isForeignKeyViolation(err)) throw notFound('Organisation introuvable');
    throw err;
  }
  const answer = { accountId: account.id, email: account.email, name: input.name?.trim() ?? '' };
  if (opts.notify === false) return answer;
  const token = await issueToken(deps, account.id, 'login', INVITATION_TTL_MS);
  await deps.mailer.send(
    invitationMail(account.locale, account.email, {
      inviter: actor?.name ?? 'Maillage',
      as: { role: 'organization-editor' },
      link: loginLinkUrl(deps.config.publicUrl, token),
      newAccount: created,
    }),
  );
  return answer;
}

export async function removeOrganizationEditor(
  deps: Pick<Deps, 'db'>,
  actor: Actor | null,
  organizationId: string,
  accountId: string,
) {
  await requireCanEditOrganization(deps.db, actor, organizationId);
  const networkIds = await organizationNetworkIds(deps.db, organizationId);
  await deps.db.transaction(async (tx) => {
    const [row] = await tx
      .delete(organizationEditors)
      .where(
        and(
          eq(organizationEditors.organizationId, organizationId),
          eq(organizationEditors.accountId, accountId),
        ),
      )
      .returning();
    if (!row) throw notFound('Ce compte ne modifie pas cette organisation');
    await recordAudit(tx, actor, {
      action: 'organization.editor-remove',
      entityType: 'organization',
      entityId: organizationId,
      networkIds,
      before: { accountId },
    });
  });
}
