import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminActor, createTestApp, type TestContext } from '../../testing.ts';
import { startSmtpPeer, tokenFromLink } from '../mail/smtp-peer.testing.ts';
import { buildNetwork, signInAs } from './accounts.factory.ts';
import { createAccount } from './accounts.service.ts';
import { accounts } from './accounts.tables.ts';
import { addCoordinator } from './networks.service.ts';

// An account's language: read and set through /api/me, and followed by every mail the accounts module sends it
// (received here through a real SMTP peer on loopback). French unless the person chose English.

let t: TestContext;
let smtp: Awaited<ReturnType<typeof startSmtpPeer>>;
let ipSeq = 0;
/** Each test speaks from its own address, so that the per-IP limits of one do not spill into another. */
const from = () => ({ 'x-forwarded-for': `192.0.2.${++ipSeq}` });

beforeAll(async () => {
  smtp = await startSmtpPeer(4851);
  t = await createTestApp({ smtpUrl: smtp.url });
});
afterAll(async () => {
  await t.close();
  await smtp.close();
});

const inject = (method: 'GET' | 'POST' | 'PATCH', url: string, cookie?: string, payload?: object) =>
  t.app.inject({ method, url, payload, headers: { ...from(), ...(cookie ? { cookie } : {}) } });
const storedLocale = async (email: string) =>
  (await t.db.select().from(accounts).where(eq(accounts.email, email)))[0]?.locale;

describe('an account’s language', () => {
  it('is French by default, given by /api/me, and set by the person to English and back', async () => {
    const cookie = await signInAs(t.app, t.deps, { email: 'lang@example.fr', name: 'Lou' });
    expect((await inject('GET', '/api/me', cookie)).json().account.locale).toBe('fr');

    const set = await inject('PATCH', '/api/me', cookie, { locale: 'en' });
    expect(set.statusCode).toBe(200);
    expect(set.json().account).toMatchObject({ locale: 'en', name: 'Lou' });
    expect((await inject('GET', '/api/me', cookie)).json().account.locale).toBe('en');
    expect(await storedLocale('lang@example.fr')).toBe('en');

    await inject('PATCH', '/api/me', cookie, { locale: 'fr' });
    expect((await inject('GET', '/api/me', cookie)).json().account.locale).toBe('fr');
  });

  it('refuses anything but fr or en with a 400 naming the field, and keeps the stored one', async () => {
    const cookie = await signInAs(t.app, t.deps, { email: 'bad-lang@example.fr' });
    await inject('PATCH', '/api/me', cookie, { locale: 'en' });
    for (const locale of ['de', 'EN', '', 'fr-FR', 1, null]) {
      const res = await inject('PATCH', '/api/me', cookie, { locale });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toBe('INVALID_INPUT');
      expect(Object.keys(res.json().error.fields)).toEqual(['locale']);
    }
    expect(await storedLocale('bad-lang@example.fr')).toBe('en');
    expect((await inject('PATCH', '/api/me', undefined, { locale: 'en' })).statusCode).toBe(401);
  });

  it('is refused by the database itself when it is not fr or en', async () => {
    await createAccount(t.deps, { email: 'db-check@example.fr' });
    await expect(
      t.db.execute(sql`update accounts set locale = 'de' where email = 'db-check@example.fr'`),
    ).rejects.toThrow();
    expect(await storedLocale('db-check@example.fr')).toBe('fr');
  });
});

