import { asc, eq } from 'drizzle-orm';
import type { Actor, Deps } from '../../context.ts';
import { systemActor } from '../../context.ts';
import type { Db } from '../../db/client.ts';
import { conflict, invalidInput } from '../../lib/errors.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { organizations } from '../organizations/organizations.tables.ts';
import { accounts, networkMembers, networks, organizationEditors } from './accounts.tables.ts';
import { loginLinkUrl } from './auth.mails.ts';
import { hashPassword, passwordProblem } from './passwords.ts';
import { INVITATION_TTL_MS, issueToken } from './tokens.ts';

export type Account = typeof accounts.$inferSelect;

/** The account as the API shows it: never the password hash. */
export type PublicAccount = Pick<Account, 'id' | 'email' | 'name' | 'isPlatformAdmin' | 'locale'>;

export const publicAccount = (a: Account): PublicAccount => ({
  id: a.id,
  email: a.email,
  name: a.name,
  isPlatformAdmin: a.isPlatformAdmin,
  locale: a.locale,
});

/** Emails are compared and stored trimmed and lower-cased. */
export const normalizeEmail = (email: string) => email.trim().toLowerCase();

/** A display name for an account created from an email alone (invitations): the part before the @. */
export const nameFromEmail = (email: string) => normalizeEmail(email).split('@')[0] || email;

export async function findAccountByEmail(db: Db, email: string): Promise<Account | undefined> {
  const [row] = await db
    .select()
    .from(accounts)
    .where(eq(accounts.email, normalizeEmail(email)))
    .limit(1);
  return row;
}

export async function findAccountById(db: Db, id: string): Promise<Account | undefined> {
  const [row] = await db.select().from(accounts).where(eq(accounts.id, id)).limit(1);
  return row;
}

export type CreateAccountInput = {
  email: string;
  name?: string;
  /** Omitted for accounts that sign in by emailed link only (invited coordinators and editors). */
  password?: string;
  isPlatformAdmin?: boolean;
  /** Defaults to true (accounts made by an admin, the CLI or the seed); sign-up and invitations pass false. */
  emailVerified?: boolean;
  isDemo?: boolean;
  locale?: 'fr' | 'en';
};

/** Creates an account (409 when the email is taken; 400 naming `password` when it is too weak). */
export async function createAccount(
  deps: Pick<Deps, 'db' | 'clock'>,
  input: CreateAccountInput,
  actor: Actor | null = systemActor,
): Promise<Account> {
  const email = normalizeEmail(input.email);
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email))
    throw invalidInput('Adresse email invalide', { email: 'adresse email invalide' });
  if (input.password !== undefined) {
    const problem = passwordProblem(input.password);
    if (problem) throw invalidInput(problem, { password: problem });
  }
  const passwordHash = input.password === undefined ? null : await hashPassword(input.password);
  return deps.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(accounts)
      .values({
        email,
        name: input.name?.trim() || nameFromEmail(email),
        passwordHash,
        isPlatformAdmin: input.isPlatformAdmin ?? false,
        emailVerifiedAt: (input.emailVerified ?? true) ? deps.clock() : null,
        isDemo: input.isDemo ?? false,
        locale: input.locale ?? 'fr',
      })
      .onConflictDoNothing({ target: accounts.email })
      .returning();
    if (!row) throw conflict('Un compte existe déjà avec cette adresse');
    await recordAudit(tx, actor, {
      action: 'account.create',
      entityType: 'account',
      entityId: row.id,
      after: { ...publicAccount(row), hasPassword: passwordHash !== null },
    });
    return row;
  });
}

/** The account for an email, created without a password when absent (invitations). */
export async function ensureAccount(
  deps: Pick<Deps, 'db' | 'clock'>,
  input: { email: string; name?: string },
  actor: Actor | null,
): Promise<{ account: Account; created: boolean }> {
  const existing = await findAccountByEmail(deps.db, input.email);
  if (existing) return { account: existing, created: false };
  try {
    const account = await createAccount(
      deps,
      { email: input.email, name: input.name, emailVerified: false },
      actor,
    );
    return { account, created: true };
  } catch (err) {
    // Created meanwhile by a concurrent request: use it.
    const again = await findAccountByEmail(deps.db, input.email);
    if (again) return { account: again, created: false };
    throw err;
  }
}

export type Me = {
  account: PublicAccount | null;
  networks: { id: string; slug: string; name: string; kind: string; role: string }[];
  organizations: { id: string; name: string }[];
};

/** Who the actor is, with the networks it belongs to and the organisations it may edit as staff. */
export async function getMe(db: Db, actor: Actor | null): Promise<Me> {
  if (!actor?.accountId) return { account: null, networks: [], organizations: [] };
  const account = await findAccountById(db, actor.accountId);
  if (!account) return { account: null, networks: [], organizations: [] };
  const memberships = await db
    .select({
      id: networks.id,
      slug: networks.slug,
      name: networks.name,
      kind: networks.kind,
      role: networkMembers.role,
    })
    .from(networkMembers)
    .innerJoin(networks, eq(networks.id, networkMembers.networkId))
    .where(eq(networkMembers.accountId, account.id))
    .orderBy(asc(networks.name));
  // Read-only join on the directory's table for the names (no write; organizations owns the table).
  const orgs = await db
    .select({ id: organizations.id, name: organizations.name })
    .from(organizationEditors)
    .innerJoin(organizations, eq(organizations.id, organizationEditors.organizationId))
    .where(eq(organizationEditors.accountId, account.id))
    .orderBy(asc(organizations.name));
  return { account: publicAccount(account), networks: memberships, organizations: orgs };
}

/**
 * Makes the account of this email a platform admin, creating it (without password) when absent, and returns a
 * one-time sign-in link for it (CLI `create-admin`).
 */
export async function ensurePlatformAdmin(
  deps: Pick<Deps, 'db' | 'clock' | 'config'>,
  input: { email: string; name?: string },
): Promise<{ account: Account; created: boolean; link: string }> {
  const existing = await findAccountByEmail(deps.db, input.email);
  let account = existing ?? (await createAccount(deps, { ...input, isPlatformAdmin: true }, systemActor));
  if (!account.isPlatformAdmin) {
    const id = account.id;
    await deps.db.transaction(async (tx) => {
      await tx.update(accounts).set({ isPlatformAdmin: true }).where(eq(accounts.id, id));
      await recordAudit(tx, systemActor, {
        action: 'account.grant-admin',
        entityType: 'account',
        entityId: id,
        before: { isPlatformAdmin: false },
        after: { isPlatformAdmin: true },
      });
    });
    account = { ...account, isPlatformAdmin: true };
  }
  const token = await issueToken(deps, account.id, 'login', INVITATION_TTL_MS);
  return { account, created: !existing, link: loginLinkUrl(deps.config.publicUrl, token) };
}
