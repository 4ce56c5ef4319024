import { normalizeVin, VIN_PATTERN } from '../checks/vin';
import type { JsonSchema } from '../contract';
import { booleanProp, defineFieldType, fail, isBlank, label, ok } from '../conversion';
import { booleanSchema, definition } from '../schema-parts';

export const vinType = defineFieldType<string>({
  type: 'vin',
  group: 'advanced',
  label: label('车架号 VIN', 'VIN'),
  storesValue: true,
  computed: false,
  compareAs: 'text',
  groupBy: ['value'],
  aggregates: ['count', 'countDistinct'],
  publicFill: true,
  canTitle: true,
  searchable: true,
  bulkSet: 'text',
  // Off by default: many VINs of cars built for China do not use the North-American check digit.
  definitionSchema: definition({ checkDigit: booleanSchema }),
  valueSchema: (): JsonSchema => ({ type: 'string', pattern: VIN_PATTERN }),
  normalize(field, input) {
    if (isBlank(input)) return ok(null);
    if (typeof input !== 'string') return fail('Enter the 17-character VIN.');
    return normalizeVin(input, { checkDigit: booleanProp(field, 'checkDigit', false) });
  },
  foldSubstring: (text) => text.toUpperCase(),
  toText: (_field, value) => value ?? '',
  fromText(field, text) {
    return isBlank(text)
      ? ok(null)
      : normalizeVin(text, { checkDigit: booleanProp(field, 'checkDigit', false) });
  },
  widget: () => ({ widget: 'vin', options: { scan: true } }),
});
