import type { TestContext } from '../../testing.ts';
import { buildAccount, buildNetwork } from '../registrations/registrations.fixtures.ts';

// Test helpers of the newsletters tests: a network with its coordinator, and a list created through the API.

export type Cookies = Record<string, string>;

export const caller =
  (ctx: TestContext) =>
  (
    method: 'GET' | 'POST' | 'PATCH',
    url: string,
    opts: { cookies?: Cookies; payload?: unknown; headers?: Record<string, string> } = {},
  ) =>
    ctx.app.inject({
      method,
      url,
      cookies: opts.cookies,
      headers: opts.headers,
      payload: opts.payload as Record<string, unknown>,
    });

/** A network and one of its coordinators, signed in. */
export async function buildStaff(ctx: TestContext) {
  const network = await buildNetwork(ctx.db);
  const coordinator = await buildAccount(ctx.db, { coordinatorOf: network.id });
  return { network, cookies: coordinator.cookies as Cookies };
}

/** A public list of the network, created by its coordinator. */
export async function buildList(
  ctx: TestContext,
  staff: Awaited<ReturnType<typeof buildStaff>>,
  overrides: Record<string, unknown> = {},
) {
  const res = await caller(ctx)('POST', `/api/networks/${staff.network.id}/newsletter-lists`, {
    cookies: staff.cookies,
    payload: {
      name: 'Lettre du réseau',
      consentText: 'J’accepte de recevoir la lettre mensuelle du réseau par courriel.',
      ...overrides,
    },
  });
  if (res.statusCode !== 201) throw new Error(res.body);
  return res.json() as { id: string; consentVersion: string; name: string };
}

/** The link of the confirmation mail last sent to `email` (its token), from the outbox. */
export function confirmTokenOf(text: string): string {
  const m = /\/lettres\/confirmer\/([A-Za-z0-9_-]+)/.exec(text);
  if (!m) throw new Error(`no confirmation link in: ${text}`);
  return m[1];
}

export function preferencesTokenOf(text: string): string {
  const m = /\/lettres\/preferences\/([A-Za-z0-9_-]+)/.exec(text);
  if (!m) throw new Error(`no preferences link in: ${text}`);
  return m[1];
}
