// A short-lived in-process cache of public answers (listings, feeds, campaign pages), one per database handle.
// Every write in the events module (and registrations, through `invalidatePublicCache`) clears it, so that this
// process never serves stale data after a write; the TTL bounds what time alone changes ("future events only",
// seats left taken by registrations of another process).

const TTL_MS = 30_000;
const MAX_ENTRIES = 2_000;

type Entry = { at: number; value: unknown };
type Store = { entries: Map<string, Entry>; generation: number };
const stores = new WeakMap<object, Store>();

function storeFor(scope: object): Store {
  let s = stores.get(scope);
  if (!s) {
    s = { entries: new Map(), generation: 0 };
    stores.set(scope, s);
  }
  return s;
}

/** Clears the public cache of this database handle (call after any write visible to the public). */
export function invalidatePublicCache(scope: object) {
  const s = storeFor(scope);
  s.generation++;
  s.entries.clear();
}

/** The cached value for `key`, computed at most once per generation and TTL. */
export async function cached<T>(
  scope: object,
  key: string,
  now: number,
  compute: () => Promise<T>,
): Promise<T> {
  const s = storeFor(scope);
  const hit = s.entries.get(key);
  if (hit && now - hit.at < TTL_MS && now >= hit.at) return hit.value as T;
  const startedIn = s.generation;
  const value = await compute();
  if (startedIn === s.generation) {
    if (s.entries.size >= MAX_ENTRIES) s.entries.clear();
    s.entries.set(key, { at: now, value });
  }
  return value;
}
