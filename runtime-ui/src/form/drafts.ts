/**
 * Unsaved form data kept in localStorage per user, form and record, so a reload, a crash or a dead phone
 * battery loses nothing. Written as the user types, removed when the server has accepted the record.
 */
import { useEffect, useMemo, useRef } from 'react';
import type { FormData } from './types';

export interface Draft {
  data: FormData;
  savedAt: string;
  /** For an edit: the revision and values the draft started from, so only the user's changes are sent. */
  rev?: number;
  base?: FormData;
}

const PREFIX = 'forecourt.draft';
/** Set on logout: the page is being left for /login and an open editor's pagehide must not write back. */
let loggedOut = false;

export function draftKey(userId: string, formId: string, recordId?: string): string {
  return `${PREFIX}.${userId}.${formId}.${recordId ?? 'new'}`;
}

export function readDraft(key: string): Draft | undefined {
  try {
    const text = localStorage.getItem(key);
    const draft = text ? (JSON.parse(text) as Draft) : undefined;
    return draft && typeof draft.data === 'object' && draft.data !== null ? draft : undefined;
  } catch {
    return undefined;
  }
}

/** Logging out on a shared showroom PC: the next person must not find this user's unsaved records. */
export function clearUserDrafts(userId: string): void {
  loggedOut = true;
  try {
    const mine = `${PREFIX}.${userId}.`;
    const keys: string[] = [];
    for (let i = 0; i < localStorage.length; i++) {
      const key = localStorage.key(i);
      if (key?.startsWith(mine)) keys.push(key);
    }
    for (const key of keys) localStorage.removeItem(key);
  } catch {
    // storage unavailable: nothing was kept either
  }
}

export function clearDraft(key: string): void {
  try {
    localStorage.removeItem(key);
  } catch {
    // storage unavailable (private mode): nothing was kept either
  }
}

export interface DraftWriter {
  /** The server has the data now: drop the draft; a later change starts a new one. */
  clear(): void;
  /** The user threw the draft away: drop it and write nothing more from this page, not even on pagehide
   *  (a reload right after would otherwise write it straight back). */
  discard(): void;
}

/** Writes `data` to the draft a moment after the last change (and at once when the page is hidden). */
export function useDraftWriter(
  key: string,
  data: FormData,
  enabled: boolean,
  base?: { rev: number; data: FormData },
): DraftWriter {
  const pending = useRef<number | undefined>(undefined);
  const discarded = useRef(false);
  const write = useMemo(
    () => (value: FormData) => {
      if (discarded.current || loggedOut) return;
      try {
        localStorage.setItem(
          key,
          JSON.stringify({
            data: value,
            savedAt: new Date().toISOString(),
            ...(base ? { rev: base.rev, base: base.data } : {}),
          }),
        );
      } catch {
        // storage full or unavailable: the form still works, only without a draft
      }
    },
    [key, base],
  );
  const latest = useRef(data);
  latest.current = data;
  useEffect(() => {
    if (!enabled) return;
    window.clearTimeout(pending.current);
    pending.current = window.setTimeout(() => write(data), 300);
    return () => window.clearTimeout(pending.current);
  }, [data, enabled, write]);
  useEffect(() => {
    if (!enabled) return;
    const flush = () => write(latest.current);
    window.addEventListener('pagehide', flush);
    return () => window.removeEventListener('pagehide', flush);
  }, [enabled, write]);
  return useMemo(
    () => ({
      clear: () => {
        window.clearTimeout(pending.current);
        clearDraft(key);
      },
      discard: () => {
        discarded.current = true;
        window.clearTimeout(pending.current);
        clearDraft(key);
      },
    }),
    [key],
  );
}
