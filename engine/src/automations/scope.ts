import type { FieldDef } from '@forecourt/schemas';
import { expressionInput } from '@forecourt/schemas';
import type { Selectable } from 'kysely';
import type { RecordsTable } from '../db/schema';
import { evaluate } from '../records/compute';
import type { WriteContext } from '../records/context';

/** What an automation's expressions read: the record's fields at `$`, `$record` and `$previous`. */
export interface AutomationScope {
  fields: FieldDef[];
  data: Record<string, unknown>;
  bindings: { record: Record<string, unknown>; previous: Record<string, unknown> };
}

/**
 * The scope of a triggering record: `$record` carries its id, form, owner, department, channel and
 * dates next to its fields' values; `$previous` is the record before the update (the changed fields'
 * old values over the current ones; the same as the record for other events).
 */
export function automationScope(
  row: Selectable<RecordsTable>,
  fields: FieldDef[],
  event: { via?: string; previous?: Record<string, unknown> },
): AutomationScope {
  const data = row.data;
  const input = expressionInput(fields, data) as Record<string, unknown>;
  return {
    fields,
    data,
    bindings: {
      record: {
        ...input,
        id: row.id,
        formId: row.form_id,
        rev: row.rev,
        ownerId: row.owner_id,
        deptId: row.dept_id,
        channel: row.channel,
        via: event.via ?? null,
        createdBy: row.created_by,
        createdAt: row.created_at.toISOString(),
        updatedAt: row.updated_at.toISOString(),
      },
      previous: expressionInput(fields, { ...data, ...event.previous }) as Record<string, unknown>,
    },
  };
}

export function evaluateIn(scope: AutomationScope, source: string, context: WriteContext): Promise<unknown> {
  return evaluate(source, scope.data, context, scope.fields, scope.bindings);
}

/** Evaluates a value mapping: field id → value. */
export async function mapValues(
  scope: AutomationScope,
  values: Record<string, string>,
  context: WriteContext,
): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  for (const [fieldId, source] of Object.entries(values))
    out[fieldId] = await evaluateIn(scope, source, context);
  return out;
}
