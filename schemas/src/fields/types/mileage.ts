import type { Conversion, FieldDef, JsonSchema } from '../contract';
import { defineFieldType, fail, isBlank, label, ok, stringProp, toHalfWidth } from '../conversion';
import { definition, fieldIdSchema } from '../schema-parts';

/** No odometer shows more than seven digits of kilometres. */
export const MAX_MILEAGE = 9_999_999;

/** "12,345 km", "１２３４５公里", " 12345 " → 12345; units and grouping commas are read, decimals refused. */
export function normalizeMileage(input: unknown): Conversion<number> {
  if (isBlank(input)) return ok(null);
  let km: number;
  if (typeof input === 'number') km = input;
  else if (typeof input === 'string') {
    const text = toHalfWidth(input)
      .replace(/[\s,，]/g, '')
      .replace(/(km|公里|千米)$/i, '');
    km = /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : Number.NaN;
  } else km = Number.NaN;
  if (!Number.isFinite(km)) return fail('Enter the mileage in kilometres.');
  if (km < 0) return fail('Mileage cannot be negative.');
  if (!Number.isInteger(km)) return fail('Enter whole kilometres.');
  if (km > MAX_MILEAGE) return fail(`Enter at most ${MAX_MILEAGE} km.`);
  return ok(km);
}

/** 12345 → "12,345 km" (English) or "12,345 公里" (Chinese). */
export function mileageText(value: number, language = 'en'): string {
  const grouped = String(Math.trunc(value)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${grouped} ${language.startsWith('zh') ? '公里' : 'km'}`;
}

/** The reading a value may not fall below: the number (or largest of the numbers) in the `notBelow` field. */
function floorOf(field: FieldDef, data: Readonly<Record<string, unknown>>): number | undefined {
  const source = stringProp(field, 'notBelow');
  const held = source === undefined ? undefined : data[source];
  const readings = (Array.isArray(held) ? held : [held]).filter(
    (v): v is number => typeof v === 'number' && Number.isFinite(v),
  );
  return readings.length ? Math.max(...readings) : undefined;
}

/**
 * The odometer reading of a vehicle (里程), in whole kilometres. `notBelow` names another field of the
 * form, usually a lookup of the vehicle's last reading through its relation: a record whose mileage is
 * lower than that is refused with `field.mileage_below_last`, so a typing slip never winds a car back.
 */
export const mileageType = defineFieldType<number>({
  type: 'mileage',
  group: 'advanced',
  label: label('里程', 'Mileage'),
  storesValue: true,
  computed: false,
  compareAs: 'number',
  // Readings are summed and compared, not grouped: a group per reading says nothing.
  groupBy: [],
  aggregates: ['count', 'countDistinct', 'sum', 'avg', 'min', 'max'],
  publicFill: true,
  bulkSet: 'number',
  definitionSchema: definition({ notBelow: fieldIdSchema }),
  checkDefinition: (field) =>
    field.notBelow !== undefined && field.notBelow === field.id ? ['A mileage cannot be its own floor.'] : [],
  valueSchema: (): JsonSchema => ({ type: 'integer', minimum: 0, maximum: MAX_MILEAGE }),
  normalize: (_field, input) => normalizeMileage(input),
  checkRecord(field, value, data) {
    const floor = floorOf(field, data);
    if (floor === undefined || value >= floor) return undefined;
    return {
      message: `The mileage is lower than the vehicle's last reading (${mileageText(floor)}).`,
      code: 'field.mileage_below_last',
      params: { floor, field: field.notBelow },
    };
  },
  toText: (_field, value) => (value === null || value === undefined ? '' : String(value)),
  fromText: (_field, text) => normalizeMileage(text),
  displayText: (_field, value, { language }) =>
    typeof value === 'number' ? mileageText(value, language) : String(value),
  widget: () => ({ widget: 'mileage', options: { unit: 'km' } }),
});
