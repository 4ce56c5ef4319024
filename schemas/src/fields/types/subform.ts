import type {
  Conversion,
  DetailedConversion,
  FieldContext,
  FieldDef,
  FieldIssue,
  FieldType,
  JsonSchema,
} from '../contract';
import { defineFieldType, FIELD_ID_PATTERN, isBlank, label, numberProp } from '../conversion';
import { newRowId, ROW_ID_PATTERN } from '../ids';
import { definition, enumSchema, integerSchema } from '../schema-parts';

/** A table row: the row's stable id and one cell per column; empty cells are left out. */
export type SubformRow = { _id: string } & Record<string, unknown>;

/** Tables hold plain columns: no nested tables, counters, record-level rollups, system or layout fields. */
export const SUBFORM_CHILD_EXCLUDED: ReadonlySet<string> = new Set([
  'subform',
  'serial',
  'rollup',
  'created_by',
  'created_at',
  'updated_by',
  'updated_at',
  'flow_state',
  'divider',
  'description',
]);

const DEFAULT_MAX_ROWS = 200;
const FIELD_ID = new RegExp(FIELD_ID_PATTERN);
const ROW_ID = new RegExp(ROW_ID_PATTERN);

export type ResolveType = (type: string) => FieldType | undefined;

export function subformColumns(field: FieldDef): FieldDef[] {
  const fields = field.fields;
  if (!Array.isArray(fields)) return [];
  return fields.filter(
    (child): child is FieldDef =>
      typeof child === 'object' &&
      child !== null &&
      typeof child.id === 'string' &&
      typeof child.type === 'string',
  );
}

/** A JSON-pointer segment (RFC 6901): ~ and / are escaped. */
export function pointerSegment(key: string | number): string {
  return String(key).replace(/~/g, '~0').replace(/\//g, '~1');
}

/** Column problems, with paths relative to the subform's definition (`/fields/2/id`). */
export function subformDefinitionIssues(field: FieldDef, resolve: ResolveType): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const columns = Array.isArray(field.fields) ? (field.fields as unknown[]) : [];
  if (columns.length === 0) issues.push({ path: '/fields', message: 'A table needs at least one column.' });
  const ids = new Set<string>();
  columns.forEach((child, index) => {
    const path = `/fields/${index}`;
    if (typeof child !== 'object' || child === null) {
      issues.push({ path, message: 'This column is not a field definition.' });
      return;
    }
    const column = child as FieldDef;
    if (typeof column.id !== 'string' || !FIELD_ID.test(column.id))
      issues.push({ path: `${path}/id`, message: 'A field id is f_ then lowercase letters, digits or _.' });
    else if (ids.has(column.id))
      issues.push({ path: `${path}/id`, message: `Two columns have the id ${column.id}.` });
    else ids.add(column.id);
    const type = typeof column.type === 'string' ? resolve(column.type) : undefined;
    if (!type) issues.push({ path: `${path}/type`, message: `Unknown field type "${String(column.type)}".` });
    else if (SUBFORM_CHILD_EXCLUDED.has(type.type))
      issues.push({
        path: `${path}/type`,
        message: `A table cannot have a ${type.label.en.toLowerCase()} column.`,
      });
    else for (const message of type.checkDefinition?.(column) ?? []) issues.push({ path, message });
  });
  const min = numberProp(field, 'minRows', 0);
  const max = numberProp(field, 'maxRows', DEFAULT_MAX_ROWS);
  if (min > max)
    issues.push({ path: '/minRows', message: 'The minimum number of rows is larger than the maximum.' });
  return issues;
}

/** "Row 3, Quantity: Enter a number." from `/2/f_qty`. */
export function describeRowIssue(field: FieldDef, issue: FieldIssue): string {
  const [, row, column] = issue.path.split('/');
  if (row === undefined || row === '') return issue.message;
  const child = subformColumns(field).find((candidate) => candidate.id === column);
  const where = `Row ${Number(row) + 1}${column ? `, ${child?.label?.en ?? column}` : ''}`;
  return `${where}: ${issue.message}`;
}

