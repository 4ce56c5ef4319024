import type { Conversion, FieldContext, FieldDef, JsonSchema } from '../contract';
import { DEFAULT_TIME_ZONE, defineFieldType, fail, isBlank, label, ok, stringProp } from '../conversion';
import {
  DATE_BUCKETS,
  formatDate,
  formatInstant,
  formatOffset,
  instantToZoned,
  isValidTimeZone,
  parseDateTime,
  parsedToInstant,
  zoneOffsetMinutes,
} from '../dates';
import { definition } from '../schema-parts';

/** Fixed width so stored values sort and compare as text. */
export const DATETIME_PATTERN = '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\\.[0-9]{3}Z$';
const MESSAGE = 'Enter a date and time such as 2026-03-01 08:30.';

/** ISO text with an offset is exact; text without one is read in the context zone; numbers are epoch ms. */
export function normalizeDateTime(
  _field: FieldDef,
  input: unknown,
  context: FieldContext,
): Conversion<string> {
  if (isBlank(input)) return ok(null);
  let epochMs: number | null = null;
  if (typeof input === 'number') epochMs = Number.isFinite(input) ? input : null;
  else if (typeof input === 'string') {
    const parsed = parseDateTime(input);
    if (parsed) epochMs = parsedToInstant(parsed, context.timeZone || DEFAULT_TIME_ZONE);
  }
  const stored = epochMs === null ? null : formatInstant(epochMs);
  return stored === null ? fail(MESSAGE) : ok(stored);
}

/** The zone values are shown in (export, display); the field's own or Shanghai. */
export function displayZone(field: FieldDef): string {
  const zone = stringProp(field, 'timeZone');
  return zone && isValidTimeZone(zone) ? zone : DEFAULT_TIME_ZONE;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** "2026-03-01 08:00:00+08:00": local wall time with its offset, so it reads naturally and round-trips. */
export function dateTimeText(value: string, timeZone: string): string {
  const epochMs = Date.parse(value);
  if (Number.isNaN(epochMs)) return value;
  const p = instantToZoned(epochMs, timeZone);
  const fraction = p.millisecond ? `.${pad(p.millisecond, 3)}` : '';
  const offset = formatOffset(zoneOffsetMinutes(epochMs, timeZone));
  return `${formatDate(p)} ${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}${fraction}${offset}`;
}

/** An instant as people read it: date and minute, in the field's zone, in the reader's language. */
export function dateTimeReading(value: string, timeZone: string, language: string): string {
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  return new Intl.DateTimeFormat(language === 'en' ? 'en-GB' : 'zh-CN', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  }).format(date);
}

export const datetimeType = defineFieldType<string>({
  type: 'datetime',
  group: 'basic',
  label: label('日期时间', 'Date and time'),
  storesValue: true,
  computed: false,
  compareAs: 'datetime',
  groupBy: DATE_BUCKETS,
  aggregates: ['count', 'min', 'max'],
  publicFill: true,
  bulkSet: 'datetime',
  chosen: true,
  definitionSchema: definition({
    timeZone: { type: 'string', minLength: 1, maxLength: 64 },
    withSeconds: { type: 'boolean' },
  }),
  checkDefinition(field) {
    const zone = stringProp(field, 'timeZone');
    return zone && !isValidTimeZone(zone) ? [`Unknown time zone "${zone}".`] : [];
  },
  valueSchema: (): JsonSchema => ({ type: 'string', pattern: DATETIME_PATTERN, format: 'date-time' }),
  normalize: normalizeDateTime,
  toText: (field, value) => (value ? dateTimeText(value, displayZone(field)) : ''),
  fromText: normalizeDateTime,
  displayText: (field, value, { language }) => dateTimeReading(String(value), displayZone(field), language),
  widget: (field) => ({
    widget: 'datetime',
    options: { timeZone: displayZone(field), withSeconds: field.withSeconds === true },
  }),
});
