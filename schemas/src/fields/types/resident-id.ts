import { normalizeResidentId, RESIDENT_ID_PATTERN } from '../checks/resident-id';
import type { FieldContext, JsonSchema } from '../contract';
import { booleanProp, defineFieldType, fail, isBlank, label, ok } from '../conversion';
import { booleanSchema, definition } from '../schema-parts';

function convert(input: unknown, context: FieldContext) {
  if (isBlank(input)) return ok<string>(null);
  if (typeof input !== 'string') return fail('Enter the 18-digit ID number.');
  return normalizeResidentId(input, context.now);
}

export const residentIdType = defineFieldType<string>({
  type: 'resident_id',
  group: 'advanced',
  label: label('身份证号', 'Resident ID'),
  storesValue: true,
  computed: false,
  compareAs: 'text',
  groupBy: ['value'],
  aggregates: ['count', 'countDistinct'],
  publicFill: true,
  // Personal information (PIPL): show masked unless the viewer asks.
  definitionSchema: definition({ mask: booleanSchema }),
  valueSchema: (): JsonSchema => ({ type: 'string', pattern: RESIDENT_ID_PATTERN }),
  normalize: (_field, input, context) => convert(input, context),
  toText: (_field, value) => value ?? '',
  fromText: (_field, text, context) => convert(text, context),
  widget: (field) => ({ widget: 'resident_id', options: { mask: booleanProp(field, 'mask', true) } }),
});
