import { filterKind } from '@forecourt/schemas';
import { DatePicker, Input, InputNumber, Select, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { FieldDef, Label } from '../../api/types';
import { useLabel } from '../../i18n/label';
import { isPercent, sentNumber, shownNumber } from './numberValue';
import type { ValueWidget } from './operators';

interface Props {
  field: FieldDef;
  widget: ValueWidget;
  value: unknown;
  onChange(value: unknown): void;
  /** The accessible name of the input ("value of condition 2"). */
  ariaLabel: string;
}

/**
 * The value of one condition, entered as its field's kind needs: text, a number, a date (a date field
 * compares `YYYY-MM-DD`; a date-time the instant the day starts), a date and time (bulk edit), a range,
 * days, options, yes/no. Numbers are decimal strings; a percent is typed as 15 and sent as "0.15".
 */
export function ValueInput({ field, widget, value, onChange, ariaLabel }: Props) {
  const { t } = useTranslation();
  const label = useLabel();
  const options = ((field.options ?? []) as { value: string; label: Label }[]).map((o) => ({
    value: o.value,
    label: label(o.label),
  }));
  const dateValue = (d: Dayjs | null) =>
    d ? (filterKind(field) === 'date' ? d.format('YYYY-MM-DD') : d.startOf('day').toISOString()) : undefined;
  const asDay = (v: unknown) => (typeof v === 'string' && v ? dayjs(v) : null);
  const pair = Array.isArray(value) ? value : [undefined, undefined];
  // Decimal strings in and out (stringMode), so money and percents are never floats; see numberValue.ts.
  const numberProps = {
    stringMode: true,
    ...(isPercent(field) ? { suffix: '%' } : {}),
  } as const;

  switch (widget) {
    case 'none':
      return null;
    case 'number':
      return (
        <InputNumber
          aria-label={ariaLabel}
          {...numberProps}
          value={shownNumber(field, value)}
          onChange={(v) => onChange(sentNumber(field, v))}
          className="filter-value"
        />
      );
    case 'numberRange':
      return (
        <Space.Compact className="filter-value">
          {[0, 1].map((i) => (
            <InputNumber
              key={i}
              aria-label={`${ariaLabel} ${i === 0 ? t('grid.filter.from') : t('grid.filter.to')}`}
              placeholder={i === 0 ? t('grid.filter.from') : t('grid.filter.to')}
              {...numberProps}
              value={shownNumber(field, pair[i])}
              onChange={(v) => {
                const sent = sentNumber(field, v);
                onChange(i === 0 ? [sent, pair[1]] : [pair[0], sent]);
              }}
            />
          ))}
        </Space.Compact>
      );
    case 'date':
      return (
        <DatePicker
          aria-label={ariaLabel}
          value={asDay(value)}
          onChange={(d) => onChange(dateValue(d))}
          className="filter-value"
        />
      );
    case 'datetime':
      // Setting a date-time sets an instant the user picks, not the local midnight of a day.
      return (
        <DatePicker
          aria-label={ariaLabel}
          showTime={{ format: 'HH:mm' }}
          format="YYYY-MM-DD HH:mm"
          value={asDay(value)}
          onChange={(d) => onChange(d ? d.second(0).millisecond(0).toISOString() : undefined)}
          className="filter-value"
        />
      );
    case 'dateRange':
      return (
        <DatePicker.RangePicker
          aria-label={ariaLabel}
          value={[asDay(pair[0]), asDay(pair[1])]}
          onChange={(range) => onChange(range ? [dateValue(range[0]), dateValue(range[1])] : undefined)}
          className="filter-value"
        />
      );
    case 'days':
      return (
        <InputNumber
          aria-label={ariaLabel}
          min={1}
          max={3660}
          precision={0}
          suffix={t('grid.filter.days')}
          value={typeof value === 'number' ? value : null}
          onChange={(v) => onChange(v ?? undefined)}
          className="filter-value"
        />
      );
    case 'option':
    case 'options':
      return (
        <Select
          aria-label={ariaLabel}
          mode={widget === 'options' ? 'multiple' : undefined}
          options={options}
          value={value as string | string[] | undefined}
          onChange={(v) => onChange(v)}
          className="filter-value"
          popupMatchSelectWidth={false}
        />
      );
    case 'boolean':
      return (
        <Select
          aria-label={ariaLabel}
          options={[
            { value: 'true', label: t('grid.filter.yes') },
            { value: 'false', label: t('grid.filter.no') },
          ]}
          value={typeof value === 'boolean' ? String(value) : undefined}
          onChange={(v) => onChange(v === 'true')}
          className="filter-value"
        />
      );
    default:
      return (
        <Input
          aria-label={ariaLabel}
          value={typeof value === 'string' ? value : ''}
          onChange={(e) => onChange(e.target.value)}
          className="filter-value"
          allowClear
        />
      );
  }
}
