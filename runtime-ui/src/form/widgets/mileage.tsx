/** The odometer reading: whole kilometres, shown grouped (12,345) with its unit, never negative. */
import { MAX_MILEAGE } from '@forecourt/schemas';
import { InputNumber } from 'antd';
import { useTranslation } from 'react-i18next';
import type { FieldWidget, WidgetProps } from '../types';

const grouped = (value: number | string | undefined) =>
  value === undefined || value === '' ? '' : String(value).replace(/\B(?=(\d{3})+(?!\d))/g, ',');

/** Only the digits of what was typed ("12,345 km" → 12345); nothing typed reads as no number. */
const digits = (text: string | undefined) => {
  const only = (text ?? '').replace(/[^\d]/g, '');
  return only === '' ? Number.NaN : Number(only);
};

function MileageInput({ id, value, onChange, readOnly, invalid }: WidgetProps<number>) {
  const { i18n } = useTranslation();
  return (
    <InputNumber<number>
      id={id}
      className="fill-number"
      value={value ?? null}
      precision={0}
      min={0}
      max={MAX_MILEAGE}
      formatter={grouped}
      parser={digits}
      suffix={i18n.language.startsWith('zh') ? '公里' : 'km'}
      inputMode="numeric"
      readOnly={readOnly}
      status={invalid ? 'error' : undefined}
      onChange={(next) => onChange(typeof next === 'number' && Number.isFinite(next) ? next : null)}
    />
  );
}

export const mileageWidgets: Record<string, FieldWidget> = {
  mileage: { Component: MileageInput as FieldWidget['Component'] },
};
