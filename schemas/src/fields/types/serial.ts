import type { JsonSchema } from '../contract';
import { defineFieldType, fail, isBlank, label, ok, stringProp } from '../conversion';
import { definition, enumSchema } from '../schema-parts';
import { checkSerialPattern, SERIAL_RESETS } from '../serial';

const MAX_LENGTH = 100;
const SAFE = '^[^\\u0000-\\u001f\\u007f]+$';

function normalizeSerial(input: unknown) {
  if (isBlank(input)) return ok<string>(null);
  if (typeof input !== 'string' && typeof input !== 'number') return fail('Enter the number as text.');
  const text = String(input).trim();
  // biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point
  if (text.length > MAX_LENGTH || /[\u0000-\u001f\u007f]/.test(text))
    return fail(`A serial number is at most ${MAX_LENGTH} characters on one line.`);
  return ok(text);
}

/** Repair order numbers and the like. Imported records keep their historic numbers (fromText). */
export const serialType = defineFieldType<string>({
  type: 'serial',
  group: 'advanced',
  label: label('流水号', 'Serial number'),
  storesValue: true,
  computed: true,
  compareAs: 'text',
  // Unique per record: a group each would say nothing.
  groupBy: [],
  aggregates: ['count'],
  publicFill: true,
  canTitle: true,
  searchable: true,
  extraWrites: 'counter',
  definitionSchema: definition(
    { pattern: { type: 'string', minLength: 1, maxLength: 80 }, resetEvery: enumSchema(SERIAL_RESETS) },
    ['pattern'],
  ),
  checkDefinition: (field) => checkSerialPattern(stringProp(field, 'pattern') ?? ''),
  valueSchema: (): JsonSchema => ({ type: 'string', maxLength: MAX_LENGTH, pattern: SAFE }),
  normalize: (_field, input) => normalizeSerial(input),
  toText: (_field, value) => value ?? '',
  fromText: (_field, text) => normalizeSerial(text),
  widget: (field) => ({ widget: 'serial', options: { pattern: field.pattern } }),
});
