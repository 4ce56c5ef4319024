/**
 * Dates ("2026-03-01") and datetimes (stored UTC, "2026-03-01T00:30:00.000Z"), picked with antd's pickers.
 * A datetime is picked in the field's zone (its `timeZone` setting, else Asia/Shanghai: the zone records
 * show it in, schemas' displayZone), whatever zone the browser is in: the picker works on the wall clock
 * of that zone, converted to and from the stored instant here. Phones pick (no keyboard); desktops may
 * also type.
 */
import {
  displayZone,
  formatInstant,
  formatOffset,
  instantToZoned,
  zonedToInstant,
  zoneOffsetMinutes,
} from '@forecourt/schemas';
import { DatePicker, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import 'dayjs/locale/zh-cn';
import { useTranslation } from 'react-i18next';
import { useFormScope } from '../scope';
import type { FieldWidget, WidgetProps } from '../types';

function DateInput({ field, id, value, onChange, readOnly, invalid }: WidgetProps<string>) {
  const { phone } = useFormScope();
  const min = typeof field.min === 'string' ? dayjs(field.min) : undefined;
  const max = typeof field.max === 'string' ? dayjs(field.max) : undefined;
  return (
    <DatePicker
      id={id}
      className="fill-picker"
      value={value ? dayjs(value) : null}
      format="YYYY-MM-DD"
      minDate={min}
      maxDate={max}
      inputReadOnly={phone}
      disabled={readOnly}
      status={invalid ? 'error' : undefined}
      onChange={(day: Dayjs | null) => onChange(day ? day.format('YYYY-MM-DD') : null)}
    />
  );
}

/** The stored instant as a browser-local Dayjs showing the zone's wall clock (what the picker displays). */
function toWallClock(value: string, zone: string): Dayjs | null {
  const epochMs = Date.parse(value);
  if (Number.isNaN(epochMs)) return null;
  const p = instantToZoned(epochMs, zone);
  return dayjs(new Date(p.year, p.month - 1, p.day, p.hour, p.minute, p.second));
}

/** The picker's wall clock read in the zone, as the stored UTC text. */
function fromWallClock(moment: Dayjs, zone: string, seconds: boolean): string | null {
  const parts = {
    year: moment.year(),
    month: moment.month() + 1,
    day: moment.date(),
    hour: moment.hour(),
    minute: moment.minute(),
    second: seconds ? moment.second() : 0,
    millisecond: 0,
  };
  return formatInstant(zonedToInstant(parts, zone));
}

const BROWSER_ZONE = Intl.DateTimeFormat().resolvedOptions().timeZone;

function DateTimeInput({ field, id, value, onChange, readOnly, invalid }: WidgetProps<string>) {
  const { t } = useTranslation();
  const { phone } = useFormScope();
  const seconds = field.withSeconds === true;
  const zone = displayZone(field);
  const now = Date.now();
  // Named only when it is not the browser's own (an out-of-town laptop, or a field set to another zone).
  const foreign = zoneOffsetMinutes(now, zone) !== zoneOffsetMinutes(now, BROWSER_ZONE);
  return (
    <>
      <DatePicker
        id={id}
        className="fill-picker"
        showTime={{ format: seconds ? 'HH:mm:ss' : 'HH:mm' }}
        format={seconds ? 'YYYY-MM-DD HH:mm:ss' : 'YYYY-MM-DD HH:mm'}
        value={value ? toWallClock(value, zone) : null}
        inputReadOnly={phone}
        disabled={readOnly}
        status={invalid ? 'error' : undefined}
        aria-describedby={foreign ? `${id}-zone` : undefined}
        onChange={(moment: Dayjs | null) => onChange(moment ? fromWallClock(moment, zone, seconds) : null)}
      />
      {foreign && (
        <Typography.Text type="secondary" id={`${id}-zone`} className="fill-zone">
          {t('fill.timeZone', { zone, offset: formatOffset(zoneOffsetMinutes(now, zone)) })}
        </Typography.Text>
      )}
    </>
  );
}

export const dateWidgets: Record<string, FieldWidget> = {
  date: { Component: DateInput as FieldWidget['Component'] },
  datetime: { Component: DateTimeInput as FieldWidget['Component'] },
};
