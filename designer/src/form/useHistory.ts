/**
 * Undo and redo over whole definitions (they are immutable, so a step is one reference). Typing in one
 * input makes one step, not one per key: changes with the same `merge` key within a second coalesce.
 */
import { useCallback, useEffect, useRef, useState } from 'react';

const LIMIT = 200;
const MERGE_MS = 1000;

interface State<T> {
  past: T[];
  present: T;
  future: T[];
}

export interface History<T> {
  present: T;
  /** Replace the present with a new step; `merge` names an edit that may coalesce with the last one. */
  change(next: T | ((current: T) => T), merge?: string): void;
  /** Replace the present without a step (e.g. the server's normalised answer). */
  reset(next: T): void;
  undo(): void;
  redo(): void;
  canUndo: boolean;
  canRedo: boolean;
}

export function useHistory<T>(initial: T): History<T> {
  const [state, setState] = useState<State<T>>({ past: [], present: initial, future: [] });
  const last = useRef<{ key: string; at: number } | null>(null);

  const change = useCallback((next: T | ((current: T) => T), merge?: string) => {
    const now = Date.now();
    const coalesce = merge !== undefined && last.current?.key === merge && now - last.current.at < MERGE_MS;
    last.current = merge === undefined ? null : { key: merge, at: now };
    setState((s) => {
      const value = typeof next === 'function' ? (next as (current: T) => T)(s.present) : next;
      if (Object.is(value, s.present)) return s;
      const past = coalesce ? s.past : [...s.past, s.present].slice(-LIMIT);
      return { past, present: value, future: [] };
    });
  }, []);

  const reset = useCallback((next: T) => setState((s) => ({ ...s, present: next })), []);

  const undo = useCallback(() => {
    last.current = null;
    setState((s) => {
      const previous = s.past.at(-1);
      if (previous === undefined) return s;
      return { past: s.past.slice(0, -1), present: previous, future: [s.present, ...s.future] };
    });
  }, []);

  const redo = useCallback(() => {
    last.current = null;
    setState((s) => {
      const [next, ...future] = s.future;
      if (next === undefined) return s;
      return { past: [...s.past, s.present], present: next, future };
    });
  }, []);

  return {
    present: state.present,
    change,
    reset,
    undo,
    redo,
    canUndo: state.past.length > 0,
    canRedo: state.future.length > 0,
  };
}

/** Ctrl+Z / Ctrl+Shift+Z (and Ctrl+Y, ⌘ on a Mac) anywhere on the page, except while typing in a field. */
export function useUndoKeys(history: Pick<History<unknown>, 'undo' | 'redo'>): void {
  const { undo, redo } = history;
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!(event.ctrlKey || event.metaKey) || event.altKey) return;
      const target = event.target as HTMLElement | null;
      // Inside an input the browser's own undo edits the text; ours would jump over it.
      if (target?.closest('input, textarea, [contenteditable="true"]')) return;
      const key = event.key.toLowerCase();
      if (key === 'z' && !event.shiftKey) undo();
      else if ((key === 'z' && event.shiftKey) || key === 'y') redo();
      else return;
      event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [undo, redo]);
}
