import { aggregate, type FieldDef, fieldType, normalizeMoney } from '@forecourt/schemas';
import type { Executor } from '../db/schema';
import type { ErrorDetail } from '../errors';
import { evaluateExpression } from '../expressions/evaluator';
import type { FormulaScope } from '../expressions/protocol';
import { fieldContext, type WriteContext } from './context';

type Data = Record<string, unknown>;

/** Evaluates an expression against record data; `undefined` (JSONata's "nothing") becomes null. */
export async function evaluate(
  source: string,
  data: Data,
  context: WriteContext,
  fields?: FieldDef[],
  bindings?: Record<string, unknown>,
): Promise<unknown> {
  const result = await evaluateExpression(source, data, context, fields, bindings);
  return result === undefined ? null : result;
}

/**
 * Assigns a computed result (a default, a relation's copy, an automatic action's value) through the
 * field's own type, so it is shaped like input. Money is rounded to the field's scale, half away from
 * zero, as computed money always is: only amounts a person types are refused for extra decimals.
 */
export function coerce(
  field: FieldDef,
  value: unknown,
  context: WriteContext,
): { value: unknown } | { message: string } {
  const converted =
    field.type === 'money'
      ? normalizeMoney(field, value, 'round')
      : fieldType(field.type).normalize(field, value, fieldContext(context));
  return converted.ok ? { value: converted.value } : { message: converted.message };
}

/** The formula scope of a record (its own fields), for `computeFormulaScopes`. */
export function recordScope(fields: FieldDef[], data: Data, pathPrefix = ''): FormulaScope {
  return { fields, data, pathPrefix };
}

/** The formula scopes of every table row: each row is computed on its own values. */
export function tableRowScopes(fields: FieldDef[], data: Data, pathPrefix = ''): FormulaScope[] {
  const scopes: FormulaScope[] = [];
  for (const table of fields.filter((f) => f.type === 'subform')) {
    const rows = data[table.id];
    if (!Array.isArray(rows)) continue;
    const columns = (table.fields ?? []) as FieldDef[];
    for (const [index, row] of rows.entries()) {
      for (const column of columns)
        if (fieldType(column.type).computed && column.type !== 'formula') delete row[column.id];
      scopes.push({ fields: columns, data: row, pathPrefix: `${pathPrefix}/${table.id}/${index}` });
    }
  }
  return scopes;
}

/** Lookups: a field of the record(s) chosen in a relation, read live. */
export async function computeLookups(
  db: Executor,
  workspaceId: string,
  fields: FieldDef[],
  data: Data,
  context: WriteContext,
  issues: ErrorDetail[],
) {
  for (const field of fields.filter((f) => f.type === 'lookup')) {
    const relation = fields.find((f) => f.id === field.relation);
    const ids = relatedIds(data[String(field.relation)]);
    if (!relation || !ids.length) {
      data[field.id] = null;
      continue;
    }
    const targets = await relatedData(db, workspaceId, ids);
    const values = ids.map((id) => targets.get(id)?.[String(field.targetField)] ?? null);
    const result = coerce(field, relation.multiple ? values : values[0], context);
    if ('message' in result) issues.push({ path: `/${field.id}`, message: result.message });
    else data[field.id] = result.value;
  }
}

/** Rollups: count, sum, avg, min or max over a table's rows or the related records, with a filter. */
export async function computeRollups(
  db: Executor,
  workspaceId: string,
  fields: FieldDef[],
  data: Data,
  context: WriteContext,
  issues: ErrorDetail[],
) {
  for (const field of fields.filter((f) => f.type === 'rollup')) {
    const source = field.source as { relation?: string; subform?: string };
    let items: Data[] = [];
    if (source.subform) items = Array.isArray(data[source.subform]) ? (data[source.subform] as Data[]) : [];
    else if (source.relation) {
      const ids = relatedIds(data[source.relation]);
      const targets = ids.length ? await relatedData(db, workspaceId, ids) : new Map<string, Data>();
      items = ids.flatMap((id) => (targets.has(id) ? [targets.get(id)!] : []));
    }
    try {
      if (typeof field.filter === 'string') {
        const kept: Data[] = [];
        for (const item of items)
          if ((await evaluate(field.filter, item, context, rollupScope(fields, source))) === true)
            kept.push(item);
        items = kept;
      }
      const result = coerce(
        field,
        aggregate(String(field.aggregate), items, field.field as string | undefined),
        context,
      );
      if ('message' in result) issues.push({ path: `/${field.id}`, message: result.message });
      else data[field.id] = result.value;
    } catch (error) {
      issues.push({
        path: `/${field.id}`,
        message: `Could not compute ${label(field)}: ${errorMessage(error)}`,
      });
    }
  }
}

/** The fields of the rows a rollup runs over, when they are a table of this form. */
function rollupScope(fields: FieldDef[], source: { subform?: string }): FieldDef[] | undefined {
  const table = source.subform ? fields.find((f) => f.id === source.subform) : undefined;
  return table ? ((table.fields ?? []) as FieldDef[]) : undefined;
}

export function relatedIds(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

export async function relatedData(
  db: Executor,
  workspaceId: string,
  ids: string[],
): Promise<Map<string, Data>> {
  const rows = await db
    .selectFrom('records')
    .select(['id', 'data'])
    .where('workspace_id', '=', workspaceId)
    .where('id', 'in', ids)
    .where('deleted_at', 'is', null)
    .execute();
  return new Map(rows.map((r) => [r.id, r.data]));
}

function label(field: FieldDef): string {
  return field.label.zh || field.label.en || field.id;
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
