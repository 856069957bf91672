import { Writable } from 'node:stream';
import Fastify, { type FastifyBaseLogger } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.ts';
import { openDatabase } from '../db/client.ts';
import { createTestApp, type TestContext } from '../testing.ts';
import { installRequestLogContext, requestAwareLog } from './observability.ts';

let t: TestContext;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t.close());

describe('GET /healthz', () => {
  it('answers 200 while the database answers', async () => {
    const res = await t.app.inject({ url: '/healthz' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'ok', database: t.deps.dbKind });
  });

  it('answers 503, with a sentence, when the database does not', async () => {
    const database = await openDatabase({ dataDir: 'memory://' });
    const app = await buildApp({ ...t.deps, db: database.db, dbKind: database.kind, config: t.deps.config });
    await app.ready();
    await database.close();
    const res = await app.inject({ url: '/healthz' });
    await app.close();
    expect(res.statusCode).toBe(503);
    expect(res.json()).toMatchObject({ status: 'unavailable', message: 'La base de données ne répond pas.' });
  }, 120_000); // a second embedded database to open: slow on a busy machine
});

describe('GET /metrics', () => {
  it('gives request durations by route, and the mail backlog, to a client on the machine', async () => {
    await t.app.inject({ url: '/api/territories/dep:54' });
    await t.app.inject({ url: '/api/territories/dep:57' });
    const res = await t.app.inject({ url: '/metrics' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/plain');
    expect(res.body).toMatch(
      // By route pattern, not by address: both requests are counted under one label.
      /http_request_duration_seconds_count\{method="GET",route="\/api\/territories\/:code",status_code="200"\} 2/,
    );
    expect(res.body).toMatch(/maillage_mail_outbox\{status="queued"\} 0/);
    expect(res.body).toContain('http_requests_in_flight');
    expect(res.body).toContain('process_cpu_user_seconds_total');
    if (t.deps.dbKind === 'postgres')
      expect(res.body).toMatch(/maillage_db_pool_connections\{state="waiting"\} 0/);
  }, 60_000);

  it('refuses a request that came through a proxy, and anyone without the token once METRICS_TOKEN is set', async () => {
    const proxied = await t.app.inject({ url: '/metrics', headers: { 'x-forwarded-for': '203.0.113.9' } });
    expect(proxied.statusCode).toBe(403);
    expect(proxied.json().error.message).toContain('METRICS_TOKEN');
    t.deps.config.metricsToken = 'a-token-for-the-metrics';
    try {
      expect((await t.app.inject({ url: '/metrics' })).statusCode).toBe(403);
      const wrong = await t.app.inject({ url: '/metrics', headers: { authorization: 'Bearer nope' } });
      expect(wrong.statusCode).toBe(403);
      const right = await t.app.inject({
        url: '/metrics',
        headers: { authorization: 'Bearer a-token-for-the-metrics', 'x-forwarded-for': '203.0.113.9' },
      });
      expect(right.statusCode).toBe(200);
    } finally {
      t.deps.config.metricsToken = undefined;
    }
  });
});

describe('JSON logs', () => {
  it('carry the request id on every line logged during a request, services included', async () => {
    const lines: Record<string, unknown>[] = [];
    const stream = new Writable({
      write(chunk, _enc, done) {
        for (const l of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(l));
        done();
      },
    });
    const app = Fastify({ logger: { level: 'info', stream } });
    installRequestLogContext(app);
    // What a service holds: deps.log, not the request.
    const serviceLog: FastifyBaseLogger = requestAwareLog(app.log);
    app.get('/x', async () => {
      await new Promise((r) => setTimeout(r, 5));
      serviceLog.info('from a service');
      return { ok: true };
    });
    await app.ready();
    const res = await app.inject({ url: '/x' });
    serviceLog.info('outside any request');
    await app.close();
    const during = lines.filter((l) => l.msg !== 'outside any request' && l.reqId !== undefined);
    expect(during.map((l) => l.msg)).toEqual(
      expect.arrayContaining(['incoming request', 'from a service', 'request completed']),
    );
    expect(new Set(during.map((l) => l.reqId)).size).toBe(1);
    expect(lines.find((l) => l.msg === 'outside any request')?.reqId).toBeUndefined();
    expect(res.statusCode).toBe(200);
  });
});
