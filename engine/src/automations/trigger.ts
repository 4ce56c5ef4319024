import type { AutomationTrigger } from '@forecourt/schemas';
import type { RecordEventPayload } from '../records/events';

/**
 * Whether a record event is one the trigger listens to (before its condition): the same kind, a
 * listed field changed (updates), and a listed channel. Read again when the job runs, so an
 * automation changed since the write decides by its current definition.
 */
export function matchesTrigger(trigger: AutomationTrigger, kind: string, event: RecordEventPayload): boolean {
  if (trigger.kind !== kind) return false;
  if (trigger.fields && !trigger.fields.some((id) => event.fields?.includes(id))) return false;
  const channel = event.via ?? 'api';
  if (trigger.channels && !(trigger.channels as string[]).includes(channel)) return false;
  return true;
}
