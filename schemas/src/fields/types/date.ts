import type { Conversion, FieldContext, FieldDef, JsonSchema } from '../contract';
import { defineFieldType, fail, isBlank, label, ok, stringProp } from '../conversion';
import {
  DATE_BUCKETS,
  formatDate,
  instantToZoned,
  parseDate,
  parseDateTime,
  parsedToInstant,
} from '../dates';
import { definition } from '../schema-parts';

export const DATE_PATTERN = '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$';
const DATE_MESSAGE = 'Enter a date such as 2026-03-01.';

/** A date, or a date-time whose calendar day (in the context zone) is taken, e.g. from a timestamp. */
export function normalizeDate(field: FieldDef, input: unknown, context: FieldContext): Conversion<string> {
  if (isBlank(input)) return ok(null);
  if (typeof input !== 'string') return fail(DATE_MESSAGE);
  let parts = parseDate(input);
  if (!parts) {
    const parsed = parseDateTime(input);
    if (!parsed) return fail(DATE_MESSAGE);
    parts =
      parsed.offsetMinutes === null
        ? parsed.parts
        : instantToZoned(parsedToInstant(parsed, 'UTC'), context.timeZone);
  }
  const date = formatDate(parts);
  const min = stringProp(field, 'min');
  const max = stringProp(field, 'max');
  // Fixed-width dates compare correctly as text.
  if (min && date < min) return fail(`Enter a date on or after ${min}.`);
  if (max && date > max) return fail(`Enter a date on or before ${max}.`);
  return ok(date);
}

const dateBound: JsonSchema = { type: 'string', pattern: DATE_PATTERN };

export const dateType = defineFieldType<string>({
  type: 'date',
  group: 'basic',
  label: label('日期', 'Date'),
  storesValue: true,
  computed: false,
  compareAs: 'date',
  groupBy: DATE_BUCKETS,
  aggregates: ['count', 'countDistinct', 'min', 'max'],
  publicFill: true,
  bulkSet: 'date',
  chosen: true,
  definitionSchema: definition({ min: dateBound, max: dateBound }),
  checkDefinition(field) {
    const min = stringProp(field, 'min');
    const max = stringProp(field, 'max');
    return min && max && min > max ? ['The earliest date is after the latest date.'] : [];
  },
  valueSchema: (): JsonSchema => ({ type: 'string', pattern: DATE_PATTERN, format: 'date' }),
  normalize: normalizeDate,
  toText: (_field, value) => value ?? '',
  fromText: normalizeDate,
  widget: (field) => ({ widget: 'date', options: { min: field.min, max: field.max } }),
});
