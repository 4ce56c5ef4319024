/**
 * How records group and summarise on a field, from its type's `groupBy` and `aggregates` traits. A formula,
 * lookup or rollup groups and summarises like the type of its result (a rollup's sum like money).
 */
import type { Aggregation, FieldDef, FieldType, Grouping } from './contract';
import { fieldTypes, valueTypeOf } from './registry';

type Field = Pick<FieldDef, 'type'> & { resultType?: unknown; aggregate?: unknown };

/** The type whose traits a field's values follow: its own, or its result type's. */
function resolved(field: Field): FieldType | undefined {
  const own = fieldTypes.get(field.type);
  return own?.groupBy === 'result' ? fieldTypes.get(valueTypeOf(field)) : own;
}

/** The ways records group on the field; empty when they do not (and for an unknown type). */
export function groupingsOf(field: Field): readonly Grouping[] {
  const groupBy = resolved(field)?.groupBy;
  return Array.isArray(groupBy) ? groupBy : [];
}

/** What a summary may compute over the field's values; empty for layout and unknown types. */
export function aggregatesOf(field: Field): readonly Aggregation[] {
  const aggregates = resolved(field)?.aggregates;
  return Array.isArray(aggregates) ? aggregates : [];
}

/**
 * Whether the field holds a calendar date or an instant (a date, a date-time, when a record was created
 * or changed, a formula or lookup with such a result): the fields that group into date buckets. A task's
 * deadline and a delay may be set by one.
 */
export function holdsDate(field: Field): boolean {
  return groupingsOf(field).includes('day');
}
