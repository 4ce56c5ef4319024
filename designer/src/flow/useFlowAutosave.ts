/**
 * The flow's draft saves itself a moment after the last change, one PUT at a time: two in flight could
 * land in either order and leave an older graph as the draft (even just before publishing). What is
 * still pending when the designer unmounts (the user went to another page) is saved then.
 */
import type { WorkflowDefinition } from '@forecourt/schemas';
import { useCallback, useEffect, useRef, useState } from 'react';

export type SaveState = 'saved' | 'saving' | 'failed';

const DELAY_MS = 800;

/** `unsaved` is true for a flow the server does not hold yet (a new form's starter flow). */
export function useFlowAutosave(
  flow: WorkflowDefinition,
  unsaved: boolean,
  saveDraft: (flow: WorkflowDefinition) => Promise<void>,
) {
  const [state, setState] = useState<SaveState>('saved');
  const [error, setError] = useState<string | undefined>();
  const latest = useRef(flow);
  latest.current = flow;
  const saved = useRef<WorkflowDefinition | null>(unsaved ? null : flow);
  const running = useRef<Promise<boolean> | null>(null);

  const run = useCallback(async (): Promise<boolean> => {
    while (running.current) await running.current;
    const target = latest.current;
    if (target === saved.current) return true;
    const attempt = (async () => {
      setState('saving');
      try {
        await saveDraft(target);
        saved.current = target;
        setState(latest.current === target ? 'saved' : 'saving');
        setError(undefined);
        return true;
      } catch (failure) {
        setState('failed');
        setError(failure instanceof Error ? failure.message : String(failure));
        return false;
      }
    })();
    running.current = attempt;
    try {
      return await attempt;
    } finally {
      running.current = null;
    }
  }, [saveDraft]);

  useEffect(() => {
    if (flow === saved.current) return;
    const timer = setTimeout(() => void run(), DELAY_MS);
    return () => clearTimeout(timer);
  }, [flow, run]);

  // Unmounting cancels the timer above: save what it would have saved.
  // (Through a ref: a new `run` from the host's callbacks is not an unmount.)
  const runNow = useRef(run);
  runNow.current = run;
  useEffect(() => () => void runNow.current(), []);

  /** Saves now (before publishing); true when the server holds exactly the flow shown. */
  const flush = useCallback(async () => (await run()) && latest.current === saved.current, [run]);

  return { state, error, flush };
}
