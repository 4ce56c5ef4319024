import { type FieldDef, fieldType } from '@forecourt/schemas';
import { sql } from 'kysely';
import type { Executor } from '../db/schema';
import { type ErrorDetail, ValidationError } from '../errors';
import { computeFormulas, computeLookups, computeRollups, computeTableRows, evaluate } from './compute';
import { type FormVersion, fieldContext, type WriteContext } from './context';
import { applyDefaults, applyRelationCopies } from './defaults';
import { matchesPattern } from './pattern';
import { nextSerial } from './serial';
import { isSystem, validateRecordData } from './validator';

type Data = Record<string, unknown>;

/**
 * The one record write pipeline, used by every path (HTTP, import, workflow, automation):
 * take only the form's writable fields from the input → normalise each → defaults and relation
 * copies → lookups, rollups and formulas (the server always recomputes) → visibility rules →
 * required, validations and the generated JSON Schema → uniqueness → serial numbers.
 * Returns the data to store, or throws a ValidationError naming every bad field path.
 */
export async function prepareRecord(
  db: Executor,
  context: WriteContext,
  form: FormVersion,
  input: unknown,
  existing?: { id: string; data: Data },
): Promise<Data> {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new ValidationError('The record must be an object of field values.', [
      { path: '/', message: 'Send an object.' },
    ]);
  }
  const fields = form.definition.fields;
  const issues: ErrorDetail[] = [];
  const data: Data = {};
  const provided = new Set<string>();
  // An update starts from the stored values (a serial number keeps its number); computed ones are recomputed below.
  for (const field of fields) {
    if (existing && fieldType(field.type).storesValue && field.id in existing.data)
      data[field.id] = existing.data[field.id];
  }
  for (const field of fields) {
    if (!storesInput(field) || field.hidden || !Object.hasOwn(input, field.id)) continue;
    provided.add(field.id);
    const type = fieldType(field.type);
    const raw = (input as Data)[field.id];
    const result = type.normalizeDetailed
      ? type.normalizeDetailed(field, raw, fieldContext(context))
      : toDetailed(type.normalize(field, raw, fieldContext(context)));
    if (result.ok) data[field.id] = result.value;
    else
      for (const issue of result.issues)
        issues.push({ path: `/${field.id}${issue.path}`, message: issue.message });
  }
  const changed = new Set(
    [...provided].filter((id) => JSON.stringify(data[id]) !== JSON.stringify(existing?.data[id])),
  );
  if (!existing) await applyDefaults(db, fields, data, provided, context, issues);
  await applyRelationCopies(db, fields, data, provided, changed, context, issues);
  await computeTableRows(fields, data, context, issues);
  await computeLookups(db, context.actor.workspaceId, fields, data, context, issues);
  await computeRollups(db, context.actor.workspaceId, fields, data, context, issues);
  await computeFormulas(fields, data, context, '', issues);
  await applyVisibility(fields, data, context, issues);
  if (issues.length === 0) await checkRules(fields, data, context, issues);
  if (issues.length === 0)
    issues.push(...validateRecordData(`${form.formId}/${form.version}`, form.definition, data));
  if (issues.length === 0) await checkUnique(db, form, data, existing, issues);
  if (issues.length) throw new ValidationError('Some fields are not valid.', issues);
  if (!existing) await assignSerials(db, context, form, data);
  return data;
}

/** Fields whose value comes from input: stored, not computed, not a system field. */
function storesInput(field: FieldDef): boolean {
  const type = fieldType(field.type);
  return type.storesValue && !type.computed && !isSystem(field);
}

function toDetailed(result: { ok: true; value: unknown } | { ok: false; message: string }) {
  return result.ok ? result : { ok: false as const, issues: [{ path: '', message: result.message }] };
}

/** A field whose visibility rule is false is not shown, so it is neither stored nor checked. */
async function applyVisibility(fields: FieldDef[], data: Data, context: WriteContext, issues: ErrorDetail[]) {
  for (const field of fields) {
    if (typeof field.visibleIf !== 'string') continue;
    try {
      if ((await evaluate(field.visibleIf, data, context, fields)) !== true) data[field.id] = null;
    } catch (error) {
      issues.push({
        path: `/${field.id}`,
        message: `The visibility rule failed: ${error instanceof Error ? error.message : String(error)}`,
      });
    }
  }
}

