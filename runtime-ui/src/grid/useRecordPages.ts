import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError, post } from '../api/client';
import type { RecordPage, RecordRow } from '../api/types';
import type { GridQuery } from './query';

export const PAGE_SIZE = 100;

interface Pages {
  rows: RecordRow[];
  /** The cursor of the next page; null when every record is loaded, undefined before the first page. */
  next: string | null | undefined;
  /** How many records match (the server counts up to 10,000; `capped` beyond). */
  count?: { value: number; capped: boolean };
  loading: boolean;
  error?: ApiError;
}

/**
 * A form's records matching the grid's query (filter, sort, search), page after page through
 * `POST …/records/query` (keyset: `next` goes back as `cursor`, so the thousandth page costs the
 * server what the first does). The first page also asks for the count. Changing the query starts
 * over; an answer for an older query is dropped. `reload()` starts over with the same query.
 */
export function useRecordPages(formId: string, query: GridQuery) {
  const [pages, setPages] = useState<Pages>({ rows: [], next: undefined, loading: true });
  const [version, setVersion] = useState(0);
  const generation = useRef(0);
  const busy = useRef(false);
  const path = `/api/forms/${encodeURIComponent(formId)}/records/query`;
  const body = JSON.stringify(query);

  const load = useCallback(
    async (cursor: string | undefined) => {
      const mine = generation.current;
      busy.current = true;
      setPages((p) => ({ ...p, loading: true, error: undefined }));
      try {
        const request = { ...JSON.parse(body), limit: PAGE_SIZE, ...(cursor ? { cursor } : { count: true }) };
        const page = await post<RecordPage & { count?: Pages['count'] }>(path, request);
        if (mine !== generation.current) return;
        setPages((p) => ({
          rows: cursor ? [...p.rows, ...page.records] : page.records,
          next: page.next,
          count: page.count ?? p.count,
          loading: false,
        }));
      } catch (error) {
        if (mine !== generation.current) return;
        const failure = error instanceof ApiError ? error : new ApiError(0, 'network', String(error));
        setPages((p) => ({ ...p, loading: false, error: failure }));
      } finally {
        if (mine === generation.current) busy.current = false;
      }
    },
    [path, body],
  );

  // biome-ignore lint/correctness/useExhaustiveDependencies: version only asks to start over
  useEffect(() => {
    generation.current += 1;
    busy.current = false;
    setPages({ rows: [], next: undefined, loading: true });
    void load(undefined);
  }, [load, version]);

  const loadMore = useCallback(() => {
    if (busy.current || pages.error || typeof pages.next !== 'string') return;
    void load(pages.next);
  }, [load, pages.next, pages.error]);

  /** After a failed page: the same page again (the first one when nothing loaded). */
  const retry = useCallback(() => {
    if (busy.current) return;
    void load(typeof pages.next === 'string' ? pages.next : undefined);
  }, [load, pages.next]);

  const reload = useCallback(() => setVersion((v) => v + 1), []);

  return { ...pages, hasMore: pages.next !== null, loadMore, retry, reload };
}
