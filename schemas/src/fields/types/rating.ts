import type { Conversion, FieldDef, JsonSchema } from '../contract';
import { defineFieldType, fail, isBlank, label, numberProp, ok, toHalfWidth } from '../conversion';
import { definition, integerSchema } from '../schema-parts';

export function ratingMax(field: FieldDef): number {
  return Math.min(10, Math.max(3, Math.trunc(numberProp(field, 'max', 5))));
}

/** Reads 4, "4", "4/5", "4 星" or "★★★★☆". */
function readStars(input: unknown): number | null {
  if (typeof input === 'number') return input;
  if (typeof input !== 'string') return null;
  const text = toHalfWidth(input).trim();
  if (/^[★☆]+$/.test(text)) return [...text].filter((c) => c === '★').length;
  const match = /^(\d+)\s*(?:\/\s*\d+|星|stars?)?$/i.exec(text);
  return match ? Number(match[1]) : null;
}

export function normalizeRating(field: FieldDef, input: unknown): Conversion<number> {
  if (isBlank(input)) return ok(null);
  const max = ratingMax(field);
  const stars = readStars(input);
  if (stars === null || !Number.isInteger(stars) || stars < 1 || stars > max)
    return fail(`Give a whole number of stars from 1 to ${max}.`);
  return ok(stars);
}

export const ratingType = defineFieldType<number>({
  type: 'rating',
  group: 'choice',
  label: label('评分', 'Rating'),
  storesValue: true,
  computed: false,
  compareAs: 'number',
  groupBy: ['value'],
  aggregates: ['count', 'countDistinct', 'avg', 'min', 'max'],
  publicFill: true,
  bulkSet: 'number',
  chosen: true,
  definitionSchema: definition({ max: integerSchema(3, 10) }),
  valueSchema: (field): JsonSchema => ({ type: 'integer', minimum: 1, maximum: ratingMax(field) }),
  normalize: (field, input) => normalizeRating(field, input),
  toText: (_field, value) => (value === null || value === undefined ? '' : String(value)),
  fromText: (field, text) => normalizeRating(field, text),
  widget: (field) => ({ widget: 'rating', options: { max: ratingMax(field) } }),
});
