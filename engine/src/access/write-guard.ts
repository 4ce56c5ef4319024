import { type FieldDef, fieldType } from '@forecourt/schemas';
import type { Actor } from '../accounts/actor';
import type { Executor } from '../db/schema';
import { type ErrorDetail, ValidationError } from '../errors';
import { linksOf } from '../records/links';
import { type FieldSet, hasField } from './compile';
import { type FormAccess, forbiddenFields, formAccess } from './form-access';

type Data = Record<string, unknown>;

/** Keys that reach prototypes in JavaScript: refused anywhere in a record, however deep. */
const POLLUTING = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * Names of the record's own columns: Forecourt sets them (owner, department, flow state, revision,
 * timestamps), never a request. Anything `_`-prefixed is reserved for them too.
 */
const SYSTEM_KEYS = new Set([
  'id',
  'workspace_id',
  'workspaceId',
  'form_id',
  'formId',
  'form_version',
  'formVersion',
  'owner',
  'owner_id',
  'ownerId',
  'dept_id',
  'deptId',
  'flow_state',
  'flowState',
  'rev',
  'channel',
  'created_at',
  'createdAt',
  'created_by',
  'createdBy',
  'updated_at',
  'updatedAt',
  'updated_by',
  'updatedBy',
  'deleted_at',
  'deletedAt',
]);

/**
 * The shape problems of a record's input, before anything else reads it: prototype keys at any
 * depth, system keys, and keys that are not fields of the form. (Computed and retired fields are
 * fields: a client may send them back and they are ignored, since the server recomputes.)
 */
export function inputIssues(input: unknown, fields: FieldDef[], base: string): ErrorDetail[] {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return [];
  const issues: ErrorDetail[] = [];
  const known = new Set(fields.map((f) => f.id));
  for (const key of Object.keys(input)) {
    if (POLLUTING.has(key)) continue;
    if (SYSTEM_KEYS.has(key) || key.startsWith('_'))
      issues.push({ path: `${base}/${key}`, message: 'This is set by Forecourt and cannot be sent.' });
    else if (!known.has(key))
      issues.push({ path: `${base}/${key}`, message: `There is no field ${key} in this form.` });
  }
  pollutingKeys(input, base, issues);
  return issues;
}

/** Deeper than any form nests (a table row's address is four levels): refused rather than walked. */
const MAX_DEPTH = 16;

function pollutingKeys(value: unknown, path: string, issues: ErrorDetail[], depth = 0): void {
  if (typeof value !== 'object' || value === null) return;
  if (depth > MAX_DEPTH) {
    issues.push({ path, message: 'This value is nested too deeply.' });
    return;
  }
  for (const key of Object.keys(value)) {
    if (POLLUTING.has(key)) issues.push({ path: `${path}/${key}`, message: 'This key is not allowed.' });
    else pollutingKeys((value as Data)[key], `${path}/${key}`, issues, depth + 1);
  }
}

/** Refuses the input's shape problems with one 422 naming each path. */
export function assertInputShape(inputs: unknown[], fields: FieldDef[], pathOf: (i: number) => string): void {
  const issues = inputs.flatMap((input, i) => inputIssues(input, fields, pathOf(i)));
  if (issues.length) throw new ValidationError('Some keys of the record cannot be sent.', issues);
}

/**
 * Fields the user may not set but the input does (403 naming them). On an update, a value equal to
 * the stored one is not a change (forms send read-only fields back as they showed them; empty is
 * empty, whether null, '' or absent), but only for fields the user can read: otherwise a wrong
 * guess would be refused and a right one pass, telling a hidden value. Computed fields are skipped:
 * their input is ignored anyway.
 */
export function assertWritable(
  access: FormAccess,
  inputs: unknown[],
  writable: FieldSet,
  pathOf: (i: number) => string,
  existing?: { data: Data; readable: FieldSet },
): void {
  if (writable === 'all') return;
  const refused: string[] = [];
  for (const [i, input] of inputs.entries()) {
    if (typeof input !== 'object' || input === null) continue;
    for (const field of access.definition.fields) {
      if (!Object.hasOwn(input, field.id) || hasField(writable, field.id)) continue;
      if (fieldType(field.type).computed || !fieldType(field.type).storesValue) continue;
      const value = (input as Data)[field.id];
      if (existing && hasField(existing.readable, field.id) && same(value, existing.data[field.id])) continue;
      refused.push(`${pathOf(i)}/${field.id}`);
    }
  }
  if (refused.length) throw forbiddenFields(refused);
}

function same(a: unknown, b: unknown): boolean {
  const empty = (v: unknown) => v == null || v === '' || (Array.isArray(v) && v.length === 0);
  return (empty(a) && empty(b)) || JSON.stringify(a) === JSON.stringify(b);
}

/**
 * A relation may only point at records the user may see: otherwise picking an id would read
 * another form through the relation's copies and lookups. Checked for links the write adds.
 */
export async function assertLinksVisible(
  db: Executor,
  actor: Actor,
  fields: FieldDef[],
  records: { data: Data; existing?: Data }[],
  pathOf: (i: number) => string,
): Promise<void> {
  const added = records.flatMap((r, index) => {
    const before = new Set(r.existing ? linksOf(fields, r.existing).map((l) => l.to_record) : []);
    return linksOf(fields, r.data)
      .filter((l) => !before.has(l.to_record))
      .map((l) => ({ ...l, index }));
  });
  if (!added.length) return;
  const targets = targetForms(fields);
  const byForm = new Map<string, Set<string>>();
  for (const l of added) {
    const form = targets.get(l.field_id)!;
    byForm.set(form, (byForm.get(form) ?? new Set()).add(l.to_record));
  }
  const hidden = new Set<string>();
  for (const [formId, ids] of byForm) {
    const target = await formAccess(db, actor, formId);
    if (target.reachesAll('view')) continue;
    const seen = target.can('view')
      ? await db
          .selectFrom('records')
          .select('id')
          .where('workspace_id', '=', actor.workspaceId)
          .where('form_id', '=', formId)
          .where('id', 'in', [...ids])
          .where(target.rows('view'))
          .execute()
      : [];
    const visible = new Set(seen.map((r) => r.id));
    for (const id of ids) if (!visible.has(id)) hidden.add(id);
  }
  const bad = added.filter((l) => hidden.has(l.to_record));
  if (bad.length) {
    throw new ValidationError(
      'A linked record does not exist.',
      bad.map((l) => ({
        path: `${pathOf(l.index)}/${l.field_id}`,
        message: `No record ${l.to_record} in the linked form.`,
      })),
    );
  }
}

function targetForms(fields: FieldDef[]): Map<string, string> {
  const targets = new Map<string, string>();
  for (const f of fields) {
    if (f.type === 'relation') targets.set(f.id, String(f.target));
    if (f.type === 'subform')
      for (const [k, v] of targetForms((f.fields ?? []) as FieldDef[])) targets.set(k, v);
  }
  return targets;
}
