import type { Conversion, JsonSchema } from '../contract';
import { defineFieldType, fail, isBlank, label, ok, toHalfWidth } from '../conversion';
import { definition, labelSchema } from '../schema-parts';

const MESSAGE = 'Choose a score from 0 to 10.';

/** Net Promoter Score: "how likely are you to recommend us", 0–10, after every service visit. */
export function normalizeNps(input: unknown): Conversion<number> {
  if (isBlank(input)) return ok(null);
  const text = typeof input === 'string' ? toHalfWidth(input).trim() : '';
  const score = typeof input === 'number' ? input : /^\d{1,2}$/.test(text) ? Number(text) : Number.NaN;
  return Number.isInteger(score) && score >= 0 && score <= 10 ? ok(score) : fail(MESSAGE);
}

export const npsType = defineFieldType<number>({
  type: 'nps',
  group: 'choice',
  label: label('推荐值 NPS', 'Net Promoter Score'),
  storesValue: true,
  computed: false,
  compareAs: 'number',
  groupBy: ['value'],
  aggregates: ['count', 'countDistinct', 'avg', 'min', 'max'],
  publicFill: true,
  bulkSet: 'number',
  chosen: true,
  definitionSchema: definition({ lowLabel: labelSchema, highLabel: labelSchema }),
  valueSchema: (): JsonSchema => ({ type: 'integer', minimum: 0, maximum: 10 }),
  normalize: (_field, input) => normalizeNps(input),
  toText: (_field, value) => (value === null || value === undefined ? '' : String(value)),
  fromText: (_field, text) => normalizeNps(text),
  widget: (field) => ({ widget: 'nps', options: { lowLabel: field.lowLabel, highLabel: field.highLabel } }),
});
