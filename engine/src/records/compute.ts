import {
  addDecimals,
  compareDecimals,
  compileExpression,
  divideDecimals,
  type FieldDef,
  fieldType,
  formatDecimal,
  referencedFields,
  toDecimal,
} from '@forecourt/schemas';
import type { Executor } from '../db/schema';
import type { ErrorDetail } from '../errors';
import { fieldContext, type WriteContext } from './context';

type Data = Record<string, unknown>;

/** Evaluates an expression against record data; `undefined` (JSONata's "nothing") becomes null. */
export async function evaluate(
  source: string,
  data: Data,
  context: WriteContext,
  fields?: FieldDef[],
): Promise<unknown> {
  const input = fields ? expressionInput(fields, data) : data;
  const result = await compileExpression(source).evaluate(
    input,
    {},
    { now: context.now, timeZone: context.timeZone },
  );
  return result === undefined ? null : result;
}

/**
 * What expressions see: money is stored as exact decimal text, but arithmetic needs numbers, so
 * money values (also inside table rows) are handed over as numbers, and empty fields are left out. A result assigned back to a
 * money field is rounded half-up to its scale by the money type.
 */
export function expressionInput(fields: FieldDef[], data: Data): Data {
  const input: Data = { ...data };
  for (const field of fields) {
    const value = data[field.id];
    // Empty is absent, as in a spreadsheet: `f_total - f_advance` with no total is empty, not an error.
    if (value === null || value === undefined) {
      delete input[field.id];
      continue;
    }
    if (isMoney(field) && typeof value === 'string') input[field.id] = Number(value);
    else if (field.type === 'subform' && Array.isArray(value)) {
      const columns = (field.fields ?? []) as FieldDef[];
      input[field.id] = value.map((row) => expressionInput(columns, row as Data));
    }
  }
  return input;
}

function isMoney(field: FieldDef): boolean {
  return field.type === 'money' || (fieldType(field.type).computed && field.resultType === 'money');
}

/** Assigns a computed result through the field's own type, so it is rounded and shaped like input. */
export function coerce(
  field: FieldDef,
  value: unknown,
  context: WriteContext,
): { value: unknown } | { message: string } {
  const converted = fieldType(field.type).normalize(field, value, fieldContext(context));
  return converted.ok ? { value: converted.value } : { message: converted.message };
}

/** Formulas in an order where each comes after the formulas it reads. */
export function formulaOrder(fields: FieldDef[]): FieldDef[] {
  const formulas = fields.filter((f) => f.type === 'formula' && typeof f.expression === 'string');
  const byId = new Map(formulas.map((f) => [f.id, f]));
  const ordered: FieldDef[] = [];
  const done = new Set<string>();
  const visit = (field: FieldDef, depth: number) => {
    if (done.has(field.id) || depth > formulas.length) return;
    for (const ref of referencedFields(String(field.expression))) {
      const dependency = byId.get(ref);
      if (dependency) visit(dependency, depth + 1);
    }
    if (!done.has(field.id)) {
      done.add(field.id);
      ordered.push(field);
    }
  };
  for (const f of formulas) visit(f, 0);
  return ordered;
}

/** Computes the formulas of one scope (the record, or one table row) in dependency order. */
export async function computeFormulas(
  fields: FieldDef[],
  data: Data,
  context: WriteContext,
  pathPrefix: string,
  issues: ErrorDetail[],
): Promise<void> {
  for (const field of formulaOrder(fields)) {
    try {
      const result = coerce(field, await evaluate(String(field.expression), data, context, fields), context);
      if ('message' in result)
        issues.push({
          path: `${pathPrefix}/${field.id}`,
          message: `Could not compute ${label(field)}: ${result.message}`,
        });
      else data[field.id] = result.value;
    } catch (error) {
      issues.push({
        path: `${pathPrefix}/${field.id}`,
        message: `Could not compute ${label(field)}: ${errorMessage(error)}`,
      });
    }
  }
}

/** Row formulas of every table: each row is computed on its own values. */
export async function computeTableRows(
  fields: FieldDef[],
  data: Data,
  context: WriteContext,
  issues: ErrorDetail[],
) {
  for (const table of fields.filter((f) => f.type === 'subform')) {
    const rows = data[table.id];
    if (!Array.isArray(rows)) continue;
    const columns = (table.fields ?? []) as FieldDef[];
    for (const [index, row] of rows.entries()) {
      for (const column of columns)
        if (fieldType(column.type).computed && column.type !== 'formula') delete row[column.id];
      await computeFormulas(columns, row, context, `/${table.id}/${index}`, issues);
    }
  }
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

/** Aggregates exactly: values are summed as decimals (money stays exact), dates compare as text. */
export function aggregate(kind: string, items: Data[], fieldId: string | undefined): unknown {
  if (kind === 'count')
    return fieldId ? items.filter((i) => i[fieldId] != null && i[fieldId] !== '').length : items.length;
  const values = items.map((i) => (fieldId ? i[fieldId] : undefined)).filter((v) => v != null && v !== '');
  if (!values.length) return null;
  const decimals = values.map(toDecimal);
  if (decimals.some((d) => d === null)) {
    // Not numbers: dates and datetimes (fixed-width ISO text sorts in time order).
    const texts = values.map(String).sort();
    return kind === 'min' ? texts[0] : kind === 'max' ? texts.at(-1) : null;
  }
  const numbers = decimals as NonNullable<ReturnType<typeof toDecimal>>[];
  if (kind === 'min' || kind === 'max') {
    const pick = numbers.reduce((a, b) => (compareDecimals(a, b) * (kind === 'min' ? 1 : -1) <= 0 ? a : b));
    return formatDecimal(pick);
  }
  const sum = numbers.reduce((a, b) => addDecimals(a, b));
  if (kind === 'sum') return formatDecimal(sum);
  return formatDecimal(divideDecimals(sum, toDecimal(numbers.length)!, 10)!);
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
