/**
 * Numbers, amounts and percentages. Amounts stay decimal text end to end (antd's string mode): "0.10" +
 * "0.20" is never 0.30000000000000004 and a price of 12345678901234.56 keeps its cents.
 */
import { CURRENCY_SYMBOLS, percentText } from '@forecourt/schemas';
import { InputNumber } from 'antd';
import type { FieldWidget, WidgetProps } from '../types';

function NumberInput({ field, id, value, onChange, readOnly, invalid }: WidgetProps<number>) {
  const precision = typeof field.precision === 'number' ? field.precision : 2;
  return (
    <InputNumber<number>
      id={id}
      className="fill-number"
      value={value ?? null}
      precision={precision}
      min={typeof field.min === 'number' ? field.min : undefined}
      max={typeof field.max === 'number' ? field.max : undefined}
      suffix={typeof field.unit === 'string' ? field.unit : undefined}
      inputMode="decimal"
      readOnly={readOnly}
      status={invalid ? 'error' : undefined}
      onChange={(next) => onChange(typeof next === 'number' && Number.isFinite(next) ? next : null)}
    />
  );
}

function MoneyInput({ field, id, value, onChange, readOnly, invalid }: WidgetProps<string>) {
  const scale = typeof field.scale === 'number' ? field.scale : 2;
  const currency = typeof field.currency === 'string' ? field.currency : 'CNY';
  return (
    <InputNumber<string>
      id={id}
      className="fill-number"
      stringMode
      value={value ?? null}
      precision={scale}
      prefix={CURRENCY_SYMBOLS[currency] ?? currency}
      inputMode="decimal"
      readOnly={readOnly}
      status={invalid ? 'error' : undefined}
      onChange={(next) => onChange(next === null || next === '' ? null : String(next))}
    />
  );
}

/** Shown as 15.25 with a % sign, stored as the fraction 0.1525; the shift is done on the decimal text. */
function PercentInput({ field, id, value, onChange, readOnly, invalid }: WidgetProps<number>) {
  const precision = typeof field.precision === 'number' ? field.precision : 2;
  const shown = typeof value === 'number' ? percentText(value).replace('%', '') : null;
  return (
    <InputNumber<string>
      id={id}
      className="fill-number"
      stringMode
      value={shown}
      precision={precision}
      suffix="%"
      inputMode="decimal"
      readOnly={readOnly}
      status={invalid ? 'error' : undefined}
      onChange={(next) => onChange(next === null || next === '' ? null : fraction(String(next)))}
    />
  );
}

/** "15.25" (percent) → 0.1525 without multiplying floats. */
function fraction(percent: string): number | null {
  const match = /^(-?)(\d*)(?:\.(\d*))?$/.exec(percent);
  if (!match) return null;
  const [, sign = '', whole = '', decimals = ''] = match;
  const digits = `${whole.padStart(3, '0')}${decimals}`;
  const text = `${sign}${digits.slice(0, -2 - decimals.length) || '0'}.${digits.slice(-2 - decimals.length)}`;
  const number = Number(text);
  return Number.isFinite(number) ? number : null;
}

export const numberWidgets: Record<string, FieldWidget> = {
  number: { Component: NumberInput as FieldWidget['Component'] },
  money: { Component: MoneyInput as FieldWidget['Component'] },
  percent: { Component: PercentInput as FieldWidget['Component'] },
};
