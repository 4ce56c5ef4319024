import type { FieldType, JsonSchema } from '../contract';
import { defineFieldType, label, ok } from '../conversion';
import { definition, enumSchema, labelSchema } from '../schema-parts';
import type { FieldTypeName } from '../type-names';

/** Layout-only types store nothing: any input is dropped and no value is valid. */
export function layoutType(
  type: FieldTypeName,
  typeLabel: { zh: string; en: string },
  definitionSchema: JsonSchema,
  widget: FieldType['widget'],
): FieldType<never> {
  return defineFieldType<never>({
    type,
    group: 'layout',
    label: typeLabel,
    storesValue: false,
    computed: false,
    compareAs: 'text',
    groupBy: [],
    aggregates: [],
    publicFill: true,
    definitionSchema,
    valueSchema: (): JsonSchema => ({ not: {} }),
    normalize: () => ok(null),
    toText: () => '',
    fromText: () => ok(null),
    widget,
  });
}

export const dividerType = layoutType(
  'divider',
  label('分割线', 'Divider'),
  definition({ title: labelSchema, style: enumSchema(['line', 'space']) }),
  (field) => ({ widget: 'divider', options: { title: field.title, style: field.style ?? 'line' } }),
);
