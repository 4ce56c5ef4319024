import { type FieldDef, fieldType } from '@forecourt/schemas';
import type { Executor } from '../db/schema';
import { type ErrorDetail, ValidationError } from '../errors';
import { computeFormulaScopes } from '../expressions/evaluator';
import { computeLookups, computeRollups, recordScope, tableRowScopes } from './compute';
import { type FormVersion, fieldContext, type WriteContext } from './context';
import { applyDefaults, applyRelationCopies } from './defaults';
import { applyVisibility, checkRules } from './rules';
import { assignSerials } from './serial';
import { checkUnique } from './unique';
import { isSystem, validateRecordData } from './validator';

type Data = Record<string, unknown>;

/** One record to prepare: the client's input and, for an update, what is stored now. */
export interface PipelineItem {
  input: unknown;
  existing?: { id: string; data: Data };
}

/**
 * The one record write pipeline, used by every path (HTTP, import, workflow, automation):
 * take only the form's writable fields from the input → normalise each → defaults and relation
 * copies → lookups, rollups and formulas (the server always recomputes) → visibility rules →
 * required, validations and the generated JSON Schema → uniqueness → serial numbers.
 * Works on a batch, so that the set-level steps (uniqueness, serials) cost one query each, not one
 * per record. Returns the data to store, in order, or throws one ValidationError naming every bad
 * field path (`pathOf` says where each record sits in the request, e.g. `/records/3`).
 */
export async function prepareRecords(
  db: Executor,
  context: WriteContext,
  form: FormVersion,
  items: PipelineItem[],
  pathOf: (index: number) => string = () => '',
): Promise<Data[]> {
  const drafts: Draft[] = [];
  for (const item of items) drafts.push(await takeInput(db, context, form, item));
  const fields = form.definition.fields;
  const live = drafts.filter((d): d is Draft & { data: Data } => d.data !== null);
  // Formulas of every record in one step each (table rows, then the records), so a batch of 100 costs
  // a couple of trips to the expression workers, not hundreds.
  await computeFormulaScopes(
    live.flatMap((d) => tableRowScopes(fields, d.data).map((s) => ({ ...s, issues: d.issues }))),
    context,
  );
  for (const draft of live) {
    await computeLookups(db, context.actor.workspaceId, fields, draft.data, context, draft.issues);
    await computeRollups(db, context.actor.workspaceId, fields, draft.data, context, draft.issues);
  }
  await computeFormulaScopes(
    live.map((d) => ({ ...recordScope(fields, d.data), issues: d.issues })),
    context,
  );
  for (const draft of live) await finish(context, form, draft);

  const issues: ErrorDetail[] = [];
  const prepared: Data[] = [];
  for (const [index, draft] of drafts.entries()) {
    if (draft.issues.length) issues.push(...draft.issues.map((i) => prefixed(pathOf(index), i)));
    else if (draft.data) prepared.push(draft.data);
  }
  if (issues.length === 0) {
    const duplicates = await checkUnique(
      db,
      form,
      prepared,
      items.map((i) => i.existing),
    );
    for (const { index, issue } of duplicates) issues.push(prefixed(pathOf(index), issue));
  }
  if (issues.length)
    throw new ValidationError(
      items.length > 1 ? 'Some records are not valid; none was stored.' : 'Some fields are not valid.',
      issues,
    );
  await assignSerials(
    db,
    context,
    form,
    prepared.filter((_, i) => !items[i]!.existing),
  );
  return prepared;
}

/** A record on its way through the pipeline; `data` is null when the input is not a record at all. */
interface Draft {
  data: Data | null;
  issues: ErrorDetail[];
}

/** Input → normalised values, defaults and relation copies. */
async function takeInput(
  db: Executor,
  context: WriteContext,
  form: FormVersion,
  { input, existing }: PipelineItem,
): Promise<Draft> {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return { data: null, issues: [{ path: '/', message: 'A record must be an object of field values.' }] };
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
  return { data, issues };
}

/** Visibility rules, required fields and validations, and the generated JSON Schema. */
async function finish(context: WriteContext, form: FormVersion, draft: Draft & { data: Data }) {
  const { data, issues } = draft;
  const fields = form.definition.fields;
  await applyVisibility(fields, data, context, issues);
  if (issues.length === 0) await checkRules(fields, data, context, issues);
  if (issues.length === 0)
    issues.push(
      ...validateRecordData(
        `${context.actor.workspaceId}/${form.formId}/${form.version}`,
        form.definition,
        data,
      ),
    );
}

/** Fields whose value comes from input: stored, not computed, not a system field. */
function storesInput(field: FieldDef): boolean {
  const type = fieldType(field.type);
  return type.storesValue && !type.computed && !isSystem(field);
}

function toDetailed(result: { ok: true; value: unknown } | { ok: false; message: string }) {
  return result.ok ? result : { ok: false as const, issues: [{ path: '', message: result.message }] };
}

function prefixed(prefix: string, issue: ErrorDetail): ErrorDetail {
  return prefix ? { ...issue, path: `${prefix}${issue.path === '/' ? '' : issue.path}` } : issue;
}
