import type { Deps } from '../../context.ts';
import { accounts, networkMembers, networks, organizationEditors } from '../accounts/accounts.tables.ts';
import { createSession, SESSION_COOKIE } from '../accounts/sessions.ts';

// Small helpers for this module's integration tests: accounts, networks and sessions written straight into the
// accounts tables (the accounts module's own service is exercised by its tests).

let seq = 0;

export async function testNetwork(deps: Pick<Deps, 'db'>, name = 'Réseau test') {
  seq += 1;
  const [network] = await deps.db
    .insert(networks)
    .values({ slug: `reseau-${seq}-${Math.random().toString(36).slice(2, 8)}`, name, kind: 'club' })
    .returning();
  return network!;
}

/** An account with the given roles and an open session; returns its id and the cookie header value. */
export async function testAccount(
  deps: Pick<Deps, 'db' | 'clock'>,
  opts: { isPlatformAdmin?: boolean; coordinatorOf?: string[]; editorOf?: string[] } = {},
) {
  seq += 1;
  const [account] = await deps.db
    .insert(accounts)
    .values({
      email: `user${seq}-${Date.now()}@test.fr`,
      name: `Utilisateur ${seq}`,
      isPlatformAdmin: opts.isPlatformAdmin ?? false,
    })
    .returning();
  for (const networkId of opts.coordinatorOf ?? [])
    await deps.db.insert(networkMembers).values({ networkId, accountId: account!.id, role: 'coordinator' });
  for (const organizationId of opts.editorOf ?? [])
    await deps.db.insert(organizationEditors).values({ organizationId, accountId: account!.id });
  const { token } = await createSession(deps, account!.id);
  return { id: account!.id, cookie: `${SESSION_COOKIE}=${token}` };
}
