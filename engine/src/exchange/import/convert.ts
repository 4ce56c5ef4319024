import { type FieldContext, type FieldDef, type FormDefinition, fieldType } from '@forecourt/schemas';
import type { ColumnMapping } from './mapping';
import type { ProblemList } from './problems';
import type { SheetRow } from './read-sheet';

/** A column of the file and the field it fills. */
export interface MappedColumn {
  index: number;
  header: string;
  field: FieldDef;
}

export function mappedColumns(
  definition: FormDefinition,
  headers: string[],
  mapping: ColumnMapping,
): MappedColumn[] {
  const fields = new Map(definition.fields.map((f) => [f.id, f]));
  return Object.entries(mapping).flatMap(([index, fieldId]) => {
    const field = fields.get(fieldId);
    return field ? [{ index: Number(index), header: headers[Number(index)] ?? '', field }] : [];
  });
}

/** One row as pipeline input; `badFields` are the cells that did not convert (left out of `input`). */
export interface ConvertedRow {
  row: number;
  input: Record<string, unknown>;
  badFields: Set<string>;
}

/**
 * Each mapped cell through its field type's `fromText` (the same conversion type changes use). An
 * empty cell is null: it clears the field of a record the row updates; a new record leaves it out, so
 * the field's default applies.
 */
export function convertRow(
  columns: MappedColumn[],
  { row, cells }: SheetRow,
  context: FieldContext,
  problems: ProblemList,
): ConvertedRow {
  const input: Record<string, unknown> = {};
  const badFields = new Set<string>();
  for (const { index, header, field } of columns) {
    const result = fieldType(field.type).fromText(field, cells[index] ?? '', context);
    if (result.ok) input[field.id] = result.value;
    else {
      badFields.add(field.id);
      problems.add({ row, column: header, field: field.id, message: result.message });
    }
  }
  return { row, input, badFields };
}

/** The input for a new record: empty cells left out, so defaults apply. */
export function withoutEmpty(input: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(input).filter(([, value]) => value !== null));
}
