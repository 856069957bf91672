import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from './testing.ts';

// The HTTP layer's answers to a client's mistakes: always JSON, never a 500.
describe('HTTP layer', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestApp({ trustProxy: false });
  });
  afterAll(() => t.close());

  it('answers malformed JSON with 400 INVALID_INPUT', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/sign-in',
      headers: { 'content-type': 'application/json' },
      payload: '{"email": "a@b.fr", ',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('INVALID_INPUT');
    expect(res.json().requestId).toBeTruthy();
  });

  it('answers unknown fields and wrong types with 400 naming the fields', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/sign-in',
      payload: { email: 42, password: 'x'.repeat(12), admin: true },
    });
    expect(res.statusCode).toBe(400);
    expect(Object.keys(res.json().error.fields)).toEqual(expect.arrayContaining(['email', 'admin']));
  });

  it('answers a body over 1 MB with 413', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/sign-in',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ email: 'a@b.fr', password: 'x'.repeat(1_100_000) }),
    });
    expect(res.statusCode).toBe(413);
    expect(res.json().error.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('answers an unknown /api route with a JSON 404 and serves the web app elsewhere', async () => {
    const api = await t.app.inject({ url: '/api/no-such-thing' });
    expect(api.statusCode).toBe(404);
    expect(api.json().error.code).toBe('NOT_FOUND');
    const page = await t.app.inject({ url: '/une/page/du/site' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
  });

  it('publishes the OpenAPI document generated from the schemas', async () => {
    const res = await t.app.inject({ url: '/api/openapi.json' });
    expect(res.statusCode).toBe(200);
    const paths = Object.keys(res.json().paths);
    expect(paths).toEqual(expect.arrayContaining(['/api/organizations', '/api/territories', '/healthz']));
  });

  it('ignores X-Forwarded-For when no proxy is trusted (TRUST_PROXY off)', async () => {
    const ips = new Set<number>();
    for (let i = 0; i < 35; i++) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/auth/sign-in',
        headers: { 'x-forwarded-for': `198.51.100.${i}` },
        payload: { email: `nobody${i}@example.org`, password: 'wrong-password-123' },
      });
      ips.add(res.statusCode);
    }
    // Per-IP limit reached although every request claimed another address.
    expect(ips.has(429)).toBe(true);
  });
});
