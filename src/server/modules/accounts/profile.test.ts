import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../testing.ts';
import { listOutbox } from '../mail/mail.service.ts';
import { buildNetwork, signInAs } from './accounts.factory.ts';
import { createAccount } from './accounts.service.ts';
import { sessions } from './accounts.tables.ts';
import { AUTH_LIMIT_PER_EMAIL } from './auth.limits.ts';
import { addCoordinator } from './networks.service.ts';
import { createSession, SESSION_COOKIE } from './sessions.ts';

// A signed-in person's own account: password, name and language; and the 429 answer's Retry-After.

let t: TestContext;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const req = (method: 'GET' | 'POST' | 'PATCH', url: string, cookie?: string, payload?: object) =>
  t.app.inject({
    method,
    url,
    payload,
    headers: { ...(cookie ? { cookie } : {}), 'x-forwarded-for': '203.0.113.9' },
  });
const me = async (cookie: string) => (await req('GET', '/api/me', cookie)).json().account;

describe('changing one’s password', () => {
  it('lets an account invited by email set its first password, then sign in with it', async () => {
    const invited = await signInAs(t.app, t.deps, { email: 'invitee@example.fr' });
    const res = await req('POST', '/api/auth/password', invited, { password: 'my first password' });
    expect(res.statusCode).toBe(200);
    const signIn = await req('POST', '/api/auth/sign-in', undefined, {
      email: 'invitee@example.fr',
      password: 'my first password',
    });
    expect(signIn.statusCode).toBe(200);
  });

  it('requires the current password when there is one, and ends the other sessions only', async () => {
    const account = await createAccount(t.deps, { email: 'holder@example.fr', password: 'the old password' });
    const here = `${SESSION_COOKIE}=${(await createSession(t.deps, account.id)).token}`;
    const elsewhere = `${SESSION_COOKIE}=${(await createSession(t.deps, account.id)).token}`;

    const missing = await req('POST', '/api/auth/password', here, { password: 'the new password' });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.fields).toEqual({ currentPassword: 'mot de passe actuel incorrect' });
    const weak = await req('POST', '/api/auth/password', here, {
      currentPassword: 'the old password',
      password: 'court',
    });
    expect(weak.json().error.fields.password).toMatch(/10 caractères/);

    const ok = await req('POST', '/api/auth/password', here, {
      currentPassword: 'the old password',
      password: 'the new password',
    });
    expect(ok.statusCode).toBe(200);
    expect((await me(here))?.email).toBe('holder@example.fr');
    expect(await me(elsewhere)).toBeNull();
    expect(
      (await req('POST', '/api/auth/password', undefined, { password: 'x'.repeat(12) })).statusCode,
    ).toBe(401);
  });
});

describe('sessions', () => {
  it('expired ones of an account are deleted when it opens a new one', async () => {
    const account = await createAccount(t.deps, { email: 'old-sessions@example.fr' });
    const longAgo = new Date(Date.now() - 31 * 86_400_000);
    await createSession({ db: t.db, clock: () => longAgo }, account.id);
    await createSession({ db: t.db, clock: () => longAgo }, account.id);
    const count = async () =>
      (await t.db.select().from(sessions).where(eq(sessions.accountId, account.id))).length;
    expect(await count()).toBe(2);
    await createSession(t.deps, account.id);
    expect(await count()).toBe(1);
  });
});

describe('profile', () => {
  it('changes the name and the language, and nothing else', async () => {
    const cookie = await signInAs(t.app, t.deps, { email: 'profile@example.fr' });
    const res = await req('PATCH', '/api/me', cookie, { name: 'Sacha Durand', locale: 'en' });
    expect(res.statusCode).toBe(200);
    expect(res.json().account).toMatchObject({ name: 'Sacha Durand', locale: 'en', isPlatformAdmin: false });
    const escalate = await req('PATCH', '/api/me', cookie, { isPlatformAdmin: true });
    expect(escalate.statusCode).toBe(400);
    // The account now reads English, and the request names no language: the field error follows the account.
    expect(escalate.json().error.fields).toEqual({ isPlatformAdmin: 'unknown field' });
    expect((await req('PATCH', '/api/me', cookie, { locale: 'de' })).statusCode).toBe(400);
    expect((await req('PATCH', '/api/me', undefined, { name: 'X' })).statusCode).toBe(401);
  });
});

describe('rate limits', () => {
  it('answer 429 with a Retry-After header in seconds', async () => {
    for (let i = 0; i < AUTH_LIMIT_PER_EMAIL; i++)
      await req('POST', '/api/auth/password-reset', undefined, { email: 'flood@example.fr' });
    const res = await req('POST', '/api/auth/password-reset', undefined, { email: 'flood@example.fr' });
    expect(res.statusCode).toBe(429);
    expect(res.json().error.code).toBe('RATE_LIMITED');
    const seconds = Number(res.headers['retry-after']);
    expect(seconds).toBeGreaterThan(0);
    expect(seconds).toBeLessThanOrEqual(15 * 60);
  });
});

describe('invitations', () => {
  it('can be made without a mail (demo seed)', async () => {
    const network = await buildNetwork(t.deps);
    const member = await addCoordinator(
      t.deps,
      { accountId: null, email: 'system', name: 'Système', isPlatformAdmin: true },
      network.id,
      { email: 'quiet@example.fr' },
      { notify: false },
    );
    expect(member.role).toBe('coordinator');
    expect(await listOutbox(t.db, { to: 'quiet@example.fr' })).toEqual([]);
  });
});
