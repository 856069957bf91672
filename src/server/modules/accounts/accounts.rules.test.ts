import type { FastifyRequest } from 'fastify';
import { describe, expect, it } from 'vitest';
import { nameFromEmail, normalizeEmail } from './accounts.service.ts';
import {
  alreadyRegisteredMail,
  invitationMail,
  loginLinkMail,
  loginLinkUrl,
  passwordResetMail,
  resetLinkUrl,
  welcomeMail,
} from './auth.mails.ts';
import { sessionCookieOptions } from './auth.routes.ts';
import { pgErrorCode } from './db-errors.ts';
import { hashPassword, MIN_PASSWORD_LENGTH, passwordProblem, verifyPassword } from './passwords.ts';

describe('passwords', () => {
  it('asks for at least 10 characters, in words a person understands', () => {
    expect(MIN_PASSWORD_LENGTH).toBe(10);
    expect(passwordProblem('123456789')).toBe('Le mot de passe doit contenir au moins 10 caractères');
    expect(passwordProblem('1234567890')).toBeNull();
    expect(passwordProblem(' '.repeat(12))).toMatch(/espaces/);
    expect(passwordProblem('x'.repeat(201))).toMatch(/au plus 200/);
  });

  it('hashes with argon2id and verifies only the right password', async () => {
    const hash = await hashPassword('correct horse battery');
    expect(hash).toMatch(/^\$argon2id\$v=19\$/);
    expect(await verifyPassword(hash, 'correct horse battery')).toBe(true);
    expect(await verifyPassword(hash, 'Correct horse battery')).toBe(false);
    expect(await verifyPassword('not a hash', 'whatever')).toBe(false);
  });
});

describe('emails', () => {
  it('are trimmed and lower-cased; an invited account is named after its address', () => {
    expect(normalizeEmail('  Camille.Martin@Example.FR ')).toBe('camille.martin@example.fr');
    expect(nameFromEmail('Camille.Martin@Example.fr')).toBe('camille.martin');
  });

  it('carry links built from the public URL, in French', () => {
    expect(loginLinkUrl('https://maillage.example', 'a/b')).toBe(
      'https://maillage.example/connexion/lien?token=a%2Fb',
    );
    expect(resetLinkUrl('https://maillage.example', 'tok')).toBe(
      'https://maillage.example/mot-de-passe/nouveau?token=tok',
    );
    const login = loginLinkMail('fr', 'a@b.fr', 'https://x/connexion/lien?token=t');
    expect(login).toMatchObject({ kind: 'auth.login-link', to: 'a@b.fr' });
    expect(login.text).toContain('15 minutes');
    expect(passwordResetMail('fr', 'a@b.fr', 'L').text).toContain('1 heure');
    const invite = invitationMail('fr', 'a@b.fr', {
      inviter: 'Alix',
      as: { role: 'member', networkName: 'X' },
      link: 'L',
      newAccount: true,
    });
    expect(invite.text).toContain('Alix vous a créé un compte Maillage');
    expect(invite.subject).toBe('Maillage : vous êtes membre du réseau « X »');
  });

  it('exist in English with the same kind, link and paragraphs as in French', () => {
    const link = 'https://x/connexion/lien?token=t';
    const invitation = (locale: 'fr' | 'en') =>
      invitationMail(locale, 'a@b.fr', {
        inviter: 'Alix',
        as: { role: 'coordinator', networkName: 'CRESS' },
        link,
        newAccount: false,
      });
    const pairs = [
      (l: 'fr' | 'en') => loginLinkMail(l, 'a@b.fr', link),
      (l: 'fr' | 'en') => passwordResetMail(l, 'a@b.fr', link),
      (l: 'fr' | 'en') => welcomeMail(l, 'a@b.fr', 'Sam', link),
      (l: 'fr' | 'en') => alreadyRegisteredMail(l, 'a@b.fr', link, 'https://x/mot-de-passe-oublie'),
      invitation,
    ];
    for (const make of pairs) {
      const [fr, en] = [make('fr'), make('en')];
      expect(en.kind).toBe(fr.kind);
      expect(en.subject).not.toBe(fr.subject);
      expect(en.text).toContain(link);
      expect(en.text).not.toMatch(/Bonjour|ouvrez|Maillage, la plateforme/);
      expect(en.text.split('\n\n')).toHaveLength(fr.text.split('\n\n').length);
    }
    expect(invitation('en').text).toContain('Alix has added you on Maillage: you are now a coordinator');
    expect(welcomeMail('en', 'a@b.fr', 'Sam', link).text).toMatch(/^Hello Sam,/);
  });
});

describe('session cookie', () => {
  const request = (protocol: 'http' | 'https') => ({ protocol }) as FastifyRequest;
  it('is httpOnly, SameSite=Lax, Path=/, and Secure over HTTPS or when the public URL is HTTPS', () => {
    expect(sessionCookieOptions(request('http'), 'http://localhost:3000')).toEqual({
      httpOnly: true,
      sameSite: 'lax',
      path: '/',
      secure: false,
    });
    expect(sessionCookieOptions(request('https'), 'http://localhost:3000').secure).toBe(true);
    expect(sessionCookieOptions(request('http'), 'https://maillage.example').secure).toBe(true);
  });
});

describe('pgErrorCode', () => {
  it('finds the SQLSTATE through driver wrappers', () => {
    expect(pgErrorCode({ message: 'Failed query', cause: { code: '23503' } })).toBe('23503');
    expect(pgErrorCode({ code: '23505' })).toBe('23505');
    expect(pgErrorCode({ code: 'ECONNREFUSED' })).toBeUndefined();
    expect(pgErrorCode(new Error('x'))).toBeUndefined();
  });
});
