import type { Executor } from '../db/schema';
import type { WriteContext } from './context';

type Data = Record<string, unknown>;

/** Field-level changes: `{ fieldId: [before, after] }` for every field whose value differs. */
export function diff(before: Data, after: Data): Record<string, [unknown, unknown]> {
  const changes: Record<string, [unknown, unknown]> = {};
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    const a = before[key] ?? null;
    const b = after[key] ?? null;
    if (JSON.stringify(a) !== JSON.stringify(b)) changes[key] = [a, b];
  }
  return changes;
}

export interface HistoryEntry {
  recordId: string;
  formId: string;
  rev: number;
  action: 'create' | 'update' | 'delete' | 'restore';
  changes: unknown;
}

/** The history rows of some writes: who, when, through which path, and the field-level diff. */
export function historyRows(context: WriteContext, entries: HistoryEntry[]) {
  return entries.map((entry) => ({
    workspace_id: context.actor.workspaceId,
    record_id: entry.recordId,
    form_id: entry.formId,
    rev: entry.rev,
    action: entry.action,
    actor_id: context.actor.userId,
    via: context.via,
    changes: JSON.stringify(entry.changes),
    at: context.now,
  }));
}

/** One history row per write. */
export async function recordHistory(
  db: Executor,
  context: WriteContext,
  entries: HistoryEntry[],
): Promise<void> {
  if (entries.length) await db.insertInto('record_history').values(historyRows(context, entries)).execute();
}
