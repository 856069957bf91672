import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, parseTrustProxy } from './config.ts';
import { AUTH_LIMIT_PER_IP } from './modules/accounts/auth.limits.ts';
import { createTestApp } from './testing.ts';

// Per-IP limits hold only if the client address cannot be chosen by the client: X-Forwarded-For is believed from
// trusted proxies only, and only as far as they vouch for it.

describe('TRUST_PROXY', () => {
  it('reads false, true (1 hop), a number of hops, or proxy addresses and CIDRs', () => {
    expect(parseTrustProxy('false')).toBe(false);
    expect(parseTrustProxy('')).toBe(false);
    expect(parseTrustProxy('0')).toBe(false);
    expect(parseTrustProxy('true')).toBe(1);
    expect(parseTrustProxy('2')).toBe(2);
    expect(parseTrustProxy('10.0.0.1, 192.168.0.0/16,::1,loopback')).toEqual([
      '10.0.0.1',
      '192.168.0.0/16',
      '::1',
      'loopback',
    ]);
    expect(() => loadConfig({ TRUST_PROXY: 'yes please', SESSION_SECRET: 'x'.repeat(32) })).toThrow(
      ConfigError,
    );
    expect(() => loadConfig({ TRUST_PROXY: '10.0.0.0/40', SESSION_SECRET: 'x'.repeat(32) })).toThrow(
      /TRUST_PROXY/,
    );
  });

  /** Sends more requests than the per-IP limit, each with another X-Forwarded-For; true when some were refused. */
  async function limitedDespiteRotation(trust: string, forwardedFor: (i: number) => string) {
    const config = loadConfig({ TRUST_PROXY: trust, SESSION_SECRET: 'x'.repeat(32) });
    const t = await createTestApp({ trustProxy: config.trustProxy });
    try {
      let refused = 0;
      for (let i = 0; i <= AUTH_LIMIT_PER_IP; i++) {
        const res = await t.app.inject({
          method: 'POST',
          url: '/api/auth/magic-link',
          payload: { email: `rotation-${i}@example.fr` },
          headers: { 'x-forwarded-for': forwardedFor(i) },
        });
        if (res.statusCode === 429) refused++;
      }
      return refused > 0;
    } finally {
      await t.close();
    }
  }

  it('a rotating X-Forwarded-For from a peer that is not a listed proxy does not change the client address', async () => {
    // The test client connects from 127.0.0.1, which is not 10.0.0.0/8.
    expect(await limitedDespiteRotation('10.0.0.0/8', (i) => `203.0.113.${i}`)).toBe(true);
  }, 60_000);

  it('behind one proxy (true), only the address the proxy saw counts, not what the client wrote before it', async () => {
    expect(await limitedDespiteRotation('true', (i) => `203.0.113.${i}, 198.51.100.9`)).toBe(true);
  }, 60_000);
});