function normalizeRows(
  field: FieldDef,
  input: unknown,
  context: FieldContext,
  resolve: ResolveType,
): DetailedConversion<SubformRow[]> {
  if (isBlank(input) || (Array.isArray(input) && input.length === 0)) return { ok: true, value: null };
  if (!Array.isArray(input))
    return { ok: false, issues: [{ path: '', message: 'Enter the table as a list of rows.' }] };
  const max = numberProp(field, 'maxRows', DEFAULT_MAX_ROWS);
  if (input.length > max)
    return { ok: false, issues: [{ path: '', message: `A table can have at most ${max} rows.` }] };
  const columns = subformColumns(field);
  const known = new Set(['_id', ...columns.map((column) => column.id)]);
  const issues: FieldIssue[] = [];
  const seen = new Set<string>();
  const rows: SubformRow[] = [];
  input.forEach((raw, index) => {
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
      issues.push({ path: `/${index}`, message: 'This row is not a table row.' });
      return;
    }
    const cells = raw as Record<string, unknown>;
    let id = cells._id;
    if (id !== undefined && id !== null && (typeof id !== 'string' || !ROW_ID.test(id)))
      issues.push({ path: `/${index}/_id`, message: 'This row id is malformed.' });
    // A copied row brings its id along; the copy gets a fresh one so ids stay unique.
    if (typeof id !== 'string' || seen.has(id)) id = newRowId();
    seen.add(id as string);
    const row: SubformRow = { _id: id as string };
    for (const key of Object.keys(cells)) {
      if (!known.has(key))
        issues.push({
          path: `/${index}/${pointerSegment(key)}`,
          message: 'This column is not in the table.',
        });
    }
    for (const column of columns) {
      const type = resolve(column.type);
      if (!type?.storesValue) continue;
      const path = `/${index}/${pointerSegment(column.id)}`;
      const converted = type.normalize(column, cells[column.id], context);
      if (!converted.ok) issues.push({ path, message: converted.message });
      else if (converted.value !== null) row[column.id] = converted.value;
      // Columns shown conditionally are checked by the engine, which evaluates visibleIf.
      else if (column.required === true && !column.visibleIf && !type.computed)
        issues.push({ path, message: 'This is required.' });
    }
    rows.push(row);
  });
  const min = numberProp(field, 'minRows', 0);
  if (rows.length < min) issues.push({ path: '', message: `Add at least ${min} rows.` });
  return issues.length > 0 ? { ok: false, issues } : { ok: true, value: rows };
}

const MAX_MESSAGES = 5;

/**
 * The table type, given the registry to look its columns up in (the registry builds it, which keeps the
 * module graph free of cycles).
 */
export function makeSubformType(resolve: ResolveType): FieldType<SubformRow[]> {
  const normalize = (field: FieldDef, input: unknown, context: FieldContext): Conversion<SubformRow[]> => {
    const result = normalizeRows(field, input, context, resolve);
    if (result.ok) return result;
    const shown = result.issues.slice(0, MAX_MESSAGES).map((issue) => describeRowIssue(field, issue));
    const more = result.issues.length - shown.length;
    return { ok: false, message: `${shown.join(' ')}${more > 0 ? ` (${more} more problems)` : ''}` };
  };
  return defineFieldType<SubformRow[]>({
    type: 'subform',
    group: 'advanced',
    label: label('子表单', 'Table'),
    storesValue: true,
    computed: false,
    compareAs: 'table',
    // Counts records with rows; a rollup sums the rows themselves.
    groupBy: [],
    aggregates: ['count'],
    publicFill: true,
    definitionSchema: definition(
      {
        // Column definitions: the form meta-schema replaces `items` with the union of column types.
        fields: { type: 'array', minItems: 1, maxItems: 100, items: { type: 'object' } },
        minRows: integerSchema(0, 1000),
        maxRows: integerSchema(1, 1000),
        display: enumSchema(['table', 'cards']),
      },
      ['fields'],
    ),
    checkDefinition: (field) =>
      subformDefinitionIssues(field, resolve).map((issue) => `${issue.path}: ${issue.message}`),
    valueSchema(field): JsonSchema {
      const properties: Record<string, JsonSchema> = { _id: { type: 'string', pattern: ROW_ID_PATTERN } };
      for (const column of subformColumns(field)) {
        const type = resolve(column.type);
        if (type?.storesValue) properties[column.id] = type.valueSchema(column);
      }
      return {
        type: 'array',
        minItems: Math.max(1, numberProp(field, 'minRows', 0)),
        maxItems: numberProp(field, 'maxRows', DEFAULT_MAX_ROWS),
        items: { type: 'object', properties, required: ['_id'], additionalProperties: false },
      };
    },
    normalizeDetailed: (field, input, context) => normalizeRows(field, input, context, resolve),
    normalize,
    // Tables travel as JSON in a single cell: exact, and spreadsheets keep it intact.
    toText: (_field, value) => (value && value.length > 0 ? JSON.stringify(value) : ''),
    displayText: (_field, value, { word }) => (Array.isArray(value) ? word('rows', value.length) : ''),
    fromText(field, text, context) {
      if (isBlank(text)) return { ok: true, value: null };
      let rows: unknown;
      try {
        rows = JSON.parse(text);
      } catch {
        return { ok: false, message: 'Import a table as JSON rows, e.g. [{"f_qty": 2}].' };
      }
      return normalize(field, rows, context);
    },
    widget: (field) => ({
      widget: field.display === 'cards' ? 'subform_cards' : 'subform_table',
      options: {
        minRows: numberProp(field, 'minRows', 0),
        maxRows: numberProp(field, 'maxRows', DEFAULT_MAX_ROWS),
      },
    }),
  });
}
