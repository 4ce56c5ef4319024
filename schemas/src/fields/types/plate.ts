import { normalizePlate, PLATE_PATTERN } from '../checks/plate';
import type { JsonSchema } from '../contract';
import { defineFieldType, fail, isBlank, label, ok, toHalfWidth } from '../conversion';
import { definition } from '../schema-parts';

export const plateType = defineFieldType<string>({
  type: 'plate',
  group: 'advanced',
  label: label('车牌号', 'Licence plate'),
  storesValue: true,
  computed: false,
  compareAs: 'text',
  groupBy: ['value'],
  aggregates: ['count', 'countDistinct'],
  publicFill: true,
  canTitle: true,
  searchable: true,
  bulkSet: 'text',
  definitionSchema: definition({}),
  valueSchema: (): JsonSchema => ({ type: 'string', pattern: PLATE_PATTERN }),
  normalize(_field, input) {
    if (isBlank(input)) return ok(null);
    if (typeof input !== 'string') return fail('Enter the licence plate, e.g. 京A12345.');
    return normalizePlate(input);
  },
  foldSubstring: (text) => toHalfWidth(text).toUpperCase(),
  toText: (_field, value) => value ?? '',
  fromText: (_field, text) => (isBlank(text) ? ok(null) : normalizePlate(text)),
  widget: () => ({ widget: 'plate' }),
});
