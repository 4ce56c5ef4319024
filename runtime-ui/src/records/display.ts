/**
 * A stored value as text for the grid and read-only pages, in the UI language. Each field type words its
 * own values (`displayText` in its schemas module: option labels, money with exact decimals, datetimes in
 * the field's time zone, "12,345 km"); this module gives it the UI's words and the names of ids.
 */
import { type DisplayContext, type DisplayWord, fieldTypes, valueTypeOf } from '@forecourt/schemas';
import type { TFunction } from 'i18next';
import type { FieldDef } from '../api/types';
import type { NameOf } from './names';

/** Fields a record page lists: not layout (it holds no value), not system fields (the record's own columns). */
export function shownFields(fields: readonly FieldDef[]): FieldDef[] {
  return fields.filter((field) => {
    const type = fieldTypes.get(field.type);
    return !field.hidden && type?.storesValue !== false && type?.group !== 'system';
  });
}

/** Each word a type may use, from the locale files (literal keys, so the locale check sees them). */
const WORDS: Record<DisplayWord, (t: TFunction, count?: number) => string> = {
  yes: (t) => t('value.yes'),
  no: (t) => t('value.no'),
  signed: (t) => t('value.signed'),
  rows: (t, count) => t('value.rows', { count: count ?? 0 }),
};

export function valueText(
  field: FieldDef,
  value: unknown,
  language: string,
  t: TFunction,
  /** Names for the ids member, department and relation fields hold (`useNames`); ids without it. */
  nameOf?: NameOf,
): string {
  if (value === null || value === undefined || value === '') return '';
  // A formula, lookup or rollup shows its value as a field of its result type would.
  const valueType = valueTypeOf(field);
  const type = fieldTypes.get(valueType);
  const shown = valueType === field.type ? field : { ...field, type: valueType };
  const context: DisplayContext = {
    language,
    word: (word, count) => WORDS[word](t, count),
    ...(nameOf ? { nameOf: (id: string) => nameOf(field, id) } : {}),
  };
  const one = (item: unknown) => (type?.displayText ? type.displayText(shown, item, context) : String(item));
  // A computed value that is a list (a lookup through a multiple relation) shows each of its values.
  if (Array.isArray(value) && (valueType !== field.type || !type?.displayText))
    return value.map(one).join(', ');
  return one(value);
}
