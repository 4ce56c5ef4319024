import type { DetailedConversion, FieldContext, FieldDef } from './contract';
import { fieldType } from './registry';
import { pointerSegment } from './types/subform';

/**
 * One field's input → stored value, with issues as JSON pointers into the record's data
 * (`/f_vin`, `/f_parts/2/f_qty`): what the server answers so the form can mark each input.
 */
export function normalizeFieldValue(
  field: FieldDef,
  input: unknown,
  context: FieldContext,
): DetailedConversion<unknown> {
  const type = fieldType(field.type);
  const base = `/${pointerSegment(field.id)}`;
  if (type.normalizeDetailed) {
    const result = type.normalizeDetailed(field, input, context);
    if (result.ok) return result;
    return {
      ok: false,
      issues: result.issues.map((issue) => ({ path: base + issue.path, message: issue.message })),
    };
  }
  const result = type.normalize(field, input, context);
  return result.ok ? result : { ok: false, issues: [{ path: base, message: result.message }] };
}
