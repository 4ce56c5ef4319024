/**
 * What the server computes on save, computed in the browser as the user types, with the same expression
 * module (`@forecourt/schemas`) and the same steps in the same order as engine/src/records/pipeline.ts:
 * expression defaults → table-row formulas → table rollups → formulas → visibility rules. Lookups and
 * rollups over other forms' records, serial numbers and linkage need the database: the server fills them.
 * The server always recomputes; this is only so the user sees the total before saving.
 */
import {
  aggregate,
  compileExpression,
  expressionInput,
  type FieldDef,
  fieldType,
  formulaOrder,
  isFieldType,
} from '@forecourt/schemas';
import type { FormData } from '../types';

export interface LiveContext {
  now: Date;
  timeZone: string;
  /** A new record: expression defaults apply to fields the user has not touched. */
  isNew: boolean;
  touched: ReadonlySet<string>;
}

export interface LiveResult {
  data: FormData;
  /** Fields whose visibility rule is false now. */
  hidden: Set<string>;
}

const fieldContext = (context: LiveContext) => ({ now: context.now, timeZone: context.timeZone });

async function evaluate(source: string, data: FormData, fields: FieldDef[], context: LiveContext) {
  const result = await compileExpression(source).evaluate(
    expressionInput(fields, data),
    {},
    fieldContext(context),
  );
  return result === undefined ? null : result;
}

/** Through the field's own type, so a money formula rounds like a money field; invalid gives null. */
function coerce(field: FieldDef, value: unknown, context: LiveContext): unknown {
  if (!isFieldType(field.type)) return null;
  const converted = fieldType(field.type).normalize(field, value, fieldContext(context));
  return converted.ok ? converted.value : null;
}

async function computeFormulas(fields: FieldDef[], data: FormData, context: LiveContext) {
  for (const field of formulaOrder(fields)) {
    try {
      data[field.id] = coerce(
        field,
        await evaluate(String(field.expression), data, fields, context),
        context,
      );
    } catch {
      data[field.id] = null;
    }
  }
}

async function computeTableRollups(fields: FieldDef[], data: FormData, context: LiveContext) {
  for (const field of fields.filter((f) => f.type === 'rollup')) {
    const source = field.source as { subform?: string } | undefined;
    if (!source?.subform) continue; // over related records: the server's
    const table = fields.find((f) => f.id === source.subform);
    let items = Array.isArray(data[source.subform]) ? (data[source.subform] as FormData[]) : [];
    try {
      if (typeof field.filter === 'string') {
        const columns = (table?.fields ?? []) as FieldDef[];
        const kept: FormData[] = [];
        for (const item of items)
          if ((await evaluate(field.filter, item, columns, context)) === true) kept.push(item);
        items = kept;
      }
      data[field.id] = coerce(
        field,
        aggregate(String(field.aggregate), items, field.field as string),
        context,
      );
    } catch {
      data[field.id] = null;
    }
  }
}

async function applyExpressionDefaults(fields: FieldDef[], data: FormData, context: LiveContext) {
  if (!context.isNew) return;
  for (const field of fields) {
    const source = field.default;
    if (source?.kind !== 'expression' || context.touched.has(field.id)) continue;
    try {
      data[field.id] = coerce(field, await evaluate(source.expression, data, fields, context), context);
    } catch {
      // left empty; the server says why on save
    }
  }
}

async function hiddenByRules(fields: FieldDef[], data: FormData, context: LiveContext): Promise<Set<string>> {
  const hidden = new Set<string>();
  for (const field of fields) {
    if (typeof field.visibleIf !== 'string') continue;
    try {
      if ((await evaluate(field.visibleIf, data, fields, context)) !== true) hidden.add(field.id);
    } catch {
      hidden.add(field.id);
    }
  }
  return hidden;
}

/** The data with everything computable recomputed, and which fields the rules hide. */
export async function computeLive(
  fields: FieldDef[],
  input: FormData,
  context: LiveContext,
): Promise<LiveResult> {
  const data: FormData = { ...input };
  await applyExpressionDefaults(fields, data, context);
  for (const table of fields.filter((f) => f.type === 'subform')) {
    const rows = data[table.id];
    if (!Array.isArray(rows)) continue;
    const columns = (table.fields ?? []) as FieldDef[];
    const computed: FormData[] = [];
    for (const row of rows as FormData[]) {
      const copy = { ...row };
      await computeFormulas(columns, copy, context);
      computed.push(copy);
    }
    data[table.id] = computed;
  }
  await computeTableRollups(fields, data, context);
  await computeFormulas(fields, data, context);
  return { data, hidden: await hiddenByRules(fields, data, context) };
}
