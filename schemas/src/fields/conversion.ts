import type { Conversion, FieldContext, FieldDef, FieldType, Label } from './contract';

/** The zone dealerships work in; dates typed without a zone are read in it. */
export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

export function ok<V>(value: V | null): Conversion<V> {
  return { ok: true, value };
}

export function fail<V = never>(message: string): Conversion<V> {
  return { ok: false, message };
}

/** A context for callers that have none (the designer's preview, tests): now, in Shanghai. */
export function defaultFieldContext(now: Date = new Date(), timeZone = DEFAULT_TIME_ZONE): FieldContext {
  return { now, timeZone };
}

/** null, undefined and blank text all mean "no value", whatever the type. */
export function isBlank(input: unknown): boolean {
  return input === null || input === undefined || (typeof input === 'string' && input.trim() === '');
}

export function label(zh: string, en: string): Label {
  return { zh, en };
}

/** Reads an optional numeric definition property, falling back when absent or malformed. */
export function numberProp(field: FieldDef, name: string, fallback: number): number {
  const value = field[name];
  return typeof value === 'number' && Number.isFinite(value) ? value : fallback;
}

export function optionalNumberProp(field: FieldDef, name: string): number | undefined {
  const value = field[name];
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

export function stringProp(field: FieldDef, name: string): string | undefined {
  const value = field[name];
  return typeof value === 'string' ? value : undefined;
}

export function booleanProp(field: FieldDef, name: string, fallback: boolean): boolean {
  const value = field[name];
  return typeof value === 'boolean' ? value : fallback;
}

/** Full-width letters, digits and punctuation (typed with a Chinese IME) become their ASCII forms. */
export function toHalfWidth(text: string): string {
  return text
    .replace(/[\uff01-\uff5e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/\u3000/g, ' ');
}

/** Length as users and JSON Schema count it: code points, so 京 and 😀 are one each. */
export function textLength(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}

/** Ids made by the engine, e.g. `usr_4k9x2m7q1c8d5t3v`, `rec_…`. */
export const ENTITY_ID_PATTERN = '^[a-z]{2,10}_[0-9a-z]{4,40}$';
const ENTITY_ID = new RegExp(ENTITY_ID_PATTERN);

export function isEntityId(value: unknown): value is string {
  return typeof value === 'string' && ENTITY_ID.test(value);
}

/** Field ids: `f_` then lowercase letters, digits and underscores. */
export const FIELD_ID_PATTERN = '^f_[a-z0-9_]{1,40}$';

/** Id of an uploaded file, as the file store hands it out. */
export const FILE_ID_PATTERN = '^[A-Za-z0-9_-]{1,64}$';

/** Identity, so each type module gets its value type checked against the contract. */
export function defineFieldType<V>(type: FieldType<V>): FieldType<V> {
  return type;
}
