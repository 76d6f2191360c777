import { useCallback, useEffect, useState } from 'react';
import type { AnyEndpoint, ArgsOf, ResponseOf } from '@zczr/contract';
import { api, ApiError, urlOf, type CallArgList } from '../api/client';

export interface ApiData<T> {
  data: T | undefined;
  error: ApiError | null;
  loading: boolean;
  reload: () => void;
}

/**
 * GETs an endpoint of the contract's table and keeps the answer, typed by the table:
 * `useEndpoint(ENDPOINTS.tasks.list, { query: { page, pageSize: 20 } })`. Null arguments: nothing to
 * load (yet). Reloads when the URL the arguments make changes.
 */
export function useEndpoint<E extends AnyEndpoint>(
  endpoint: E,
  ...[args]: object extends ArgsOf<E> ? [(ArgsOf<E> | null)?] : [ArgsOf<E> | null]
): ApiData<ResponseOf<E>> {
  const url = args === null ? null : urlOf(endpoint, ...([args] as CallArgList<E>));
  return useUrl<ResponseOf<E>>(url);
}

/** GETs a URL (null: nothing to load) and keeps the answer; reloads when the URL changes. */
function useUrl<T>(url: string | null): ApiData<T> {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<ApiError | null>(null);
  const [loading, setLoading] = useState(url !== null);
  const [tick, setTick] = useState(0);

  useEffect(() => {
    if (url === null) {
      setData(undefined);
      setLoading(false);
      return;
    }
    const ctrl = new AbortController();
    setLoading(true);
    setError(null);
    api<T>(url, { signal: ctrl.signal })
      .then((d) => {
        if (!ctrl.signal.aborted) setData(d);
      })
      .catch((e: unknown) => {
        if (ctrl.signal.aborted) return;
        setError(e instanceof ApiError ? e : new ApiError(0, 'UNKNOWN', '加载失败，请稍后再试'));
      })
      .finally(() => {
        if (!ctrl.signal.aborted) setLoading(false);
      });
    return () => ctrl.abort();
  }, [url, tick]);

  const reload = useCallback(() => setTick((n) => n + 1), []);
  return { data, error, loading, reload };
}
