import { count, eq } from 'drizzle-orm';
import { organizationNames } from '../organizations/organizations.names.ts';
import {
  type ErasurePart,
  type ErasureSubject,
  erased,
  type PersonalDataPart,
  type PrivacyCtx,
  type ProcessingActivity,
  plural,
} from '../privacy/privacy.types.ts';
import {
  accounts,
  networkMembers,
  networks,
  oneTimeTokens,
  organizationEditors,
  sessions,
} from './accounts.tables.ts';

// The account of an address: its profile (never the password hash), its sessions (never their tokens), its roles in
// networks and the organisations it edits.

export async function exportPersonalData(ctx: PrivacyCtx, email: string): Promise<PersonalDataPart> {
  const [account] = await ctx.db
    .select({
      id: accounts.id,
      email: accounts.email,
      name: accounts.name,
      locale: accounts.locale,
      isPlatformAdmin: accounts.isPlatformAdmin,
      hasPassword: accounts.passwordHash,
      emailVerifiedAt: accounts.emailVerifiedAt,
      createdAt: accounts.createdAt,
    })
    .from(accounts)
    .where(eq(accounts.email, email));
  if (!account) return { module: 'accounts', tables: [] };
  const [sessionRows, roles, edits] = await Promise.all([
    ctx.db
      .select({ createdAt: sessions.createdAt, expiresAt: sessions.expiresAt, userAgent: sessions.userAgent })
      .from(sessions)
      .where(eq(sessions.accountId, account.id)),
    ctx.db
      .select({ network: networks.name, role: networkMembers.role, since: networkMembers.createdAt })
      .from(networkMembers)
      .innerJoin(networks, eq(networks.id, networkMembers.networkId))
      .where(eq(networkMembers.accountId, account.id)),
    ctx.db
      .select({ organizationId: organizationEditors.organizationId })
      .from(organizationEditors)
      .where(eq(organizationEditors.accountId, account.id)),
  ]);
  const orgNames = await organizationNames(
    ctx.db,
    edits.map((e) => e.organizationId),
  );
  return {
    module: 'accounts',
    tables: [
      { name: 'account', rows: [{ ...account, hasPassword: account.hasPassword !== null }] },
      { name: 'sessions', rows: sessionRows },
      { name: 'network-roles', rows: roles },
      {
        name: 'organizations-edited',
        rows: edits.map((e) => ({
          organizationId: e.organizationId,
          organization: orgNames.get(e.organizationId),
        })),
      },
    ],
  };
}

/** The account id of an address, if it has one (for the other modules' parts). */
export async function accountIdOfEmail(ctx: PrivacyCtx, email: string): Promise<string | null> {
  const [row] = await ctx.db.select({ id: accounts.id }).from(accounts).where(eq(accounts.email, email));
  return row?.id ?? null;
}

/**
 * Erasure: the account goes, and with it (cascade) its sessions, emailed links, roles and organisations edited. The
 * other modules' parts run first (they find the person through this account).
 */
export async function erasePersonalData(ctx: PrivacyCtx, who: ErasureSubject): Promise<ErasurePart> {
  const id = await accountIdOfEmail(ctx, who.email);
  if (!id) return { module: 'accounts', tables: [] };
  const n = async (table: typeof sessions | typeof oneTimeTokens | typeof networkMembers) =>
    (await ctx.db.select({ n: count() }).from(table).where(eq(table.accountId, id)))[0].n;
  const [s, t, r] = [await n(sessions), await n(oneTimeTokens), await n(networkMembers)];
  await ctx.db.delete(accounts).where(eq(accounts.id, id));
  return {
    module: 'accounts',
    tables: [
      ...erased('accounts', 1, 0, '1 compte supprimé'),
      ...erased('sessions', s, 0, `${plural(s, 'session')} de connexion fermée${s > 1 ? 's' : ''}`),
      ...erased('one_time_tokens', t, 0, `${plural(t, 'lien')} de connexion annulé${t > 1 ? 's' : ''}`),
      ...erased('network_members', r, 0, `${plural(r, 'rôle')} dans les réseaux retiré${r > 1 ? 's' : ''}`),
    ],
  };
}

export const processing: ProcessingActivity[] = [
  {
    id: 'accounts',
    name: { fr: 'Comptes et connexions', en: 'Accounts and sign-ins' },
    data: {
      fr: 'Nom, adresse e-mail, mot de passe chiffré, sessions (navigateur), rôles',
      en: 'Name, e-mail address, hashed password, sessions (browser), roles',
    },
    purpose: { fr: 'Se connecter et agir selon ses droits', en: 'Sign in and act within one’s rights' },
    legalBasis: { fr: 'Exécution du service demandé', en: 'Performance of the service asked for' },
    retention: () => ({
      fr: 'Tant que le compte existe ; effacé à la demande',
      en: 'As long as the account exists; erased on request',
    }),
    audience: { fr: 'La personne ; l’administration de la plateforme', en: 'The person; the platform admin' },
  },
];
