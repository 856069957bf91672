import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../context.ts';
import { systemActor } from '../../context.ts';
import { createAccount, findAccountByEmail } from './accounts.service.ts';
import { accounts, networkMembers, organizationEditors } from './accounts.tables.ts';
import { createNetwork, type Network, type NetworkInput } from './networks.service.ts';
import { createSession, SESSION_COOKIE } from './sessions.ts';

// Test helpers (used by every module's integration tests): build accounts and networks fast, without mail.

/**
 * Creates (or reuses) the account, gives it the requested roles, opens a session and returns the `cookie` header
 * value to pass to `app.inject({ headers: { cookie } })`. Checked against GET /api/me before returning.
 */
export async function signInAs(
  app: FastifyInstance,
  deps: Pick<Deps, 'db' | 'clock'>,
  opts: {
    email: string;
    name?: string;
    isPlatformAdmin?: boolean;
    coordinatorOf?: string[];
    memberOf?: string[];
    editorOf?: string[];
  },
): Promise<string> {
  const account =
    (await findAccountByEmail(deps.db, opts.email)) ??
    (await createAccount(deps, { email: opts.email, name: opts.name }, systemActor));
  if (opts.isPlatformAdmin !== undefined) {
    await deps.db
      .update(accounts)
      .set({ isPlatformAdmin: opts.isPlatformAdmin })
      .where(eq(accounts.id, account.id));
  }
  const roles = [
    ...(opts.coordinatorOf ?? []).map((networkId) => ({ networkId, role: 'coordinator' })),
    ...(opts.memberOf ?? []).map((networkId) => ({ networkId, role: 'member' })),
  ];
  for (const { networkId, role } of roles) {
    await deps.db
      .insert(networkMembers)
      .values({ networkId, accountId: account.id, role })
      .onConflictDoUpdate({ target: [networkMembers.networkId, networkMembers.accountId], set: { role } });
  }
  for (const organizationId of opts.editorOf ?? []) {
    await deps.db
      .insert(organizationEditors)
      .values({ organizationId, accountId: account.id })
      .onConflictDoNothing();
  }
  const { token } = await createSession(deps, account.id);
  const cookie = `${SESSION_COOKIE}=${token}`;
  const me = await app.inject({ url: '/api/me', headers: { cookie } });
  if (me.json().account?.id !== account.id)
    throw new Error(`signInAs(${opts.email}): session not recognised`);
  return cookie;
}

let networkSeq = 0;

/** A network created by the system, with a unique slug unless given. */
export async function buildNetwork(
  deps: Pick<Deps, 'db'>,
  overrides: Partial<NetworkInput> = {},
): Promise<Network> {
  networkSeq += 1;
  return createNetwork(deps, systemActor, {
    slug: `reseau-${networkSeq}-${Math.random().toString(36).slice(2, 8)}`,
    name: `Réseau ${networkSeq}`,
    kind: 'club',
    ...overrides,
  });
}
