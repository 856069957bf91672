import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import type { Db } from './client.ts';

// Signals between the server processes sharing one PostgreSQL database ("the public answers changed: drop your
// cached copies"), over LISTEN/NOTIFY on one channel. A process listens on its own connection (not a pooled one).
// Publishing is coalesced: a burst of writes (hundreds of registrations a second) sends at most one NOTIFY per
// topic per COALESCE_MS from each process, so the other processes clear their caches at most that often instead of
// at every write. The embedded database is one process: it needs no feed.

export const CHANGES_CHANNEL = 'maillage_changes';
/** Longest a publication waits to be sent with the next ones. */
export const COALESCE_MS = 100;
const RECONNECT_MS = 1000;

export type ChangeFeed = {
  /** Tells the other processes that `topic` changed (after the change is committed). */
  publish(topic: string): void;
  /**
   * Calls `fn` when another process published `topic`, and after the listening connection was lost and found
   * again (anything may have changed meanwhile).
   */
  subscribe(topic: string, fn: () => void): void;
  /** Sends what is still pending, then stops listening. */
  close(): Promise<void>;
};

type Log = { warn(obj: object, msg: string): void };

export async function openChangeFeed(opts: { databaseUrl: string; db: Db; log: Log }): Promise<ChangeFeed> {
  const self = randomUUID();
  const subscribers = new Map<string, (() => void)[]>();
  const pending = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  let sending: Promise<void> | undefined;
  let closed = false;
  let client: pg.Client | undefined;

  const deliver = (topics: Iterable<string>) => {
    for (const topic of topics) for (const fn of subscribers.get(topic) ?? []) fn();
  };

  const listen = async (): Promise<void> => {
    const c = new pg.Client({ connectionString: opts.databaseUrl });
    c.on('notification', (n) => {
      try {
        const message = JSON.parse(n.payload ?? '{}') as { from?: string; topics?: string[] };
        if (message.from !== self && Array.isArray(message.topics)) deliver(message.topics);
      } catch {
        // Not one of ours: ignored.
      }
    });
    const lost = (err?: Error) => {
      if (closed || client !== c) return;
      client = undefined;
      opts.log.warn({ err }, 'change feed: connection lost, listening again soon');
      c.end().catch(() => {});
      setTimeout(reconnect, RECONNECT_MS).unref();
    };
    c.on('error', lost);
    c.on('end', () => lost());
    await c.connect();
    await c.query(`LISTEN ${CHANGES_CHANNEL}`);
    client = c;
  };
  const reconnect = () => {
    if (closed) return;
    listen().then(
      () => deliver(subscribers.keys()),
      (err) => {
        opts.log.warn({ err }, 'change feed: cannot listen, trying again');
        setTimeout(reconnect, RECONNECT_MS).unref();
      },
    );
  };

  const flush = () => {
    timer = undefined;
    if (pending.size === 0) return;
    const payload = JSON.stringify({ from: self, topics: [...pending] });
    pending.clear();
    sending = opts.db
      .execute(sql`select pg_notify(${CHANGES_CHANNEL}, ${payload})`)
      .then(
        () => {},
        (err) => opts.log.warn({ err }, 'change feed: notification not sent'),
      )
      .finally(() => {
        sending = undefined;
        if (pending.size > 0 && !timer) timer = setTimeout(flush, COALESCE_MS);
      });
  };

  await listen();
  return {
    publish(topic) {
      if (closed) return;
      pending.add(topic);
      if (!timer && !sending) timer = setTimeout(flush, COALESCE_MS);
    },
    subscribe(topic, fn) {
      subscribers.set(topic, [...(subscribers.get(topic) ?? []), fn]);
    },
    async close() {
      clearTimeout(timer);
      await sending;
      flush();
      await sending;
      closed = true;
      const c = client;
      client = undefined;
      await c?.end().catch(() => {});
    },
  };
}
