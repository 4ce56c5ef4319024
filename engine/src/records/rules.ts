import { type FieldDef, fieldType } from '@forecourt/schemas';
import type { ErrorDetail } from '../errors';
import { evaluate } from './compute';
import type { WriteContext } from './context';
import { matchesPattern } from './pattern';
import { isSystem } from './validator';

type Data = Record<string, unknown>;

/** A field whose visibility rule is false is not shown, so it is neither stored nor checked. */
export async function applyVisibility(
  fields: FieldDef[],
  data: Data,
  context: WriteContext,
  issues: ErrorDetail[],
) {
  for (const field of fields) {
    if (typeof field.visibleIf !== 'string') continue;
    try {
      if ((await evaluate(field.visibleIf, data, context, fields)) !== true) data[field.id] = null;
    } catch (error) {
      issues.push({
        path: `/${field.id}`,
        message: `The visibility rule failed: ${error instanceof Error ? error.message : String(error)}`,
      });
    }
  }
}

const isEmpty = (value: unknown) =>
  value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0);

/**
 * Required fields, the per-field validations (range, length, pattern, expression) and each type's own
 * check against the rest of the record (`checkRecord`, e.g. a mileage never below the last reading).
 */
export async function checkRules(
  fields: FieldDef[],
  data: Data,
  context: WriteContext,
  issues: ErrorDetail[],
) {
  for (const field of fields) {
    if (field.hidden || !fieldType(field.type).storesValue) continue;
    const value = data[field.id];
    const visible =
      typeof field.visibleIf !== 'string' ||
      value !== null ||
      (await isVisible(field, fields, data, context));
    if (!visible) continue;
    if (field.required && isEmpty(value) && !isSystem(field)) {
      issues.push({ path: `/${field.id}`, message: `${labelOf(field)} is required.` });
      continue;
    }
    const minRows = field.type === 'subform' ? Number(field.minRows ?? 0) : 0;
    if (minRows > 0 && (Array.isArray(value) ? value.length : 0) < minRows) {
      issues.push({ path: `/${field.id}`, message: `${labelOf(field)} needs at least ${minRows} row(s).` });
      continue;
    }
    if (isEmpty(value)) continue;
    for (const rule of field.validations ?? []) {
      const message = await breaks(rule, value, fields, data, context);
      if (message)
        issues.push({
          path: `/${field.id}`,
          message: rule.message?.zh ? `${rule.message.zh} / ${rule.message.en}` : message,
        });
    }
    const atOdds = fieldType(field.type).checkRecord?.(field, value, data);
    if (atOdds) issues.push({ path: `/${field.id}`, ...atOdds });
  }
}

async function isVisible(
  field: FieldDef,
  fields: FieldDef[],
  data: Data,
  context: WriteContext,
): Promise<boolean> {
  return (await evaluate(String(field.visibleIf), data, context, fields).catch(() => false)) === true;
}

type Rule = NonNullable<FieldDef['validations']>[number];

async function breaks(
  rule: Rule,
  value: unknown,
  fields: FieldDef[],
  data: Data,
  context: WriteContext,
): Promise<string | undefined> {
  switch (rule.kind) {
    case 'range': {
      const n = Number(value);
      if (rule.min !== undefined && n < Number(rule.min)) return `Must be at least ${rule.min}.`;
      if (rule.max !== undefined && n > Number(rule.max)) return `Must be at most ${rule.max}.`;
      return undefined;
    }
    case 'length': {
      const length = Array.isArray(value) ? value.length : [...String(value)].length;
      if (rule.min !== undefined && length < rule.min) return `Needs at least ${rule.min} characters.`;
      if (rule.max !== undefined && length > rule.max) return `Allows at most ${rule.max} characters.`;
      return undefined;
    }
    case 'pattern':
      return matchesPattern(rule.pattern, String(value)) ? undefined : 'Does not have the expected format.';
    case 'expression':
      return (await evaluate(rule.expression, data, context, fields)) === true
        ? undefined
        : 'Is not acceptable.';
  }
}

export function labelOf(field: FieldDef): string {
  return field.label.zh || field.label.en || field.id;
}
