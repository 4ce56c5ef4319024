/**
 * Drafts save themselves: a PUT a moment after the last change (debounced), one at a time, the latest
 * definition winning. A draft the server refuses stays in the designer with the server's issues shown on
 * its fields; nothing is lost, and the next change tries again. Leaving does not drop the last edits:
 * the host's links flush first, unmounting saves what is pending, and closing the tab sends it with
 * `saveOnLeave` (a keepalive request, which outlives the page); an invalid or failed draft asks first.
 */
import type { FormDefinition } from '@forecourt/schemas';
import { useCallback, useEffect, useRef, useState } from 'react';
import { type DefinitionIssue, issuesOf } from './types';

export type SaveStatus = 'saved' | 'pending' | 'saving' | 'invalid' | 'failed';

const DELAY_MS = 800;

export function useAutosave(
  definition: FormDefinition,
  save: (definition: FormDefinition) => Promise<unknown>,
  saveOnLeave?: (definition: FormDefinition) => void,
) {
  const [status, setStatus] = useState<SaveStatus>('saved');
  // Issue paths index the fields of the definition that was refused: keep its field ids with them.
  const [refused, setRefused] = useState<{ issues: DefinitionIssue[]; fieldIds: string[] }>({
    issues: [],
    fieldIds: [],
  });
  const saved = useRef<FormDefinition>(definition);
  const latest = useRef(definition);
  const running = useRef<Promise<boolean> | null>(null);
  latest.current = definition;

  const run = useCallback(async (): Promise<boolean> => {
    while (running.current) await running.current;
    const target = latest.current;
    if (target === saved.current) return true;
    const attempt = (async () => {
      setStatus('saving');
      try {
        await save(target);
        saved.current = target;
        setRefused({ issues: [], fieldIds: [] });
        setStatus(latest.current === target ? 'saved' : 'pending');
        return true;
      } catch (error) {
        const found = issuesOf(error);
        setRefused({ issues: found, fieldIds: target.fields.map((field) => field.id) });
        setStatus(found.length ? 'invalid' : 'failed');
        return false;
      }
    })();
    running.current = attempt;
    try {
      return await attempt;
    } finally {
      running.current = null;
    }
  }, [save]);

  useEffect(() => {
    if (definition === saved.current) return;
    setStatus((s) => (s === 'saving' ? s : 'pending'));
    const timer = setTimeout(() => void run(), DELAY_MS);
    return () => clearTimeout(timer);
  }, [definition, run]);

  // Unmounting (another page of the app) cancels the timer above: save what it would have saved.
  // (Through a ref: a new `run` from the host's callbacks is not an unmount.)
  const runNow = useRef(run);
  runNow.current = run;
  useEffect(() => () => void runNow.current(), []);

  // Closing or reloading the tab: nothing async survives, so a keepalive request carries the draft, and
  // a draft the server refused (it would be refused again) makes the browser ask before leaving.
  const statusNow = useRef(status);
  statusNow.current = status;
  useEffect(() => {
    const onPageHide = () => {
      if (latest.current !== saved.current) saveOnLeave?.(latest.current);
    };
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      if (statusNow.current === 'invalid' || statusNow.current === 'failed') event.preventDefault();
    };
    window.addEventListener('pagehide', onPageHide);
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => {
      window.removeEventListener('pagehide', onPageHide);
      window.removeEventListener('beforeunload', onBeforeUnload);
    };
  }, [saveOnLeave]);

  /** Saves now (before publishing); true when the server holds exactly what the designer shows. */
  const flush = useCallback(async () => {
    const ok = await run();
    return ok && latest.current === saved.current;
  }, [run]);

  return { status, issues: refused.issues, issueFieldIds: refused.fieldIds, flush };
}
