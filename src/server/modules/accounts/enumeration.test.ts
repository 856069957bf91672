import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestApp, type TestContext } from '../../testing.ts';
import { listOutbox } from '../mail/mail.service.ts';
import { buildOrganization } from '../registrations/registrations.fixtures.ts';
import { buildNetwork, signInAs } from './accounts.factory.ts';
import { accounts, networkOrganizations } from './accounts.tables.ts';
import { createAuthLimits } from './auth.limits.ts';
import { requestLoginLink, requestPasswordReset } from './auth.service.ts';

// Nothing an unprivileged caller gets back tells whether an address has an account, nor whose it is.

let t: TestContext;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t?.close());

const post = (url: string, payload: object, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'POST', url, payload, headers });

describe('organisation editors', () => {
  it('adding an existing account as editor returns nothing of that account (not its real name)', async () => {
    const network = await buildNetwork(t.deps);
    const org = await buildOrganization(t.db, { name: 'Épicerie solidaire' });
    await t.db.insert(networkOrganizations).values({ networkId: network.id, organizationId: org.id });
    await t.db.insert(accounts).values({ email: 'dominique.secret@example.fr', name: 'Dominique Secret' });
    const editor = await signInAs(t.app, t.deps, { email: 'benevole@example.fr', editorOf: [org.id] });

    const known = await post(
      `/api/organizations/${org.id}/editors`,
      { email: 'Dominique.Secret@example.fr' },
      { cookie: editor },
    );
    const unknown = await post(
      `/api/organizations/${org.id}/editors`,
      { email: 'personne.inconnue@example.fr' },
      { cookie: editor },
    );
    expect(known.statusCode).toBe(201);
    expect(unknown.statusCode).toBe(201);
    expect(known.body).not.toContain('Dominique Secret');
    expect(Object.keys(known.json()).sort()).toEqual(Object.keys(unknown.json()).sort());
    expect(known.json().name).toBe(unknown.json().name);

    // Listing the editors afterwards does not give the name away either, to another editor.
    const list = await t.app.inject({
      url: `/api/organizations/${org.id}/editors`,
      headers: { cookie: editor },
    });
    expect(list.statusCode).toBe(200);
    expect(list.body).not.toContain('Dominique Secret');
    // The network's coordinator, who manages the organisation's staff, sees the names.
    const coord = await signInAs(t.app, t.deps, { email: 'coord@example.fr', coordinatorOf: [network.id] });
    const forCoord = await t.app.inject({
      url: `/api/organizations/${org.id}/editors`,
      headers: { cookie: coord },
    });
    expect(forCoord.body).toContain('Dominique Secret');
  });
});

// The answers' timing is measured by `npm run bench:enumeration` (a timed test only measured the machine's load);
// here, that only the known address is mailed, and below, without a clock, why the timing holds.
describe.each([
  ['/api/auth/magic-link', 'auth.login-link'],
  ['/api/auth/password-reset', 'auth.password-reset'],
])('%s', (url, kind) => {
  it('answers a known and an unknown address alike, and mails only the known one', async () => {
    const email = `connu-${kind}@example.fr`;
    await t.db.insert(accounts).values({ email, name: 'Compte connu' });
    const known = await post(url, { email }, { 'x-forwarded-for': '203.0.113.7' });
    const unknown = await post(
      url,
      { email: `fantome-${kind}@example.fr` },
      { 'x-forwarded-for': '203.0.113.8' },
    );
    expect(known.statusCode).toBe(202);
    expect(unknown.statusCode).toBe(202);
    expect(known.body).toBe(unknown.body);
    const mailed = async (to: string) => (await listOutbox(t.db, { to })).filter((m) => m.kind === kind);
    await vi.waitFor(async () => expect(await mailed(email)).toHaveLength(1));
    expect(await mailed(`fantome-${kind}@example.fr`)).toEqual([]);
  });
});

// Why the answers take the same time, without a clock: until the answer is given, the
// services read nothing that depends on the address (only the shared rate limits, which have their own handle).
describe.each([
  ['sign-in link', requestLoginLink, 'auth.login-link'],
  ['password reset', requestPasswordReset, 'auth.password-reset'],
] as const)('%s', (_name, request, kind) => {
  it('touches the database for the address only after the answer', async () => {
    const email = `ordre-${kind}@example.fr`;
    await t.db.insert(accounts).values({ email, name: 'Compte ordre' });
    let reads = 0;
    const db = new Proxy(t.db, {
      get(target, key, receiver) {
        if (
          typeof key === 'string' &&
          ['select', 'insert', 'update', 'delete', 'execute', 'transaction', 'query'].includes(key)
        )
          reads++;
        return Reflect.get(target, key, receiver);
      },
    });
    const later: (() => Promise<unknown>)[] = [];
    const deps = {
      ...t.deps,
      db,
      limits: createAuthLimits(t.deps),
      background: { run: (task: () => Promise<unknown>) => void later.push(task), drain: async () => {} },
    };
    for (const address of [email, `inconnu-${kind}@example.fr`]) {
      const answer = await request(deps, { email: address }, { ip: '198.51.100.7' });
      expect(answer.message).toBeTruthy();
    }
    expect(reads).toBe(0);
    expect(later).toHaveLength(2);
    for (const task of later) await task();
    expect(reads).toBeGreaterThan(0);
    const mails = await listOutbox(t.db);
    expect(mails.filter((m) => m.kind === kind && m.to === email)).toHaveLength(1);
  });
});