describe('account mails', () => {
  it('send the sign-in link in English to an English account, and the link signs in', async () => {
    const cookie = await signInAs(t.app, t.deps, { email: 'robin@example.org', name: 'Robin' });
    await inject('PATCH', '/api/me', cookie, { locale: 'en' });
    expect(
      (await inject('POST', '/api/auth/magic-link', undefined, { email: 'Robin@example.org' })).statusCode,
    ).toBe(202);
    const mail = await smtp.waitFor('robin@example.org');
    expect(mail.subject).toBe('Your Maillage sign-in link');
    expect(mail.text).toMatch(/^Hello,/);
    expect(mail.text).toContain('within the next 15 minutes');
    expect(mail.text).not.toMatch(/Bonjour|connecter/);
    const token = tokenFromLink(mail.text, 'http://maillage.test/connexion/lien');
    const signedIn = await inject('POST', '/api/auth/magic-link/verify', undefined, { token });
    expect(signedIn.statusCode).toBe(200);
    expect(signedIn.json().account).toMatchObject({ email: 'robin@example.org', locale: 'en' });
  });

  it('stay in French for an account that never chose a language', async () => {
    await createAccount(t.deps, { email: 'camille@example.fr' });
    await inject('POST', '/api/auth/magic-link', undefined, { email: 'camille@example.fr' });
    const link = await smtp.waitFor('camille@example.fr');
    expect(link.subject).toBe('Votre lien de connexion à Maillage');
    expect(link.text).toMatch(/^Bonjour,/);
    await inject('POST', '/api/auth/password-reset', undefined, { email: 'camille@example.fr' });
    expect((await smtp.waitFor('camille@example.fr')).subject).toBe(
      'Choisir un nouveau mot de passe Maillage',
    );
  });

  it('send the password reset in English to an English account', async () => {
    await createAccount(t.deps, { email: 'sam@example.org', locale: 'en' });
    await inject('POST', '/api/auth/password-reset', undefined, { email: 'sam@example.org' });
    const mail = await smtp.waitFor('sam@example.org');
    expect(mail.subject).toBe('Choose a new Maillage password');
    expect(mail.text).toContain('within the next hour');
    tokenFromLink(mail.text, '/mot-de-passe/nouveau');
  });

  it('welcome a sign-up in the language it was made in, which becomes the account’s', async () => {
    const en = await inject('POST', '/api/auth/sign-up', undefined, {
      email: 'alex@example.org',
      name: 'Alex Doe',
      password: 'correct horse battery',
      locale: 'en',
    });
    expect(en.statusCode).toBe(202);
    const welcome = await smtp.waitFor('alex@example.org');
    expect(welcome.subject).toBe('Welcome to Maillage: please confirm your address');
    expect(welcome.text).toMatch(/^Hello Alex Doe,/);
    expect(await storedLocale('alex@example.org')).toBe('en');

    // Signing up again with the address (in French, this time) tells the owner in the account's language.
    await inject('POST', '/api/auth/sign-up', undefined, {
      email: 'alex@example.org',
      name: 'Someone',
      password: 'another password',
      locale: 'fr',
    });
    expect((await smtp.waitFor('alex@example.org')).subject).toBe('You already have a Maillage account');

    await inject('POST', '/api/auth/sign-up', undefined, {
      email: 'claude@example.fr',
      name: 'Claude',
      password: 'correct horse battery',
    });
    expect((await smtp.waitFor('claude@example.fr')).subject).toBe(
      'Bienvenue sur Maillage : confirmez votre adresse',
    );
    expect(await storedLocale('claude@example.fr')).toBe('fr');

    const bad = await inject('POST', '/api/auth/sign-up', undefined, {
      email: 'bad@example.fr',
      name: 'Bad',
      password: 'correct horse battery',
      locale: 'es',
    });
    expect(bad.statusCode).toBe(400);
    expect(Object.keys(bad.json().error.fields)).toEqual(['locale']);
    expect(await storedLocale('bad@example.fr')).toBeUndefined();
  });

  it('invite an English account in English, and a new one in French', async () => {
    const network = await buildNetwork(t.deps, { name: 'Club des Lacs' });
    await createAccount(t.deps, { email: 'kim@example.org', locale: 'en' });
    await addCoordinator(t.deps, adminActor, network.id, { email: 'kim@example.org' });
    const en = await smtp.waitFor('kim@example.org');
    expect(en.subject).toBe('Maillage: you are now a coordinator of the “Club des Lacs” network');
    expect(en.text).toContain('has added you on Maillage');
    tokenFromLink(en.text, '/connexion/lien');

    await addCoordinator(t.deps, adminActor, network.id, { email: 'nouveau@example.fr' });
    const fr = await smtp.waitFor('nouveau@example.fr');
    expect(fr.subject).toBe('Maillage : vous êtes coordinateur ou coordinatrice du réseau « Club des Lacs »');
  });
});
