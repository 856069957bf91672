import { describe, expect, it } from 'vitest';
import {
  preferencesToken,
  preferencesUrl,
  readPreferencesToken,
  readUnsubscribeToken,
  unsubscribeToken,
  unsubscribeUrls,
} from './newsletters.tokens.ts';

const secret = 'test-secret';
const networkId = '0b6f2c1e-3a4d-4e5f-8a9b-0c1d2e3f4a5b';
const listId = '1c7a3d2f-4b5e-4f60-9bac-1d2e3f4a5b6c';

describe('newsletter link tokens', () => {
  it('reads back what it sealed, and the address is not readable in the token', () => {
    const t = unsubscribeToken(secret, { networkId, listId, email: ' Anne@Example.org ' });
    expect(readUnsubscribeToken(secret, t)).toEqual({ networkId, listId, email: 'anne@example.org' });
    expect(Buffer.from(t, 'base64url').toString('latin1')).not.toContain('example');
    const all = unsubscribeToken(secret, { networkId, listId: null, email: 'anne@example.org' });
    expect(readUnsubscribeToken(secret, all)).toEqual({ networkId, listId: null, email: 'anne@example.org' });
    expect(unsubscribeToken(secret, { networkId, listId, email: 'anne@example.org' })).toBe(t);
  });

  it('refuses an altered token, another secret and the other kind', () => {
    const t = unsubscribeToken(secret, { networkId, listId, email: 'anne@example.org' });
    const raw = Buffer.from(t, 'base64url');
    for (let i = 0; i < raw.length; i++) {
      const bad = Buffer.from(raw);
      bad[i] ^= 1;
      expect(readUnsubscribeToken(secret, bad.toString('base64url'))).toBeNull();
    }
    expect(readUnsubscribeToken('another', t)).toBeNull();
    expect(readPreferencesToken(secret, t)).toBeNull();
    expect(readUnsubscribeToken(secret, `${t}x`)).toBeNull();
    expect(readUnsubscribeToken(secret, '')).toBeNull();
    expect(readUnsubscribeToken(secret, 'pas un jeton')).toBeNull();
    const p = preferencesToken(secret, { networkId, email: 'anne@example.org' });
    expect(readPreferencesToken(secret, p)).toEqual({ networkId, email: 'anne@example.org' });
    expect(readUnsubscribeToken(secret, p)).toBeNull();
  });

  it('builds the addresses of the links', () => {
    expect(unsubscribeUrls('https://m.example.org/', 'T')).toEqual({
      page: 'https://m.example.org/lettres/desinscription/T',
      oneClick: 'https://m.example.org/api/newsletter-unsubscribe/T',
    });
    expect(preferencesUrl('https://m.example.org', 'P')).toBe('https://m.example.org/lettres/preferences/P');
  });
});
