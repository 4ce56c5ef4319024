/**
 * A stored value as text for the grid and read-only pages, in the UI language: option labels from the
 * field's options, money with exact decimals (the value is a decimal string, never a float), datetimes in
 * the field's time zone. Each type's input widget arrives with form filling; this is only the reading side.
 */
import { fieldTypes, hasRegionTable, regionByCode, valueTypeOf } from '@forecourt/schemas';
import type { TFunction } from 'i18next';
import type { FieldDef, Label } from '../api/types';
import { labelText } from '../i18n/label';
import type { NameOf } from './names';

interface OptionDef {
  value: string;
  label: Label;
}

/** Types that hold no value (layout) or that the record's own columns show. */
const NOT_SHOWN = new Set([
  'divider',
  'description',
  'createdBy',
  'createdAt',
  'updatedBy',
  'updatedAt',
  'flowState',
]);

export function shownFields(fields: readonly FieldDef[]): FieldDef[] {
  return fields.filter((field) => !field.hidden && !NOT_SHOWN.has(field.type));
}

const CURRENCY: Record<string, string> = { CNY: '¥', USD: '$', EUR: '€', HKD: 'HK$' };

/** "-1234.50" → "-¥1,234.50", grouping the digits of the string itself so no decimal is lost. */
export function moneyText(value: unknown, currency = 'CNY'): string {
  const text = String(value);
  const match = /^(-?)(\d+)(\.\d+)?$/.exec(text);
  if (!match) return text;
  const [, sign, whole, fraction = ''] = match;
  return `${sign}${CURRENCY[currency] ?? `${currency} `}${whole!.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}${fraction}`;
}

function dateTimeText(value: string, timeZone: string, language: string): string {
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

/** Stored ids as names where known (people, departments, related records' titles), else as ids. */
function names(field: FieldDef, value: unknown, language: string, nameOf?: NameOf): string {
  const ids = (Array.isArray(value) ? value : [value]).map(String);
  return ids.map((id) => nameOf?.(field, id) ?? id).join(language === 'en' ? ', ' : '、');
}

/** The type a computed field's value has (formula, lookup and rollup declare it). */
const valueType = valueTypeOf;

export function valueText(
  field: FieldDef,
  value: unknown,
  language: string,
  t: TFunction,
  /** Names for the ids member, department and relation fields hold (`useNames`); ids without it. */
  nameOf?: NameOf,
): string {
  if (value === null || value === undefined || value === '') return '';
  const options = (field.options ?? []) as OptionDef[];
  const option = (v: unknown) => {
    const found = options.find((o) => o.value === v);
    return found ? labelText(found.label, language) : String(v);
  };
  switch (valueType(field)) {
    case 'money':
      return moneyText(value, typeof field.currency === 'string' ? field.currency : 'CNY');
    case 'percent':
      return typeof value === 'number' ? `${Number((value * 100).toPrecision(12))}%` : String(value);
    case 'datetime':
      return dateTimeText(String(value), String(field.timeZone ?? 'Asia/Shanghai'), language);
    case 'boolean':
      return value === true ? t('value.yes') : t('value.no');
    case 'select':
      return option(value);
    case 'multiselect':
      return Array.isArray(value) ? value.map(option).join(language === 'en' ? ', ' : '、') : String(value);
    case 'subform':
      return Array.isArray(value) ? t('value.rows', { count: value.length }) : '';
    case 'attachment':
    case 'image':
      return Array.isArray(value) ? value.map((file) => String(file?.name ?? '')).join(', ') : '';
    case 'signature':
      return t('value.signed');
    case 'address': {
      // Regions are stored as codes; their names once the table is loaded (useNames loads it).
      const a = value as Record<string, string | undefined>;
      const region = (code: string | undefined) =>
        code && hasRegionTable() ? (regionByCode(code)?.name ?? code) : code;
      return [region(a.province), region(a.city), region(a.district), a.detail].filter(Boolean).join(' ');
    }
    case 'location': {
      const l = value as { lat?: number; lng?: number; address?: string };
      return l.address ?? `${l.lng},${l.lat}`;
    }
    case 'member':
    case 'department':
    case 'relation':
      return names(field, value, language, nameOf);
    default: {
      // A type that words its values for people (a mileage's "12,345 km") says so itself.
      const type = valueType(field);
      const shown = fieldTypes.get(type)?.displayText;
      if (shown) return shown({ ...field, type }, value, language);
      return Array.isArray(value) ? value.map(String).join(', ') : String(value);
    }
  }
}
