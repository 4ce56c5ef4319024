import { type FieldDef, type FormDefinition, fieldType } from '@forecourt/schemas';
import { type ErrorDetail, ValidationError } from '../../errors';

/** Which column fills which field: column index (0-based) → field id. */
export type ColumnMapping = Record<number, string>;

/**
 * What the client may send: `{ "<header text or column index>": fieldId }`; a null or empty field id
 * leaves the column out. When sent, it is the whole mapping: unnamed columns are ignored.
 */
export type RequestedMapping = Record<string, string | null>;

/** Why a field cannot take values from a file, or undefined when it can. */
export function notImportable(field: FieldDef): string | undefined {
  const type = fieldType(field.type);
  if (!type.storesValue) return 'is a layout element and holds no value';
  if (type.group === 'system') return 'is maintained by the system';
  if (type.computed) return 'is computed by the server';
  if (field.hidden) return 'is hidden (deleted from the form)';
  return undefined;
}

/**
 * Header text compared loosely: full-width letters and spaces (ＰＡＲＴ　ＮＯ) as half-width, case and
 * white space ignored, and a trailing `*` (the "required" mark of many templates) dropped.
 */
export function headerKey(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/\s+/g, '').replace(/\*+$/, '');
}

/** `名称 [f_name]`: how the exporter disambiguates two fields with the same label. */
const FIELD_ID_SUFFIX = /\[(f_[a-z0-9_]{1,40})\]\s*$/;

/**
 * Matches each header to an importable field: by field id (also as an `[f_id]` suffix), else by the
 * Chinese label, else by the English one. A label two fields share is ambiguous and left unmatched;
 * a field takes the first column that matches it.
 */
export function suggestMapping(definition: FormDefinition, headers: string[]): ColumnMapping {
  const fields = definition.fields.filter((f) => !notImportable(f));
  const byKey = new Map<string, FieldDef[]>();
  const add = (key: string, field: FieldDef) => byKey.set(key, [...(byKey.get(key) ?? []), field]);
  for (const field of fields) {
    add(`zh:${headerKey(field.label.zh)}`, field);
    add(`en:${headerKey(field.label.en)}`, field);
  }
  const ids = new Map(fields.map((f) => [f.id, f]));
  const mapping: ColumnMapping = {};
  const taken = new Set<string>();
  headers.forEach((header, index) => {
    const key = headerKey(header);
    const id = header.match(FIELD_ID_SUFFIX)?.[1] ?? header.trim();
    const candidates = ids.has(id)
      ? [ids.get(id)!]
      : (unique(byKey.get(`zh:${key}`)) ?? unique(byKey.get(`en:${key}`)) ?? []);
    const field = candidates[0];
    if (field && !taken.has(field.id)) {
      mapping[index] = field.id;
      taken.add(field.id);
    }
  });
  return mapping;
}

function unique(fields: FieldDef[] | undefined): FieldDef[] | undefined {
  return fields?.length === 1 ? fields : undefined;
}

/**
 * The mapping to import with: the client's when sent, else the suggestion. Refused with 422 (naming
 * each problem) when a column or field is unknown, a field cannot be imported, two columns fill one
 * field, nothing is mapped, or `upsertBy` is not a mapped unique field.
 */
export function resolveMapping(
  definition: FormDefinition,
  headers: string[],
  requested: RequestedMapping | undefined,
  upsertBy?: string | null,
): ColumnMapping {
  const problems: ErrorDetail[] = [];
  let mapping: ColumnMapping = {};
  if (!requested) mapping = suggestMapping(definition, headers);
  else {
    const fields = new Map(definition.fields.map((f) => [f.id, f]));
    const filled = new Map<string, string>();
    for (const [key, fieldId] of Object.entries(requested)) {
      const path = `/mapping/${key.replaceAll('~', '~0').replaceAll('/', '~1')}`;
      const index = columnOf(headers, key);
      if (typeof index === 'string') {
        problems.push({ path, message: index });
        continue;
      }
      if (fieldId === null || fieldId === '') continue;
      const field = fields.get(fieldId);
      const why = field ? notImportable(field) : 'is not a field of this form';
      if (why) problems.push({ path, message: `${fieldId} ${why}; it cannot be imported.` });
      else if (filled.has(fieldId))
        problems.push({ path, message: `${fieldId} is already filled from column ${filled.get(fieldId)}.` });
      else {
        filled.set(fieldId, key);
        mapping[index] = fieldId;
      }
    }
  }
  if (!problems.length && Object.keys(mapping).length === 0) {
    problems.push({
      path: '/mapping',
      message: 'No column matches a field of this form: name the columns by field label, or send a mapping.',
    });
  }
  if (upsertBy) {
    const field = definition.fields.find((f) => f.id === upsertBy);
    if (!field?.unique) problems.push({ path: '/upsertBy', message: 'Choose a field marked unique.' });
    else if (!Object.values(mapping).includes(upsertBy))
      problems.push({ path: '/upsertBy', message: 'No column of the file fills this field.' });
  }
  if (problems.length) throw new ValidationError('The columns cannot be imported like this.', problems);
  return mapping;
}

/** A header names its column; failing that, digits are a 0-based column index. */
function columnOf(headers: string[], key: string): number | string {
  const matches = headers.flatMap((header, index) => (header === key.trim() ? [index] : []));
  if (matches.length === 1) return matches[0]!;
  if (matches.length > 1) return `Several columns are headed "${key}"; name the column by its index.`;
  if (/^\d+$/.test(key) && Number(key) < headers.length) return Number(key);
  return 'The file has no such column.';
}
