import { setTimeout as sleep } from 'node:timers/promises';
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

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
};

describe.each([
  ['/api/auth/magic-link', 'auth.login-link'],
  ['/api/auth/password-reset', 'auth.password-reset'],
])('%s', (url, kind) => {
  it('takes the same time for a known and an unknown address (and mails only the known one)', async () => {
    const rounds = 30;
    const mailed = async (to: string) => (await listOutbox(t.db, { to })).some((m) => m.kind === kind);
    const time = async (email: string, i: number, known: boolean) => {
      const started = process.hrtime.bigint();
      const res = await post(url, { email }, { 'x-forwarded-for': `203.0.113.${i % 250}` });
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      expect(res.statusCode).toBe(202);
      // The work that follows a known address's answer (token, mail) is over before the next measure starts.
      if (known) await vi.waitFor(async () => expect(await mailed(email)).toBe(true));
      await sleep(30);
      return ms;
    };
    // Measured up to three times: a leak (3–20 ms, every time) fails them all; a busy moment of the machine (the
    // rest of the suite runs beside this test) passes on another try. The test below checks the order without a
    // clock.
    const attempts: string[] = [];
    for (let attempt = 0; attempt < 3; attempt++) {
      const known: string[] = [];
      for (let i = 0; i < rounds; i++) known.push(`timing-${kind}-${attempt}-${i}@example.fr`);
      await t.db.insert(accounts).values(known.map((email, i) => ({ email, name: `Compte ${i}` })));
      const knownMs: number[] = [];
      const unknownMs: number[] = [];
      for (let i = 0; i < rounds; i++) {
        // Alternate, so that a slower moment of the machine weighs on both sides alike.
        knownMs.push(await time(known[i], i, true));
        unknownMs.push(await time(`ghost-${kind}-${attempt}-${i}@example.fr`, i, false));
      }
      // Each known answer is paired with the unknown one measured just after it, and the median of the pairs'
      // differences is compared: a slower moment weighs on both answers of a pair alike and drops out.
      const gap = Math.abs(median(knownMs.map((k, i) => k - unknownMs[i])));
      // Both answers do the same database work first (the rate limits are counted in the database, a few ms on a
      // busy machine): allow 1 ms plus a tenth of that shared work as noise.
      const allowed = 1 + 0.1 * Math.min(median(knownMs), median(unknownMs));
      if (gap < allowed) break;
      attempts.push(
        `known ${median(knownMs).toFixed(1)} ms, unknown ${median(unknownMs).toFixed(1)} ms, gap ${gap.toFixed(1)} ≥ ${allowed.toFixed(1)}`,
      );
    }
    expect(attempts.length, attempts.join('; ')).toBeLessThan(3);

    const mails = await listOutbox(t.db, { limit: 5000 });
    expect(mails.filter((m) => m.kind === kind && m.to.startsWith(`timing-${kind}-0-`))).toHaveLength(rounds);
    expect(mails.some((m) => m.to.startsWith(`ghost-${kind}`))).toBe(false);
  });
});

// The timing test above measures; this one shows why it holds, without a clock: until the answer is given, the
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
