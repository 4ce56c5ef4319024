import { fieldType, isFieldType } from '@forecourt/schemas';
import type { FieldDef } from '../../api/types';

/**
 * The fields a fill link may list, as the server decides (engine/src/public-links/fields.ts): live
 * fields, not people, relations, files or system fields. Computed ones may be listed: shown, not filled.
 */
export function fillableFields(fields: FieldDef[]): FieldDef[] {
  return fields.filter((f) => !f.hidden && isFieldType(f.type) && fieldType(f.type).publicFill);
}
