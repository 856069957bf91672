import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestApp, type TestContext } from '../../testing.ts';
import { listOutbox } from '../mail/mail.service.ts';
import { startSmtpPeer, tokenFromLink } from '../mail/smtp-peer.testing.ts';
import { accounts } from './accounts.tables.ts';
import { AUTH_LIMIT_PER_EMAIL, AUTH_LIMIT_PER_IP } from './auth.limits.ts';

// Sign-up, sign-in, emailed links and password reset through the real HTTP layer, a real database and a real
// SMTP peer on loopback.

let t: TestContext;
let smtp: Awaited<ReturnType<typeof startSmtpPeer>>;
let now = new Date('2026-03-02T09:00:00Z');
let ipSeq = 0;
/** Each test speaks from its own address, so that the per-IP limits of one do not spill into another. */
const from = () => ({ 'x-forwarded-for': `198.51.100.${++ipSeq}` });

const post = (url: string, payload: object, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'POST', url, payload, headers });
const me = async (cookie: string) =>
  (await t.app.inject({ url: '/api/me', headers: { cookie } })).json().account;
const cookieOf = (res: { headers: Record<string, unknown> }) => {
  const raw = res.headers['set-cookie'];
  const header = Array.isArray(raw) ? raw[0] : String(raw);
  return { header, pair: header.split(';')[0] };
};

beforeAll(async () => {
  smtp = await startSmtpPeer(4201);
  t = await createTestApp({ smtpUrl: smtp.url, now: () => now });
});
afterAll(async () => {
  await t.close();
  await smtp.close();
});

