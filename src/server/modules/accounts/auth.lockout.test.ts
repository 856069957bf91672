import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../testing.ts';
import { accounts } from './accounts.tables.ts';
import { AUTH_LIMIT_PER_EMAIL, SIGN_IN_SLOWDOWN } from './auth.limits.ts';
import { hashPassword } from './passwords.ts';

// Someone who knows an address cannot lock its owner out by failing to sign in on it: guesses are refused per
// (address, IP) and slowed down per address, and the owner still signs in.

let t: TestContext;
beforeAll(async () => {
  t = await createTestApp();
  await t.db.insert(accounts).values({
    email: 'claude.proprietaire@example.fr',
    name: 'Claude',
    passwordHash: await hashPassword('le bon mot de passe'),
    emailVerifiedAt: new Date(),
  });
});
afterAll(() => t?.close());

const signIn = (password: string, ip: string) =>
  t.app.inject({
    method: 'POST',
    url: '/api/auth/sign-in',
    payload: { email: 'claude.proprietaire@example.fr', password },
    headers: { 'x-forwarded-for': ip },
  });

it('wrong passwords from elsewhere slow the answers down but do not lock the owner out', async () => {
  // The attacker from one address: refused after the limit, from that address only.
  for (let i = 0; i < AUTH_LIMIT_PER_EMAIL; i++)
    expect((await signIn(`mauvais-${i}-xxxx`, '192.0.2.66')).statusCode).toBe(401);
  expect((await signIn('encore-un-essai', '192.0.2.66')).statusCode).toBe(429);

  // The owner, from their own address, with the right password: in, though the answer waits a little.
  const started = Date.now();
  const owner = await signIn('le bon mot de passe', '198.51.100.7');
  const waited = Date.now() - started;
  expect(owner.statusCode).toBe(200);
  expect(owner.headers['set-cookie']).toBeDefined();
  expect(waited).toBeGreaterThanOrEqual(SIGN_IN_SLOWDOWN[0].delayMs - 50);
  expect(waited).toBeLessThan(5_000);
});

it('guesses spread over many addresses wait longer and longer', async () => {
  const durations: number[] = [];
  for (let i = 0; i < 12; i++) {
    const started = Date.now();
    expect((await signIn(`essai-${i}-xxxxxx`, `203.0.113.${i + 1}`)).statusCode).toBe(401);
    durations.push(Date.now() - started);
  }
  // 12 more on top of the first test's 11 attempts: past the second step (10), each waits at least its delay.
  expect(Math.min(...durations)).toBeGreaterThanOrEqual(SIGN_IN_SLOWDOWN[1].delayMs - 50);
  expect(durations.at(-1)).toBeGreaterThanOrEqual(SIGN_IN_SLOWDOWN[2].delayMs - 50);
}, 60_000);
