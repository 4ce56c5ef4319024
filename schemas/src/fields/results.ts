import type { Conversion, FieldContext, FieldDef, FieldType, JsonSchema, WidgetHint } from './contract';
import { numberProp } from './conversion';
import { booleanType } from './types/boolean';
import { dateType } from './types/date';
import { datetimeType } from './types/datetime';
import { moneyType, normalizeMoney } from './types/money';
import { numberType } from './types/number';
import { textType } from './types/text';

/**
 * Computed fields (formula, lookup, rollup) hold a value of one of these plain types and are coerced
 * exactly like a field of that type, so a formula in money rounds like a money field.
 */
export const RESULT_TYPES = ['number', 'money', 'text', 'date', 'datetime', 'boolean'] as const;
export type ResultType = (typeof RESULT_TYPES)[number];

/** Computed money is rounded half away from zero to its scale (entered money with extra decimals is refused). */
const computedMoneyType = {
  ...moneyType,
  normalize: (field: FieldDef, input: unknown) => normalizeMoney(field, input, 'round'),
  fromText: (field: FieldDef, text: string) => normalizeMoney(field, text, 'round'),
};

const TYPES: Record<ResultType, FieldType> = {
  number: numberType as FieldType,
  money: computedMoneyType as FieldType,
  text: textType as FieldType,
  date: dateType as FieldType,
  datetime: datetimeType as FieldType,
  boolean: booleanType as FieldType,
};

export function isResultType(value: unknown): value is ResultType {
  return typeof value === 'string' && (RESULT_TYPES as readonly string[]).includes(value);
}

/** Computed text may be longer than a typed line. */
const RESULT_TEXT_MAX = 2000;

/** The plain field the computed one behaves like: `precision` becomes money's `scale`. */
export function resultField(
  field: FieldDef,
  fallback: ResultType = 'number',
): { type: FieldType; def: FieldDef } {
  const resultType = isResultType(field.resultType) ? field.resultType : fallback;
  const def: FieldDef = { id: field.id, type: resultType, label: field.label };
  if (resultType === 'money') def.scale = numberProp(field, 'precision', 2);
  if (resultType === 'number') def.precision = numberProp(field, 'precision', 2);
  if (resultType === 'text') def.maxLength = RESULT_TEXT_MAX;
  if (resultType === 'datetime' && typeof field.timeZone === 'string') def.timeZone = field.timeZone;
  return { type: TYPES[resultType], def };
}

/** valueSchema, normalize, toText and fromText of the result type, for a computed type to spread in. */
export function delegateToResult(pick: (field: FieldDef) => { type: FieldType; def: FieldDef }) {
  return {
    valueSchema(field: FieldDef): JsonSchema {
      const { type, def } = pick(field);
      return type.valueSchema(def);
    },
    normalize(field: FieldDef, input: unknown, context: FieldContext): Conversion<unknown> {
      const { type, def } = pick(field);
      return type.normalize(def, input, context);
    },
    toText(field: FieldDef, value: unknown): string {
      if (value === null || value === undefined) return '';
      const { type, def } = pick(field);
      return type.toText(def, value);
    },
    fromText(field: FieldDef, text: string, context: FieldContext): Conversion<unknown> {
      const { type, def } = pick(field);
      return type.fromText(def, text, context);
    },
    widget(field: FieldDef): WidgetHint {
      const { type, def } = pick(field);
      return { widget: 'computed', options: { display: type.widget(def) } };
    },
  };
}
