import { type FieldDef, fieldType } from '@forecourt/schemas';
import type { ErrorDetail } from '../errors';

/**
 * Which fields an anonymous person meets through a public link. People fields would list the
 * organisation's users and departments, relations and lookups would read other forms, files need an
 * account to upload, and system fields describe who inside handled the record: none of them is
 * shown. Computed fields (formulas, serials) stay, so a booking shows its total.
 */
function shownPublicly(field: FieldDef): boolean {
  return !field.hidden && fieldType(field.type).publicFill;
}

function columnsOf(field: FieldDef): FieldDef[] {
  return Array.isArray(field.fields) ? (field.fields as FieldDef[]) : [];
}

/** The fields a fill link could show, a table keeping only its public columns (see fill-fields.ts). */
export function publicFields(fields: FieldDef[]): FieldDef[] {
  return fields
    .filter(shownPublicly)
    .map((field) =>
      field.type === 'subform' ? { ...field, fields: publicFields(columnsOf(field)) } : field,
    );
}

/** A field a person types a value into (not computed, not read-only, not a layout element). */
function fillable(field: FieldDef): boolean {
  const type = fieldType(field.type);
  return type.storesValue && !type.computed && field.readOnly !== true;
}

/**
 * The keys of a public submission that are not fillable fields of the fill definition (the link's
 * listed fields as its page shows them), each with its path (`/f_x`, `/f_lines/0/f_part`), as the records API names paths. Anything an anonymous
 * person cannot see is refused rather than silently dropped, so a tampered form never half-works.
 */
export function unfillableKeys(fields: FieldDef[], input: Record<string, unknown>, base = ''): ErrorDetail[] {
  const byId = new Map(fields.map((f) => [f.id, f]));
  const issues: ErrorDetail[] = [];
  for (const [key, value] of Object.entries(input)) {
    const field = byId.get(key);
    const path = `${base}/${key}`;
    if (!field) {
      issues.push({
        path,
        message: 'This field cannot be filled through this link.',
        code: 'public_link.field_not_listed',
        params: { field: key },
      });
    } else if (!fillable(field)) {
      issues.push({
        path,
        message: 'This field is computed or read-only; it takes no value.',
        code: 'public_link.field_read_only',
        params: { field: key },
      });
    } else if (field.type === 'subform' && Array.isArray(value)) {
      const columns = columnsOf(field);
      for (const [index, row] of value.entries()) {
        if (typeof row !== 'object' || row === null || Array.isArray(row)) continue; // the pipeline names it
        const { _id, ...cells } = row as Record<string, unknown>;
        issues.push(...unfillableKeys(columns, cells, `${base}/${key}/${index}`));
      }
    }
  }
  return issues;
}

/**
 * Whether a field may be asked for or shown by a query link: a live top-level field that holds a
 * value. Query fields must also compare as one text (`data->>'f'`), which excludes tables.
 */
export function queryableIssue(field: FieldDef | undefined, role: 'query' | 'result'): string | undefined {
  if (!field) return 'There is no such field in the published form.';
  if (field.hidden) return 'This field has been deleted from the form.';
  const type = fieldType(field.type);
  if (!type.storesValue || type.group === 'system') return 'This field holds no value of its own.';
  if (role === 'query' && (field.type === 'subform' || type.group === 'media'))
    return 'A table or a file cannot be matched exactly.';
  return undefined;
}
