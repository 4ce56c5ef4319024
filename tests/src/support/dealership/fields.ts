import type { FieldDef, FormDefinition } from '@forecourt/schemas';

/** A field definition in one line: id, type, Chinese and English labels, then the type's own properties. */
export function field(
  id: string,
  type: string,
  zh: string,
  en: string,
  extra: Record<string, unknown> = {},
): FieldDef {
  return { id, type, label: { zh, en }, ...extra } as FieldDef;
}

export function options(...values: [string, string, string?][]) {
  return values.map(([value, zh, en]) => ({ value, label: { zh, en: en ?? value } }));
}

export function form(id: string, app: string, zh: string, en: string, fields: FieldDef[]): FormDefinition {
  return { id, app, title: { zh, en }, fields };
}