const isEmpty = (value: unknown) =>
  value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0);

/** Required fields and the per-field validations (range, length, pattern, expression). */
async function checkRules(fields: FieldDef[], data: Data, context: WriteContext, issues: ErrorDetail[]) {
  for (const field of fields) {
    if (field.hidden || !fieldType(field.type).storesValue) continue;
    const value = data[field.id];
    const visible =
      typeof field.visibleIf !== 'string' ||
      value !== null ||
      (await isVisible(field, fields, data, context));
    if (!visible) continue;
    if (field.required && isEmpty(value) && !isSystem(field)) {
      issues.push({ path: `/${field.id}`, message: `${labelOf(field)} is required.` });
      continue;
    }
    const minRows = field.type === 'subform' ? Number(field.minRows ?? 0) : 0;
    if (minRows > 0 && (Array.isArray(value) ? value.length : 0) < minRows) {
      issues.push({ path: `/${field.id}`, message: `${labelOf(field)} needs at least ${minRows} row(s).` });
      continue;
    }
    if (isEmpty(value)) continue;
    for (const rule of field.validations ?? []) {
      const message = await breaks(rule, value, fields, data, context);
      if (message)
        issues.push({
          path: `/${field.id}`,
          message: rule.message?.zh ? `${rule.message.zh} / ${rule.message.en}` : message,
        });
    }
  }
}

async function isVisible(
  field: FieldDef,
  fields: FieldDef[],
  data: Data,
  context: WriteContext,
): Promise<boolean> {
  return (await evaluate(String(field.visibleIf), data, context, fields).catch(() => false)) === true;
}

type Rule = NonNullable<FieldDef['validations']>[number];

async function breaks(
  rule: Rule,
  value: unknown,
  fields: FieldDef[],
  data: Data,
  context: WriteContext,
): Promise<string | undefined> {
  switch (rule.kind) {
    case 'range': {
      const n = Number(value);
      if (rule.min !== undefined && n < Number(rule.min)) return `Must be at least ${rule.min}.`;
      if (rule.max !== undefined && n > Number(rule.max)) return `Must be at most ${rule.max}.`;
      return undefined;
    }
    case 'length': {
      const length = Array.isArray(value) ? value.length : [...String(value)].length;
      if (rule.min !== undefined && length < rule.min) return `Needs at least ${rule.min} characters.`;
      if (rule.max !== undefined && length > rule.max) return `Allows at most ${rule.max} characters.`;
      return undefined;
    }
    case 'pattern':
      return matchesPattern(rule.pattern, String(value)) ? undefined : 'Does not have the expected format.';
    case 'expression':
      return (await evaluate(rule.expression, data, context, fields)) === true
        ? undefined
        : 'Is not acceptable.';
  }
}

/** "No duplicates": an advisory lock per value makes check-then-insert safe against concurrent writers. */
async function checkUnique(
  db: Executor,
  form: FormVersion,
  data: Data,
  existing: { id: string; data: Data } | undefined,
  issues: ErrorDetail[],
) {
  for (const field of form.definition.fields) {
    const value = data[field.id];
    if (
      !field.unique ||
      isEmpty(value) ||
      (existing && JSON.stringify(existing.data[field.id]) === JSON.stringify(value))
    )
      continue;
    const text = typeof value === 'string' ? value : JSON.stringify(value);
    await sql`select pg_advisory_xact_lock(hashtext(${`${form.formId}/${field.id}/${text}`}))`.execute(db);
    let query = db
      .selectFrom('records')
      .select('id')
      .where('form_id', '=', form.formId)
      .where('deleted_at', 'is', null)
      .where(sql<boolean>`data -> ${field.id} = ${JSON.stringify(value)}::jsonb`);
    if (existing) query = query.where('id', '!=', existing.id);
    if (await query.executeTakeFirst())
      issues.push({
        path: `/${field.id}`,
        message: `${labelOf(field)} must be unique: another record already has this value.`,
      });
  }
}

async function assignSerials(db: Executor, context: WriteContext, form: FormVersion, data: Data) {
  for (const field of form.definition.fields.filter((f) => f.type === 'serial')) {
    data[field.id] = await nextSerial(db, context.actor.workspaceId, form.formId, field, {
      ...context,
      values: data,
    });
  }
}

function labelOf(field: FieldDef): string {
  return field.label.zh || field.label.en || field.id;
}
