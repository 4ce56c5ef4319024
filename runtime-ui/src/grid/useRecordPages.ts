import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError, get } from '../api/client';
import type { RecordPage, RecordRow } from '../api/types';
import type { SortKey } from './sortable';

export const PAGE_SIZE = 100;

interface Pages {
  rows: RecordRow[];
  /** The cursor of the next page; null when every record is loaded, undefined before the first page. */
  next: string | null | undefined;
  loading: boolean;
  error?: ApiError;
}

/**
 * A form's records, page after page (keyset: `next` goes back as `cursor`, so the thousandth page
 * costs the server what the first does), in the server's order for `sort`. Changing the sort starts
 * over; an answer for an older sort is dropped.
 */
export function useRecordPages(formId: string, sort: SortKey | undefined) {
  const [pages, setPages] = useState<Pages>({ rows: [], next: undefined, loading: true });
  const generation = useRef(0);
  const busy = useRef(false);
  const query = sort ? `&query=${encodeURIComponent(JSON.stringify({ sort: [sort] }))}` : '';
  const base = `/api/forms/${encodeURIComponent(formId)}/records?limit=${PAGE_SIZE}${query}`;

  const load = useCallback(
    async (cursor: string | undefined) => {
      const mine = generation.current;
      busy.current = true;
      setPages((p) => ({ ...p, loading: true, error: undefined }));
      try {
        const page = await get<RecordPage>(cursor ? `${base}&cursor=${encodeURIComponent(cursor)}` : base);
        if (mine !== generation.current) return;
        setPages((p) => ({ rows: [...p.rows, ...page.records], next: page.next, loading: false }));
      } catch (error) {
        if (mine !== generation.current) return;
        const failure = error instanceof ApiError ? error : new ApiError(0, 'network', String(error));
        setPages((p) => ({ ...p, loading: false, error: failure }));
      } finally {
        if (mine === generation.current) busy.current = false;
      }
    },
    [base],
  );

  useEffect(() => {
    generation.current += 1;
    busy.current = false;
    setPages({ rows: [], next: undefined, loading: true });
    void load(undefined);
  }, [load]);

  const loadMore = useCallback(() => {
    if (busy.current || pages.error || typeof pages.next !== 'string') return;
    void load(pages.next);
  }, [load, pages.next, pages.error]);

  /** After a failed page: the same page again (the first one when nothing loaded). */
  const retry = useCallback(() => {
    if (busy.current) return;
    void load(typeof pages.next === 'string' ? pages.next : undefined);
  }, [load, pages.next]);

  return { ...pages, hasMore: pages.next !== null, loadMore, retry };
}
