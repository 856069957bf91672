import { useCallback, useEffect, useState } from 'react';
import { api, type Query } from './api.ts';

export interface ApiState<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  reload: () => void;
}

/**
 * GET `path` (with `query`) and re-fetch when either changes; pass `null` as path to wait.
 * `const { data, error, loading, reload } = useApi<Org>(`/api/organizations/${id}`)`.
 */
export function useApi<T>(path: string | null, query?: Query): ApiState<T> {
  const [data, setData] = useState<T>();
  const [error, setError] = useState<unknown>();
  const [loading, setLoading] = useState(path !== null);
  const [tick, setTick] = useState(0);
  const key = JSON.stringify(query ?? {});
  const reload = useCallback(() => setTick((n) => n + 1), []);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` stands for `query`; `tick` forces a reload
  useEffect(() => {
    if (path === null) return;
    const controller = new AbortController();
    setLoading(true);
    setError(undefined);
    api<T>(path, { query: JSON.parse(key), signal: controller.signal })
      .then((value) => {
        setData(value);
        setLoading(false);
      })
      .catch((err) => {
        if ((err as Error).name === 'AbortError') return;
        setError(err);
        setLoading(false);
      });
    return () => controller.abort();
  }, [path, key, tick]);
  return { data, error, loading, reload };
}
