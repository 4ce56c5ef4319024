/**
 * Drafts save themselves: a PUT a moment after the last change (debounced), one at a time, the latest
 * definition winning. A draft the server refuses stays in the designer with the server's issues shown on
 * its fields; nothing is lost, and the next change tries again.
 */
import type { FormDefinition } from '@forecourt/schemas';
import { useCallback, useEffect, useRef, useState } from 'react';
import { type DefinitionIssue, issuesOf } from './types';

export type SaveStatus = 'saved' | 'pending' | 'saving' | 'invalid' | 'failed';

const DELAY_MS = 800;

export function useAutosave(
  definition: FormDefinition,
  save: (definition: FormDefinition) => Promise<unknown>,
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

  /** Saves now (before publishing); true when the server holds exactly what the designer shows. */
  const flush = useCallback(async () => {
    const ok = await run();
    return ok && latest.current === saved.current;
  }, [run]);

  return { status, issues: refused.issues, issueFieldIds: refused.fieldIds, flush };
}
