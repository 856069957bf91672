import { describe, expect, it } from 'vitest';
import { isSealed, seal, sealingKey, UnsealError, unseal } from './sealed.ts';

describe('sealed values', () => {
  const key = sealingKey('a-server-secret-of-at-least-32-characters', 'purpose v1');
  const secret = 'client-secret-0123456789';

  it('opens what it sealed, under the same key and context only, and never holds the clear text', () => {
    const a = seal(key, secret, 'row-1');
    const b = seal(key, secret, 'row-1');
    expect(isSealed(a)).toBe(true);
    expect(a).toMatch(/^v1\.[\w-]{16}\.[\w-]{22}\.[\w-]+$/);
    expect(a).not.toContain(secret);
    expect(a).not.toBe(b); // a new IV each time
    expect(unseal(key, a, 'row-1')).toBe(secret);
    // Another row's value, another server secret, another purpose, an altered value: refused, never garbage.
    expect(() => unseal(key, a, 'row-2')).toThrow(UnsealError);
    const otherServer = sealingKey('another-server-secret-of-32-characters!', 'purpose v1');
    expect(() => unseal(otherServer, a, 'row-1')).toThrow(UnsealError);
    expect(() =>
      unseal(sealingKey('a-server-secret-of-at-least-32-characters', 'other v1'), a, 'row-1'),
    ).toThrow(UnsealError);
    const at = a.lastIndexOf('.') + 2; // a character inside the ciphertext
    const altered = `${a.slice(0, at)}${a[at] === 'A' ? 'B' : 'A'}${a.slice(at + 1)}`;
    expect(() => unseal(key, altered, 'row-1')).toThrow(UnsealError);
  });

  it('tells a clear value written before sealing from a sealed one', () => {
    expect(isSealed(secret)).toBe(false);
    expect(isSealed('v1.not.sealed.really')).toBe(false);
    expect(isSealed('')).toBe(false);
  });
});