describe('sign-up', () => {
  it('answers 202, mails a confirmation link over SMTP, and the link signs in', async () => {
    const headers = from();
    const res = await post(
      '/api/auth/sign-up',
      { email: 'Camille.Martin@Example.FR', name: 'Camille Martin', password: 'correct horse battery' },
      headers,
    );
    expect(res.statusCode).toBe(202);
    expect(res.headers['set-cookie']).toBeUndefined();

    const mail = await smtp.waitFor('camille.martin@example.fr', /Bienvenue/);
    expect(mail.text).toContain('Bonjour Camille Martin');
    await vi.waitFor(async () => {
      const [kept] = await listOutbox(t.db, { to: 'camille.martin@example.fr' });
      expect(kept).toMatchObject({ kind: 'auth.welcome', status: 'sent' });
    });
    const [row] = await t.db.select().from(accounts).where(eq(accounts.email, 'camille.martin@example.fr'));
    expect(row.passwordHash).toMatch(/^\$argon2id\$/);
    expect(row.emailVerifiedAt).toBeNull();

    // Until the address is confirmed, the password does not open a session (and the refusal is the generic one).
    const early = await post(
      '/api/auth/sign-in',
      { email: 'camille.martin@example.fr', password: 'correct horse battery' },
      headers,
    );
    expect(early.statusCode).toBe(401);
    expect(early.json().error.message).toBe('Email ou mot de passe incorrect');

    const token = tokenFromLink(mail.text, 'http://maillage.test/connexion/lien');
    const verified = await post('/api/auth/magic-link/verify', { token }, headers);
    expect(verified.statusCode).toBe(200);
    expect(verified.json().account).toMatchObject({
      email: 'camille.martin@example.fr',
      isPlatformAdmin: false,
    });
    const cookie = cookieOf(verified);
    expect(cookie.header).toMatch(/^maillage_session=/);
    expect(cookie.header).toMatch(/HttpOnly/);
    expect(cookie.header).toMatch(/SameSite=Lax/);
    expect(cookie.header).toMatch(/Path=\//);
    expect(cookie.header).not.toMatch(/Secure/);
    expect((await me(cookie.pair)).email).toBe('camille.martin@example.fr');

    const again = await post('/api/auth/magic-link/verify', { token }, headers);
    expect(again.statusCode).toBe(400);
    expect(again.json().error.fields).toHaveProperty('token');

    const signIn = await post(
      '/api/auth/sign-in',
      { email: 'CAMILLE.martin@example.fr', password: 'correct horse battery' },
      headers,
    );
    expect(signIn.statusCode).toBe(200);
  });

  it('answers an existing address exactly like a new one, and mails its owner instead', async () => {
    const headers = from();
    const first = await post(
      '/api/auth/sign-up',
      { email: 'dominique@example.fr', name: 'Dominique', password: 'first password!' },
      headers,
    );
    await smtp.waitFor('dominique@example.fr', /Bienvenue/);
    const second = await post(
      '/api/auth/sign-up',
      { email: 'Dominique@example.fr', name: 'Intrus', password: 'other password!' },
      headers,
    );
    expect(second.statusCode).toBe(first.statusCode);
    expect(second.json()).toEqual(first.json());
    const notice = await smtp.waitFor('dominique@example.fr', /déjà un compte/);
    expect(notice.text).toContain('/connexion/lien?token=');
    const rows = await t.db.select().from(accounts).where(eq(accounts.email, 'dominique@example.fr'));
    expect(rows).toHaveLength(1);
    expect(rows[0].name).toBe('Dominique');
  });

  it('refuses a short password with a clear message, and unknown fields', async () => {
    const short = await post(
      '/api/auth/sign-up',
      { email: 'x@example.fr', name: 'X', password: 'court' },
      from(),
    );
    expect(short.statusCode).toBe(400);
    expect(short.json().error.fields.password).toBe('Le mot de passe doit contenir au moins 10 caractères');
    const extra = await post(
      '/api/auth/sign-up',
      { email: 'x@example.fr', name: 'X', password: 'long enough pw', isPlatformAdmin: true },
      from(),
    );
    expect(extra.statusCode).toBe(400);
    expect(extra.json().error.fields).toEqual({ isPlatformAdmin: 'champ inconnu' });
    const badEmail = await post('/api/auth/sign-up', {
      email: 'pas-un-email',
      name: 'X',
      password: 'x'.repeat(12),
    });
    expect(badEmail.statusCode).toBe(400);
    expect(badEmail.json().error.fields).toHaveProperty('email');
  });
});

describe('sign-in and sign-out', () => {
  it('gives the same refusal for an unknown email and a wrong password', async () => {
    const headers = from();
    const unknown = await post(
      '/api/auth/sign-in',
      { email: 'nobody@example.fr', password: 'whatever123' },
      headers,
    );
    const wrong = await post(
      '/api/auth/sign-in',
      { email: 'camille.martin@example.fr', password: 'wrong password' },
      headers,
    );
    expect(unknown.statusCode).toBe(401);
    expect(wrong.statusCode).toBe(401);
    expect(unknown.json().error).toEqual(wrong.json().error);
  });

  it('marks the cookie Secure behind an HTTPS proxy, and sign-out ends the session', async () => {
    const res = await post(
      '/api/auth/sign-in',
      { email: 'camille.martin@example.fr', password: 'correct horse battery' },
      { ...from(), 'x-forwarded-proto': 'https' },
    );
    expect(res.statusCode).toBe(200);
    const cookie = cookieOf(res);
    expect(cookie.header).toMatch(/; Secure/);
    expect(await me(cookie.pair)).not.toBeNull();

    const out = await t.app.inject({
      method: 'POST',
      url: '/api/auth/sign-out',
      headers: { cookie: cookie.pair },
    });
    expect(out.statusCode).toBe(204);
    expect(String(out.headers['set-cookie'])).toMatch(/maillage_session=;/);
    expect(await me(cookie.pair)).toBeNull();
  });

  it(`limits attempts: ${AUTH_LIMIT_PER_EMAIL} per email from one address, then 429 from there`, async () => {
    const headers = from();
    for (let i = 0; i < AUTH_LIMIT_PER_EMAIL; i++) {
      const res = await post(
        '/api/auth/sign-in',
        { email: 'target@example.fr', password: `guess-${i}-xxxx` },
        headers,
      );
      expect(res.statusCode).toBe(401);
    }
    const limited = await post(
      '/api/auth/sign-in',
      { email: 'Target@example.fr', password: 'guess-last' },
      headers,
    );
    expect(limited.statusCode).toBe(429);
    expect(limited.json().error.code).toBe('RATE_LIMITED');
    // After the window, the address may try again.
    now = new Date(now.getTime() + 15 * 60_000);
    const later = await post(
      '/api/auth/sign-in',
      { email: 'target@example.fr', password: 'guess-later' },
      headers,
    );
    expect(later.statusCode).toBe(401);
  });

  it(`limits attempts: ${AUTH_LIMIT_PER_IP} per address, whatever the emails`, async () => {
    const headers = from();
    for (let i = 0; i < AUTH_LIMIT_PER_IP; i++) {
      const res = await post('/api/auth/magic-link', { email: `someone${i}@example.fr` }, headers);
      expect(res.statusCode).toBe(202);
    }
    const limited = await post('/api/auth/magic-link', { email: 'one-more@example.fr' }, headers);
    expect(limited.statusCode).toBe(429);
    expect((await post('/api/auth/magic-link', { email: 'one-more@example.fr' }, from())).statusCode).toBe(
      202,
    );
  });
});

describe('emailed sign-in link', () => {
  it('answers the same for any address; the link works once, for 15 minutes', async () => {
    const headers = from();
    const known = await post('/api/auth/magic-link', { email: 'Camille.Martin@example.fr' }, headers);
    const unknown = await post('/api/auth/magic-link', { email: 'ghost@example.fr' }, headers);
    expect(known.statusCode).toBe(202);
    expect(unknown.statusCode).toBe(202);
    expect(unknown.json()).toEqual(known.json());

    const mail = await smtp.waitFor('camille.martin@example.fr', /lien de connexion/);
    const token = tokenFromLink(mail.text, '/connexion/lien');
    const ok = await post('/api/auth/magic-link/verify', { token }, headers);
    expect(ok.statusCode).toBe(200);
    expect((await me(cookieOf(ok).pair)).email).toBe('camille.martin@example.fr');

    await post('/api/auth/magic-link', { email: 'camille.martin@example.fr' }, headers);
    const late = await smtp.waitFor('camille.martin@example.fr', /lien de connexion/);
    now = new Date(now.getTime() + 15 * 60_000 + 1000);
    const expired = await post(
      '/api/auth/magic-link/verify',
      { token: tokenFromLink(late.text, '/connexion/lien') },
      headers,
    );
    expect(expired.statusCode).toBe(400);
    expect(smtp.received.filter((m) => m.to.includes('ghost@example.fr'))).toHaveLength(0);
  });
});

describe('password reset', () => {
  it('sets a new password once, ends the other sessions and voids older links', async () => {
    const headers = from();
    const oldSession = await post(
      '/api/auth/sign-in',
      { email: 'camille.martin@example.fr', password: 'correct horse battery' },
      headers,
    );
    const oldCookie = cookieOf(oldSession).pair;

    await post('/api/auth/password-reset', { email: 'camille.martin@example.fr' }, headers);
    const older = tokenFromLink(
      (await smtp.waitFor('camille.martin@example.fr', /mot de passe/)).text,
      '/mot-de-passe/nouveau',
    );
    const unknown = await post('/api/auth/password-reset', { email: 'ghost@example.fr' }, headers);
    expect(unknown.statusCode).toBe(202);
    await post('/api/auth/password-reset', { email: 'camille.martin@example.fr' }, headers);
    const mail = await smtp.waitFor('camille.martin@example.fr', /mot de passe/);
    const token = tokenFromLink(mail.text, 'http://maillage.test/mot-de-passe/nouveau');

    // A sign-in link asked for before the reset must not outlive it.
    await post('/api/auth/magic-link', { email: 'camille.martin@example.fr' }, headers);
    const signInLink = tokenFromLink(
      (await smtp.waitFor('camille.martin@example.fr', /lien de connexion/)).text,
      '/connexion/lien',
    );

    const weak = await post('/api/auth/password-reset/confirm', { token, password: 'short' }, headers);
    expect(weak.statusCode).toBe(400);
    expect(weak.json().error.fields.password).toMatch(/10 caractères/);

    const done = await post(
      '/api/auth/password-reset/confirm',
      { token, password: 'a brand new passphrase' },
      headers,
    );
    expect(done.statusCode).toBe(200);
    expect((await me(cookieOf(done).pair)).email).toBe('camille.martin@example.fr');
    expect(await me(oldCookie)).toBeNull();

    const reuse = await post(
      '/api/auth/password-reset/confirm',
      { token, password: 'yet another one!' },
      headers,
    );
    expect(reuse.statusCode).toBe(400);
    const staleSignIn = await post('/api/auth/magic-link/verify', { token: signInLink }, headers);
    expect(staleSignIn.statusCode).toBe(400);
    const olderLink = await post(
      '/api/auth/password-reset/confirm',
      { token: older, password: 'yet another one!' },
      headers,
    );
    expect(olderLink.statusCode).toBe(400);

    const oldPassword = await post(
      '/api/auth/sign-in',
      { email: 'camille.martin@example.fr', password: 'correct horse battery' },
      headers,
    );
    expect(oldPassword.statusCode).toBe(401);
    const newPassword = await post(
      '/api/auth/sign-in',
      { email: 'camille.martin@example.fr', password: 'a brand new passphrase' },
      headers,
    );
    expect(newPassword.statusCode).toBe(200);
  });

  it('refuses a reset link after one hour', async () => {
    const headers = from();
    await post('/api/auth/password-reset', { email: 'dominique@example.fr' }, headers);
    const mail = await smtp.waitFor('dominique@example.fr', /mot de passe/);
    now = new Date(now.getTime() + 60 * 60_000 + 1000);
    const res = await post(
      '/api/auth/password-reset/confirm',
      { token: tokenFromLink(mail.text, '/mot-de-passe/nouveau'), password: 'a brand new passphrase' },
      headers,
    );
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields).toHaveProperty('token');
  });
});
