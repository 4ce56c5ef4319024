/**
 * Dates ("2026-03-01") and datetimes (stored UTC, "2026-03-01T00:30:00.000Z"), picked with antd's pickers.
 * A datetime is picked in the field's zone (its `timeZone` setting, else Asia/Shanghai: the zone records
 * show it in, schemas' displayZone), whatever zone the browser is in: the picker works on the wall clock
 * of that zone, converted to and from the stored instant here. Phones pick (no keyboard); desktops may
 * also type. On a phone a datetime is picked in two steps, the day then the time: antd's combined panel
 * is ~520 px wide and would put Monday to Wednesday off a 390 px screen.
 */
import {
  displayZone,
  formatInstant,
  formatOffset,
  instantToZoned,
  zonedToInstant,
  zoneOffsetMinutes,
} from '@forecourt/schemas';
import { DatePicker, Space, TimePicker, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import 'dayjs/locale/zh-cn';
import { useTranslation } from 'react-i18next';
import { useLabel } from '../../i18n/label';
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

function DateTimeInput(props: WidgetProps<string>) {
  const { t } = useTranslation();
  const label = useLabel();
  const { phone } = useFormScope();
  const { field, id, value, onChange, readOnly, invalid } = props;
  const seconds = field.withSeconds === true;
  const zone = displayZone(field);
  const now = Date.now();
  // Named only when it is not the browser's own (an out-of-town laptop, or a field set to another zone).
  const foreign = zoneOffsetMinutes(now, zone) !== zoneOffsetMinutes(now, BROWSER_ZONE);
  const timeFormat = seconds ? 'HH:mm:ss' : 'HH:mm';
  const wallClock = value ? toWallClock(value, zone) : null;
  const change = (moment: Dayjs | null) => onChange(moment ? fromWallClock(moment, zone, seconds) : null);
  const common = {
    disabled: readOnly,
    status: invalid ? ('error' as const) : undefined,
    'aria-describedby': foreign ? `${id}-zone` : undefined,
  };
  return (
    <>
      {phone ? (
        <Space.Compact block className="fill-picker">
          <DatePicker
            {...common}
            id={id}
            className="fill-picker-day"
            format="YYYY-MM-DD"
            value={wallClock}
            inputReadOnly
            placement="bottomLeft"
            // A new day keeps the time already chosen (midnight until one is, as a typed date would).
            onChange={(day: Dayjs | null) =>
              change(
                day
                  ? day
                      .hour(wallClock?.hour() ?? 0)
                      .minute(wallClock?.minute() ?? 0)
                      .second(0)
                  : null,
              )
            }
          />
          <TimePicker
            {...common}
            id={`${id}-time`}
            className="fill-picker-time"
            aria-label={t('fill.timeOf', { field: label(field.label) })}
            format={timeFormat}
            value={wallClock}
            inputReadOnly
            placement="bottomRight"
            needConfirm={false}
            // A time without a day yet lands on today in the field's zone.
            onChange={(time: Dayjs | null) =>
              change(
                time
                  ? (wallClock ?? todayIn(zone)).hour(time.hour()).minute(time.minute()).second(time.second())
                  : null,
              )
            }
          />
        </Space.Compact>
      ) : (
        <DatePicker
          {...common}
          id={id}
          className="fill-picker"
          showTime={{ format: timeFormat }}
          format={`YYYY-MM-DD ${timeFormat}`}
          value={wallClock}
          onChange={change}
        />
      )}
      {foreign && (
        <Typography.Text type="secondary" id={`${id}-zone`} className="fill-zone">
          {t('fill.timeZone', { zone, offset: formatOffset(zoneOffsetMinutes(now, zone)) })}
        </Typography.Text>
      )}
    </>
  );
}

/** Midnight of today in the zone, as the browser-local Dayjs the pickers work on. */
function todayIn(zone: string): Dayjs {
  const p = instantToZoned(Date.now(), zone);
  return dayjs(new Date(p.year, p.month - 1, p.day));
}

export const dateWidgets: Record<string, FieldWidget> = {
  date: { Component: DateInput as FieldWidget['Component'] },
  datetime: { Component: DateTimeInput as FieldWidget['Component'] },
};
