// A short-lived in-process cache of public answers (listings, feeds, campaign pages), one per database handle.
// Every write in the events module (and registrations, through `invalidatePublicCache`) clears it, so that this
// process never serves stale data after a write; the TTL bounds what time alone changes ("future events only",
// seats left taken by registrations of another process).

const TTL_MS = 30_000;
const MAX_ENTRIES = 2_000;

type Entry = { at: number; value: unknown };
type Store = { entries: Map<string, Entry>; inflight: Map<string, Promise<unknown>>; generation: number };
const stores = new WeakMap<object, Store>();

function storeFor(scope: object): Store {
  let s = stores.get(scope);
  if (!s) {
    s = { entries: new Map(), inflight: new Map(), generation: 0 };
    stores.set(scope, s);
  }
  return s;
}

/** Clears the public cache of this database handle (call after any write visible to the public). */
export function invalidatePublicCache(scope: object) {
  const s = storeFor(scope);
  s.generation++;
  s.entries.clear();
  s.inflight.clear();
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
