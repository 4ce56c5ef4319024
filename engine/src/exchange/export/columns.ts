import { type FieldDef, type FormDefinition, fieldType } from '@forecourt/schemas';
import { ValidationError } from '../../errors';
import type { RecordView } from '../../records/service';

/** A column of an export: the field and its header. */
export interface ExportColumn {
  field: FieldDef;
  header: string;
}

/**
 * The columns to export: the ones asked for, in that order, or every visible field that holds a value
 * (layout elements and deleted fields left out), in form order. The header is the Chinese label; two
 * fields sharing one get their id appended (`名称 [f_name]`), which the importer recognises, so an
 * exported file always imports back column for column.
 */
export function exportColumns(definition: FormDefinition, wanted?: string[]): ExportColumn[] {
  const exportable = (f: FieldDef) => fieldType(f.type).storesValue && !f.hidden;
  let fields: FieldDef[];
  if (wanted?.length) {
    const byId = new Map(definition.fields.map((f) => [f.id, f]));
    const problems = wanted.flatMap((id, index) => {
      const field = byId.get(id);
      return field && exportable(field)
        ? []
        : [{ path: `/columns/${index}`, message: `${id} is not a field that can be exported.` }];
    });
    if (problems.length) throw new ValidationError('Some columns cannot be exported.', problems);
    fields = [...new Set(wanted)].map((id) => byId.get(id)!);
  } else fields = definition.fields.filter(exportable);
  const counts = new Map<string, number>();
  for (const f of fields) counts.set(f.label.zh, (counts.get(f.label.zh) ?? 0) + 1);
  return fields.map((field) => ({
    field,
    header: counts.get(field.label.zh)! > 1 ? `${field.label.zh} [${field.id}]` : field.label.zh,
  }));
}

/** System fields are not in the record's data: they are its own columns. */
const SYSTEM_VALUES: Record<string, (record: RecordView) => unknown> = {
  created_by: (r) => r.createdBy,
  created_at: (r) => r.createdAt,
  updated_by: (r) => r.updatedBy,
  updated_at: (r) => r.updatedAt,
  flow_state: (r) => r.flowState,
};

export function storedValue(record: RecordView, field: FieldDef): unknown {
  const system = SYSTEM_VALUES[field.type];
  return (system ? system(record) : record.data[field.id]) ?? null;
}

/** The value as text, as the field type writes it for export (and reads it back on import). */
export function valueText(record: RecordView, field: FieldDef): string {
  const value = storedValue(record, field);
  return value === null ? '' : fieldType(field.type).toText(field, value);
}
