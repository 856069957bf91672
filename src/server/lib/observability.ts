import { AsyncLocalStorage } from 'node:async_hooks';
import cluster from 'node:cluster';
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyBaseLogger, FastifyInstance, FastifyRequest } from 'fastify';
import pg from 'pg';
import { AggregatorRegistry, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { Deps } from '../context.ts';
import { outboxBacklog } from '../modules/mail/mail.backlog.ts';
import { forbidden } from './errors.ts';

// What an operator watches: every log line of a request carries its id, and GET /metrics gives Prometheus the
// request durations by route, the database pool, the requests waiting for a connection and the mail backlog.

const requestLog = new AsyncLocalStorage<FastifyBaseLogger>();

/**
 * A logger that writes through the current request's logger when there is one (so that lines logged by services
 * during a request carry its `reqId`), and through `base` otherwise (start, background work).
 */
export function requestAwareLog(base: FastifyBaseLogger): FastifyBaseLogger {
  return new Proxy(base, {
    get(target, prop) {
      const log = requestLog.getStore() ?? target;
      const value = Reflect.get(log, prop);
      return typeof value === 'function' ? value.bind(log) : value;
    },
  });
}

/** Runs the rest of each request with its logger as the current one (see requestAwareLog). */
export function installRequestLogContext(app: FastifyInstance) {
  app.addHook('onRequest', (request, _reply, done) => requestLog.run(request.log, done));
}

/**
 * A request as logged (Fastify's default fields), with the values of secret query parameters blanked: HelloAsso's
 * notification URL carries the network's key (`?key=`).
 */
export function logRequest(req: Pick<FastifyRequest, 'method' | 'url' | 'host' | 'ip' | 'socket'>) {
  return {
    method: req.method,
    url: req.url.replace(/([?&]key=)[^&#]*/gi, '$1[masqué]'),
    host: req.host,
    remoteAddress: req.ip,
    remotePort: req.socket?.remotePort,
  };
}

const digest = (s: string) => createHash('sha256').update(s).digest();

/**
 * Metrics are for the operator: with METRICS_TOKEN, to `Authorization: Bearer <token>` only; without it, to a
 * client on the machine itself that did not come through a proxy (a proxied request carries X-Forwarded-For).
 */
export function mayReadMetrics(request: FastifyRequest, token: string | undefined): boolean {
  if (token) {
    const given = /^Bearer\s+(.+)$/i.exec(request.headers.authorization ?? '')?.[1]?.trim() ?? '';
    return timingSafeEqual(digest(given), digest(token));
  }
  const address = request.socket.remoteAddress ?? '';
  const loopback = address === '::1' || address.startsWith('127.') || address.startsWith('::ffff:127.');
  return loopback && !request.headers['x-forwarded-for'] && !request.headers.forwarded;
}

/** Records request durations and serves GET /metrics (Prometheus text format). */
export function installMetrics(app: FastifyInstance, deps: Pick<Deps, 'db' | 'config' | 'clock'>) {
  const registry = new Registry();
  // With `start --workers N`, each worker's series carry its number, and a scrape answered by any worker holds
  // every worker's series (the primary gathers them: see clusterMetrics).
  const inCluster = cluster.isWorker && cluster.worker !== undefined && typeof process.send === 'function';
  if (inCluster) {
    registry.setDefaultLabels({ worker: String(cluster.worker!.id) });
    AggregatorRegistry.setRegistries([registry]);
    new AggregatorRegistry(); // answers the primary's requests for this worker's metrics
  }
  collectDefaultMetrics({ register: registry });

  const durations = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request durations, by method, route (its pattern) and status code',
    labelNames: ['method', 'route', 'status_code'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  let inFlight = 0;
  new Gauge({
    name: 'http_requests_in_flight',
    help: 'Requests received and not yet answered',
    registers: [registry],
    collect() {
      this.set(inFlight);
    },
  });
  const pool = (deps.db as unknown as { $client?: unknown }).$client;
  if (pool instanceof pg.Pool) {
    new Gauge({
      name: 'maillage_db_pool_connections',
      help: 'PostgreSQL connections of this process: total open, idle, and requests waiting for one',
      labelNames: ['state'],
      registers: [registry],
      collect() {
        this.set({ state: 'total' }, pool.totalCount);
        this.set({ state: 'idle' }, pool.idleCount);
        this.set({ state: 'waiting' }, pool.waitingCount);
      },
    });
  }
  new Gauge({
    name: 'maillage_mail_outbox',
    help: 'Mails in the outbox: queued (to send, due or retrying later), due (queued and due now), failed (given up)',
    labelNames: ['status'],
    registers: [registry],
    async collect() {
      const backlog = await outboxBacklog(deps.db, deps.clock());
      this.set({ status: 'queued' }, backlog.queued);
      this.set({ status: 'due' }, backlog.due);
      this.set({ status: 'failed' }, backlog.failed);
    },
  });

  app.addHook('onRequest', async () => {
    inFlight++;
  });
  app.addHook('onResponse', async (request, reply) => {
    inFlight--;
    durations.observe(
      {
        method: request.method,
        route: request.routeOptions.url ?? 'unmatched',
        status_code: String(reply.statusCode),
      },
      reply.elapsedTime / 1000,
    );
  });
  app.get('/metrics', { schema: { hide: true } }, async (request, reply) => {
    if (!mayReadMetrics(request, deps.config.metricsToken))
      throw forbidden(
        'Métriques réservées à l’exploitation : depuis la machine elle-même, ou avec le jeton METRICS_TOKEN.',
      );
    const text = inCluster ? await clusterMetrics() : await registry.metrics();
    return reply.type(registry.contentType).send(text);
  });
}

// With `start --workers N`: a worker asks the primary, which asks every worker for its metrics and sends back
// their union (prom-client's AggregatorRegistry; series stay apart by their `worker` label).
export const METRICS_REQUEST = 'maillage:metrics-request';
export const METRICS_ANSWER = 'maillage:metrics-answer';
let metricsAsked = 0;

function clusterMetrics(): Promise<string> {
  const id = ++metricsAsked;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      process.off('message', onMessage);
      reject(new Error('Les métriques des autres processus ne sont pas arrivées en 5 s.'));
    }, 5_000);
    const onMessage = (m: { type?: string; id?: number; text?: string; error?: string }) => {
      if (m?.type !== METRICS_ANSWER || m.id !== id) return;
      clearTimeout(timer);
      process.off('message', onMessage);
      if (m.error !== undefined) reject(new Error(m.error));
      else resolve(m.text ?? '');
    };
    process.on('message', onMessage);
    process.send!({ type: METRICS_REQUEST, id });
  });
}

/** In the primary of `--workers N`: answers a worker's METRICS_REQUEST with every worker's metrics. */
export function serveClusterMetrics(worker: {
  send(message: unknown): unknown;
  on(event: 'message', listener: (m: { type?: string; id?: number }) => void): unknown;
}) {
  const aggregator = new AggregatorRegistry();
  worker.on('message', (m) => {
    if (m?.type !== METRICS_REQUEST) return;
    aggregator.clusterMetrics().then(
      (text) => worker.send({ type: METRICS_ANSWER, id: m.id, text }),
      (err: Error) => worker.send({ type: METRICS_ANSWER, id: m.id, error: err.message }),
    );
  });
}
