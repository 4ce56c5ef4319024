/**
 * A new field of a type, already valid where it can be: the draft autosaves through the server's checks,
 * so a choice field arrives with two options, a formula with an expression, a table with a column.
 */
import { type FieldDef, type FormDefinition, fieldType, type Label } from '@forecourt/schemas';
import type { NewFieldContext } from './model';

const option = (n: number) => ({
  value: `option_${n}`,
  label: { zh: `选项${n}`, en: `Option ${n}` },
});

/** Per type, the properties a new field starts with beyond id, type and label. */
function starter(
  type: string,
  definition: FormDefinition,
  context: NewFieldContext,
): Record<string, unknown> {
  switch (type) {
    case 'select':
    case 'multiselect':
      return { options: [option(1), option(2)] };
    case 'formula':
      return { expression: '0', resultType: 'number' };
    case 'serial':
      return { pattern: '{yyyyMMdd}-{seq:4}', resetEvery: 'day' };
    case 'relation': {
      const other = context.forms.find((form) => form.id !== definition.id);
      return { target: other?.id ?? definition.id };
    }
    case 'lookup': {
      const relation = definition.fields.find((field) => field.type === 'relation');
      return { relation: relation?.id ?? 'f_relation', targetField: 'f_name', resultType: 'text' };
    }
    case 'rollup': {
      const table = definition.fields.find((field) => field.type === 'subform');
      const relation = definition.fields.find((field) => field.type === 'relation');
      const source = table
        ? { subform: table.id }
        : relation
          ? { relation: relation.id }
          : { subform: 'f_items' };
      return { source, aggregate: 'count' };
    }
    case 'subform':
      return { fields: [{ id: 'f_item', type: 'text', label: { zh: '项目', en: 'Item' } }] };
    case 'description':
      return { content: { zh: '在这里写说明文字。', en: 'Write the text here.' } };
    default:
      return {};
  }
}

export function newFieldOf(
  type: string,
  id: string,
  definition: FormDefinition,
  context: NewFieldContext,
): FieldDef {
  const label: Label = { ...fieldType(type).label };
  return { id, type, label, ...starter(type, definition, context) } as FieldDef;
}

/** A new table column (no nested tables, counters, system or layout fields: see SUBFORM_CHILD_EXCLUDED). */
export function newColumnOf(type: string, id: string): FieldDef {
  const label: Label = { ...fieldType(type).label };
  const extra =
    type === 'select' || type === 'multiselect'
      ? { options: [option(1), option(2)] }
      : type === 'formula'
        ? { expression: '0', resultType: 'number' }
        : {};
  return { id, type, label, ...extra } as FieldDef;
}

/** What a field keeps when its type changes: who it is and where it sits, not its type's settings. */
const KEPT_ON_TYPE_CHANGE = [
  'label',
  'description',
  'required',
  'unique',
  'readOnly',
  'hidden',
  'layout',
  'visibleIf',
  'indexed',
];

/**
 * The field as another type. Publishing converts stored values through text (engine/src/forms/publish.ts)
 * and the dry run says how many will not convert.
 */
export function withType(
  field: FieldDef,
  type: string,
  definition: FormDefinition,
  context: NewFieldContext,
  column = false,
): FieldDef {
  const next = column ? newColumnOf(type, field.id) : newFieldOf(type, field.id, definition, context);
  const source = field as Record<string, unknown>;
  for (const key of KEPT_ON_TYPE_CHANGE)
    if (source[key] !== undefined) (next as Record<string, unknown>)[key] = source[key];
  return next;
}
