import type { FieldDef, JsonSchema } from '../contract';
import { booleanProp, defineFieldType, fail, isBlank, label, ok } from '../conversion';
import { delegateToResult, RESULT_TYPES, resultField } from '../results';
import { booleanSchema, definition, enumSchema, fieldIdSchema, integerSchema } from '../schema-parts';

/**
 * Shows a field of the related record (the customer's phone on a repair order). `resultType` is the
 * target field's plain type, copied by the designer, so the value is checked without the other form.
 * Through a multiple relation the value is a list, one per related record.
 */
const single = delegateToResult((field) => resultField(field, 'text'));

const each = (field: FieldDef) => resultField(field, 'text');

export const lookupType = defineFieldType<unknown>({
  type: 'lookup',
  group: 'relation',
  label: label('引用字段', 'Lookup'),
  storesValue: true,
  computed: true,
  compareAs: 'result',
  groupBy: 'result',
  aggregates: 'result',
  publicFill: false,
  definitionSchema: definition(
    {
      relation: fieldIdSchema,
      targetField: fieldIdSchema,
      resultType: enumSchema(RESULT_TYPES),
      precision: integerSchema(0, 10),
      multiple: booleanSchema,
    },
    ['relation', 'targetField', 'resultType'],
  ),
  valueSchema(field): JsonSchema {
    const item = single.valueSchema(field);
    return booleanProp(field, 'multiple', false) ? { type: 'array', items: item, maxItems: 200 } : item;
  },
  normalize(field, input, context) {
    if (!booleanProp(field, 'multiple', false)) return single.normalize(field, input, context);
    if (isBlank(input)) return ok(null);
    const { type, def } = each(field);
    const values: unknown[] = [];
    for (const item of Array.isArray(input) ? input : [input]) {
      const converted = type.normalize(def, item, context);
      if (!converted.ok) return converted;
      if (converted.value !== null) values.push(converted.value);
    }
    return ok(values.length > 0 ? values : null);
  },
  toText(field, value) {
    if (!Array.isArray(value)) return single.toText(field, value);
    const { type, def } = each(field);
    return value.map((item) => type.toText(def, item)).join('\n');
  },
  fromText(field, text, context) {
    if (!booleanProp(field, 'multiple', false)) return single.fromText(field, text, context);
    if (isBlank(text)) return ok(null);
    const { type, def } = each(field);
    const values: unknown[] = [];
    for (const line of text.split(/\r?\n/)) {
      const converted = type.fromText(def, line, context);
      if (!converted.ok) return fail(converted.message);
      if (converted.value !== null) values.push(converted.value);
    }
    return ok(values.length > 0 ? values : null);
  },
  widget: single.widget,
});
