/**
 * Whether a form computes anything as the user types (live/compute.ts): formulas (also in table rows),
 * rollups over a table, expression defaults, visibility rules. Only then does the renderer load the
 * expression module (JSONata and RE2, about 70 KB gzipped): a plain booking form on a phone needs neither.
 */
import type { FieldDef } from '@forecourt/schemas';

function computes(field: FieldDef): boolean {
  if (field.type === 'formula' || typeof field.visibleIf === 'string') return true;
  if (field.type === 'rollup' && (field.source as { subform?: string } | undefined)?.subform) return true;
  if (field.default?.kind === 'expression') return true;
  return field.type === 'subform' && ((field.fields ?? []) as FieldDef[]).some(computes);
}

export function computesLive(fields: readonly FieldDef[]): boolean {
  return fields.some(computes);
}
