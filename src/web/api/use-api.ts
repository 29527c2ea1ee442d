/** Loads one API resource for a component: data, error, loading, and reload(); a changed path aborts the old request. */
import { useCallback, useEffect, useState } from 'react';
import { api, type QueryValue, withQuery } from './client';

export interface ApiState<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  reload: () => void;
}

/** `path` null means "not yet" (e.g. waiting for another request); nothing is fetched. */
export function useApi<T>(path: string | null, query?: Record<string, QueryValue>): ApiState<T> {
  const url = path === null ? null : withQuery(path, query);
  const [state, setState] = useState<{ url: string | null; data?: T; error?: unknown; loading: boolean }>({ url, loading: url !== null });
  const [generation, setGeneration] = useState(0);
  const reload = useCallback(() => setGeneration((g) => g + 1), []);

  useEffect(() => {
    if (url === null) return;
    const controller = new AbortController();
    setState((s) => ({ url, data: s.url === url ? s.data : undefined, loading: true }));
    api.get<T>(url, undefined, controller.signal).then(
      (data) => setState({ url, data, loading: false }),
      (error: unknown) => {
        if (!controller.signal.aborted) setState({ url, error, loading: false });
      },
    );
    return () => controller.abort();
  }, [url, generation]);

  // A stale result of another url is never shown as this one's.
  const current = state.url === url;
  return { data: current ? state.data : undefined, error: current ? state.error : undefined, loading: url !== null && (!current || state.loading), reload };
}
