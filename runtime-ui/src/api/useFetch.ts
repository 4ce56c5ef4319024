import { useCallback, useEffect, useState } from 'react';
import { ApiError, get } from './client';

export interface Fetched<T> {
  data: T | undefined;
  error: ApiError | undefined;
  loading: boolean;
  reload(): void;
}

/**
 * GETs `path` (nothing while it is null) and refetches when it changes or on `reload()`. An answer that
 * arrives after the path changed is dropped, so a slow page never overwrites the next one.
 */
export function useFetch<T>(path: string | null): Fetched<T> {
  const [state, setState] = useState<{ data?: T; error?: ApiError; loading: boolean }>({
    loading: path !== null,
  });
  const [version, setVersion] = useState(0);
  // biome-ignore lint/correctness/useExhaustiveDependencies: version only asks for a refetch
  useEffect(() => {
    if (path === null) return;
    let current = true;
    setState((previous) => ({ ...previous, loading: true, error: undefined }));
    get<T>(path).then(
      (data) => current && setState({ data, loading: false }),
      (error: unknown) =>
        current &&
        setState({
          loading: false,
          error: error instanceof ApiError ? error : new ApiError(0, 'network', String(error)),
        }),
    );
    return () => {
      current = false;
    };
  }, [path, version]);
  const reload = useCallback(() => setVersion((v) => v + 1), []);
  return { data: state.data, error: state.error, loading: state.loading, reload };
}
