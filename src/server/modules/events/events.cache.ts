import type { ChangeFeed } from '../../db/changes.ts';

// A short-lived in-process cache of public answers (listings, feeds, campaign pages), one per database handle.
// Every write in the events module (and registrations, through `invalidatePublicCache`) clears it, so that this
// process never serves stale data after a write; the TTL bounds what time alone changes ("future events only").
// With several server processes on one PostgreSQL, the database handle is tied to a change feed
// (`sharePublicCache`): a write in one process also clears the others' caches, within COALESCE_MS (a burst of writes
// clears them once per 100 ms, not once per write).

const TTL_MS = 30_000;
const MAX_ENTRIES = 2_000;

type Entry = { at: number; value: unknown };
type Store = {
  entries: Map<string, Entry>;
  inflight: Map<string, Promise<unknown>>;
  generation: number;
  feed?: ChangeFeed;
};
const TOPIC = 'public-events';
const stores = new WeakMap<object, Store>();

function storeFor(scope: object): Store {
  let s = stores.get(scope);
  if (!s) {
    s = { entries: new Map(), inflight: new Map(), generation: 0 };
    stores.set(scope, s);
  }
  return s;
}

function clear(s: Store) {
  s.generation++;
  s.entries.clear();
  s.inflight.clear();
}

/**
 * Clears the public cache of this database handle, in this process at once and in the other processes sharing the
 * database soon after (call after any write visible to the public, once it is committed).
 */
export function invalidatePublicCache(scope: object) {
  const s = storeFor(scope);
  clear(s);
  s.feed?.publish(TOPIC);
}

/** Ties the cache of this database handle to the other processes' through `feed` (PostgreSQL). */
export function sharePublicCache(scope: object, feed: ChangeFeed) {
  const s = storeFor(scope);
  s.feed = feed;
  feed.subscribe(TOPIC, () => clear(s));
}

/**
 * The cached value for `key`, computed at most once per generation: concurrent callers of a missing key share one
 * computation (no stampede after a write). Past the TTL the stale value is still served while one refresh runs.
 */
export async function cached<T>(
  scope: object,
  key: string,
  now: number,
  compute: () => Promise<T>,
): Promise<T> {
  const s = storeFor(scope);
  const hit = s.entries.get(key);
  if (hit && now - hit.at < TTL_MS && now >= hit.at) return hit.value as T;
  const pending = s.inflight.get(key) as Promise<T> | undefined;
  if (pending) return hit ? (hit.value as T) : pending;
  const startedIn = s.generation;
  const promise = compute().then(
    (value) => {
      if (startedIn === s.generation) {
        if (s.entries.size >= MAX_ENTRIES) s.entries.clear();
        s.entries.set(key, { at: now, value });
        s.inflight.delete(key);
      }
      return value;
    },
    (err) => {
      if (startedIn === s.generation) s.inflight.delete(key);
      throw err;
    },
  );
  s.inflight.set(key, promise);
  if (hit) {
    promise.catch(() => {});
    return hit.value as T;
  }
  return promise;
}
